#include "apiclient.h"

#include "inprocessserver.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Im::Test {

TestResponse sendJson(const InProcessServer &server, const QByteArray &method, const QString &path,
                      Headers headers, const std::optional<QJsonObject> &body)
{
    QByteArray payload;
    if (body) {
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    return httpRequest(method, server.url(path), headers, payload);
}

QJsonObject registerAccount(const InProcessServer &server, const QString &account,
                            const QString &password)
{
    const TestResponse response =
        sendJson(server, "POST", u"/api/v1/users/create"_s, {},
                 QJsonObject { { u"account"_s, account }, { u"pwd"_s, password } });
    if (response.status != 200)
        qWarning() << "registration failed:" << response.body;
    return response.json();
}

Headers sessionHeaders(const QJsonObject &sessionAnswer)
{
    const QJsonObject data = sessionAnswer.value(u"data"_s).toObject();
    return { { "userid", QByteArray::number(data.value(u"id"_s).toInt()) },
             { "authorization", data.value(u"token"_s).toString().toLatin1() } };
}

} // namespace Im::Test
