#pragma once

#include <QByteArray>
#include <QString>

namespace Im::Test {

//! Builds a multipart/form-data body (RFC 7578) for upload tests.
class MultipartForm
{
public:
    MultipartForm &field(const QString &name, const QString &value);
    MultipartForm &file(const QString &name, const QString &fileName, const QByteArray &content,
                        const QByteArray &contentType = "application/octet-stream");

    [[nodiscard]] QByteArray body() const;
    //! `multipart/form-data; boundary=...`, for the Content-Type header.
    [[nodiscard]] QByteArray contentType() const;

private:
    void openPart(const QString &disposition, const QByteArray &contentType);

    QByteArray m_parts;
};

} // namespace Im::Test
