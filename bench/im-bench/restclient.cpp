#include "restclient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Im::Bench {

QString RestReply::describe() const
{
    if (!error.isEmpty())
        return error;
    return u"HTTP %1 %2"_s.arg(httpStatus)
        .arg(QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact)));
}

RestClient::RestClient(QUrl base, QObject *parent)
    : QObject(parent)
    , m_base(std::move(base))
{
    m_network.setAutoDeleteReplies(true);
}

void RestClient::post(const QString &path, const QJsonObject &body, const Session &session,
                      Done done)
{
    QUrl url = m_base;
    url.setPath(u"/api/v1"_s + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (session.userId != 0) {
        request.setRawHeader("userid", QByteArray::number(session.userId));
        request.setRawHeader("authorization", session.token);
    }
    QNetworkReply *reply =
        m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        RestReply answer;
        answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        if (answer.httpStatus == 0) {
            answer.error = reply->errorString();
        } else {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
            if (!document.isObject())
                answer.error = u"HTTP %1 without a JSON envelope"_s.arg(answer.httpStatus);
            answer.envelope = document.object();
        }
        done(answer);
    });
}

} // namespace Im::Bench
