#include "net/adminapiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

//! The envelope's message: a string, or (validation errors) an array of strings.
QString envelopeMessage(const QJsonObject &envelope)
{
    const QJsonValue message = envelope.value(u"message"_s);
    if (!message.isArray())
        return message.toString();
    QStringList parts;
    for (const QJsonValue &part : message.toArray())
        parts.append(part.toString());
    return parts.join(u"; "_s);
}

constexpr const char *tooLargeProperty = "imAdminTooLarge";

} // namespace

AdminApiClient::AdminApiClient(QObject *parent)
    : QObject(parent)
{
    m_network.setTransferTimeout(transferTimeoutMs);
}

void AdminApiClient::setServer(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl;
}

void AdminApiClient::setCredentials(int userId, const QString &token)
{
    m_userId = userId;
    m_token = token;
}

void AdminApiClient::get(const QString &path, Callback done, const QObject *context)
{
    watch(m_network.get(request(path, true)), std::move(done), context);
}

void AdminApiClient::del(const QString &path, Callback done, const QObject *context)
{
    watch(m_network.deleteResource(request(path, true)), std::move(done), context);
}

void AdminApiClient::post(const QString &path, Callback done, const QObject *context)
{
    watch(m_network.post(request(path, true), "{}"_ba), std::move(done), context);
}

void AdminApiClient::login(const QString &account, const QString &password, Callback done,
                           const QObject *context)
{
    const QJsonObject body { { u"account"_s, account }, { u"pwd"_s, password } };
    watch(m_network.post(request(u"/users/login"_s, false),
                         QJsonDocument(body).toJson(QJsonDocument::Compact)),
          std::move(done), context);
}

QNetworkRequest AdminApiClient::request(const QString &path, bool withSession) const
{
    // Appended to the base URL's own path, so a console behind a path prefix works too.
    const qsizetype queryStart = path.indexOf(u'?');
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + u"/api/v1"_s + path.left(queryStart));
    url.setQuery(queryStart < 0 ? QString() : path.mid(queryStart + 1));

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (withSession) {
        request.setRawHeader("userid", QByteArray::number(m_userId));
        request.setRawHeader("authorization", m_token.toUtf8());
    }
    return request;
}

void AdminApiClient::watch(QNetworkReply *reply, Callback done, const QObject *context)
{
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > maxReplyBytes) {
            reply->setProperty(tooLargeProperty, true);
            reply->abort();
        }
    });
    // The reply is always released; the callback only runs while its context lives.
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->property(tooLargeProperty).toBool()) {
            done(QJsonValue(), ApiError { status, tr("The server's answer is too large.") });
            return;
        }
        // Canceled = the transfer time-out: the server is there but does not answer.
        if (status == 0 || reply->error() == QNetworkReply::OperationCanceledError) {
            const QString reason = reply->error() == QNetworkReply::OperationCanceledError
                ? tr("the server did not answer in time")
                : reply->errorString();
            done(QJsonValue(), ApiError { 0, tr("Cannot reach the server: %1").arg(reason) });
            return;
        }
        const QJsonObject envelope = QJsonDocument::fromJson(reply->readAll()).object();
        const int envelopeStatus = envelope.value(u"statusCode"_s).toInt(status);
        if (status >= 200 && status < 300 && envelopeStatus >= 200 && envelopeStatus < 300) {
            done(envelope.value(u"data"_s), std::nullopt);
            return;
        }
        const int failedStatus = status >= 300 ? status : envelopeStatus;
        QString message = envelopeMessage(envelope);
        if (message.isEmpty())
            message = reply->errorString();
        done(QJsonValue(),
             ApiError { failedStatus, tr("HTTP %1: %2").arg(failedStatus).arg(message) });
    });
}

} // namespace Im::Admin
