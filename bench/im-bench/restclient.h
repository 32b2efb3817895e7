#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace Im::Bench {

//! The answer of one REST call: the HTTP status and the server's JSON envelope
//! `{statusCode, message, data}`, or why there is none.
struct RestReply
{
    int httpStatus = 0; //!< 0 when no HTTP answer came
    QJsonObject envelope;
    QString error; //!< transport or parse failure; empty otherwise

    [[nodiscard]] bool isOk() const
    {
        return error.isEmpty() && httpStatus == 200
            && envelope.value(QStringLiteral("statusCode")).toInt() == 200;
    }
    [[nodiscard]] QJsonObject data() const
    {
        return envelope.value(QStringLiteral("data")).toObject();
    }
    //! One line for a failure report.
    [[nodiscard]] QString describe() const;
};

//! A user's session as the server handed it out.
struct Session
{
    qint64 userId = 0;
    QByteArray token;
};

//! JSON calls to `<base>/api/v1`, asynchronous, optionally with a session's headers.
class RestClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const RestReply &)>;

    explicit RestClient(QUrl base, QObject *parent = nullptr);

    //! POSTs \a body to \a path (below /api/v1), as \a session unless its userId is 0.
    void post(const QString &path, const QJsonObject &body, const Session &session, Done done);

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

} // namespace Im::Bench
