#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <utility>

namespace Im::Http {

//! A response as a plain value, serialised by the front door once its turn on the connection comes.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &object);
    [[nodiscard]] static HttpResponse text(int status, const QByteArray &text);
    [[nodiscard]] static HttpResponse empty(int status);

    void setHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

//! The standard reason phrase of \a status ("Not Found"), as the envelope's `error` field uses it.
[[nodiscard]] QByteArray reasonPhrase(int status);

} // namespace Im::Http
