#pragma once

#include "testhttpclient.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Im::Test {

class InProcessServer;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

//! The password the API tests register their accounts with.
inline const QString testPassword = QStringLiteral("secret123");

//! Sends \a method to \a path of \a server with \a headers, and \a body as JSON when given.
TestResponse sendJson(const InProcessServer &server, const QByteArray &method, const QString &path,
                      Headers headers, const std::optional<QJsonObject> &body = std::nullopt);

//! `POST /api/v1/users/create` for \a account; returns the answer (a warning when it failed).
QJsonObject registerAccount(const InProcessServer &server, const QString &account,
                            const QString &password = testPassword);

//! The `userid` + `authorization` headers of a login or registration answer.
[[nodiscard]] Headers sessionHeaders(const QJsonObject &sessionAnswer);

} // namespace Im::Test
