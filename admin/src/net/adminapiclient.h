#pragma once

#include "net/apierror.h"

#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkReply;

namespace Im::Admin {

//! The server's REST API (under /api/v1) as the console uses it: asynchronous requests with the
//! session headers, answers unwrapped from the `{statusCode, message, data}` envelope.
class AdminApiClient : public QObject
{
    Q_OBJECT

public:
    //! Called with the envelope's `data` on success, or with the error.
    using Callback =
        std::function<void(const QJsonValue &data, const std::optional<ApiError> &error)>;

    //! A request that takes longer is abandoned (an error without HTTP status).
    static constexpr int transferTimeoutMs = 10000;
    //! Largest answer accepted; a larger one is abandoned.
    static constexpr qint64 maxReplyBytes = 64 * 1024 * 1024;

    explicit AdminApiClient(QObject *parent = nullptr);

    //! The server's base URL, e.g. http://127.0.0.1:3000 (a path prefix is kept).
    void setServer(const QUrl &baseUrl);
    //! The session sent as the `userid` and `authorization` headers.
    void setCredentials(int userId, const QString &token);

    //! GET /api/v1 + \a path ("/admin/queues", query allowed). \a done runs on \a context's
    //! thread, and not at all once \a context is destroyed.
    void get(const QString &path, Callback done, const QObject *context);
    //! DELETE /api/v1 + \a path.
    void del(const QString &path, Callback done, const QObject *context);
    //! POST /api/v1 + \a path with an empty JSON object.
    void post(const QString &path, Callback done, const QObject *context);
    //! POST /api/v1/users/login; \a done gets the session ({id, token, ...}). Does not change the
    //! credentials: the caller decides.
    void login(const QString &account, const QString &password, Callback done,
               const QObject *context);

private:
    [[nodiscard]] QNetworkRequest request(const QString &path, bool withSession) const;
    void watch(QNetworkReply *reply, Callback done, const QObject *context);

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    int m_userId = 0;
    QString m_token;
};

} // namespace Im::Admin
