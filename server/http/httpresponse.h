#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Im::Http {

//! A response as a plain value, serialised by the front door once its turn on the connection comes.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    //! A body streamed from a file region instead of \c body: the connection reads it in chunks
    //! as the client takes them, so a large download never sits in memory.
    struct FileBody
    {
        QString path;
        qint64 offset = 0;
        qint64 length = 0;
    };
    std::optional<FileBody> file = std::nullopt;

    //! The body's length, whether in memory or in a file.
    [[nodiscard]] qint64 bodySize() const { return file ? file->length : body.size(); }

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &object);
    [[nodiscard]] static HttpResponse text(int status, const QByteArray &text);
    [[nodiscard]] static HttpResponse empty(int status);

    void setHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

//! The standard reason phrase of \a status ("Not Found"), as the envelope's `error` field uses it.
[[nodiscard]] QByteArray reasonPhrase(int status);

} // namespace Im::Http
