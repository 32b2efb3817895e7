#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <utility>

namespace Im::Test {

struct TestResponse
{
    int status = 0; //!< 0 when no HTTP answer came
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] QJsonObject json() const;
};

//! Blocking HTTP for test code only (the code under test never blocks): sends one request with
//! QNetworkAccessManager and waits for the answer.
TestResponse httpRequest(const QByteArray &method, const QUrl &url,
                         const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                         const QByteArray &body = {}, int timeoutMs = 15000);

} // namespace Im::Test
