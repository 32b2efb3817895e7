#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QString>
#include <QUrlQuery>

#include <memory>
#include <utility>

namespace Im::Http {

class HttpConnection;

//! A parsed request as a plain value: QHttpServerRequest cannot be copied and dies with its
//! connection, while handlers finish later, possibly after the client left.
struct HttpRequest
{
    //! The methods routes are registered for; any other is Unknown, with its name in methodToken.
    enum class Method { Unknown, Get, Put, Delete, Post, Head, Options, Patch, Connect, Trace };

    Method method = Method::Unknown;
    QByteArray methodToken; //!< the method as the client sent it
    QString path; //!< Decoded path, without the query.
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    //! Keeps a spooled body's file mapping alive while any copy of the request (or a QByteArray
    //! sharing \c body's bytes) may still read it: a large upload is a view of a temporary file.
    std::shared_ptr<const void> bodyOwner;
    QHostAddress remoteAddress;
    QHash<QString, QString> pathParameters; //!< Filled by the router from `:name` segments.
    //! The connection the request came on; null once the client is gone. Handlers that hold an
    //! answer back (long-polling) watch its disconnected() signal.
    QPointer<HttpConnection> connection;

    //! The first value of header \a name (case-insensitive), or an empty array.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] bool hasHeader(QByteArrayView name) const;
    //! The method's name as sent (`GET`, or an unknown one as it came).
    [[nodiscard]] QByteArray methodName() const;
};

//! The name of \a method (`GET`); `UNKNOWN` for Unknown.
[[nodiscard]] QByteArray methodName(HttpRequest::Method method);
//! The method called \a name (case-sensitive, as HTTP methods are), or Unknown.
[[nodiscard]] HttpRequest::Method methodFromName(QByteArrayView name);

} // namespace Im::Http
