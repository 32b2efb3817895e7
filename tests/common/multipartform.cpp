#include "multipartform.h"

using namespace Qt::StringLiterals;

namespace Im::Test {

namespace {

// Long and odd enough never to occur in test content.
constexpr QByteArrayView boundary = "im-test-boundary-7f3a9c1e5b";

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    return u"\""_s + escaped + u"\""_s;
}

} // namespace

void MultipartForm::openPart(const QString &disposition, const QByteArray &contentType)
{
    m_parts += "--" + boundary.toByteArray() + "\r\n";
    m_parts += "Content-Disposition: form-data; " + disposition.toUtf8() + "\r\n";
    if (!contentType.isEmpty())
        m_parts += "Content-Type: " + contentType + "\r\n";
    m_parts += "\r\n";
}

MultipartForm &MultipartForm::field(const QString &name, const QString &value)
{
    openPart(u"name=%1"_s.arg(quoted(name)), {});
    m_parts += value.toUtf8() + "\r\n";
    return *this;
}

MultipartForm &MultipartForm::file(const QString &name, const QString &fileName,
                                   const QByteArray &content, const QByteArray &contentType)
{
    openPart(u"name=%1; filename=%2"_s.arg(quoted(name), quoted(fileName)), contentType);
    m_parts += content + "\r\n";
    return *this;
}

QByteArray MultipartForm::body() const
{
    return m_parts + "--" + boundary.toByteArray() + "--\r\n";
}

QByteArray MultipartForm::contentType() const
{
    return "multipart/form-data; boundary=" + boundary.toByteArray();
}

} // namespace Im::Test
