#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QList>
#include <QPointer>
#include <QString>
#include <QUrlQuery>

#include <utility>

namespace Im::Http {

class HttpConnection;

//! A parsed request as a plain value: QHttpServerRequest cannot be copied and dies with its
//! connection, while handlers finish later, possibly after the client left.
struct HttpRequest
{
    using Method = QHttpServerRequest::Method;

    Method method = Method::Unknown;
    QString path; //!< Decoded path, without the query.
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QHash<QString, QString> pathParameters; //!< Filled by the router from `:name` segments.
    //! The connection the request came on; null once the client is gone. Handlers that hold an
    //! answer back (long-polling) watch its disconnected() signal.
    QPointer<HttpConnection> connection;

    [[nodiscard]] static HttpRequest fromServerRequest(const QHttpServerRequest &request);

    //! The first value of header \a name (case-insensitive), or an empty array.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] bool hasHeader(QByteArrayView name) const;
    [[nodiscard]] QByteArray methodName() const;
};

} // namespace Im::Http
