#include "http/requestbody.h"

#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Im::Http {

std::optional<QJsonObject> bodyObject(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject();
    const QByteArray type = request.header("content-type").toLower();
    if (type.startsWith("application/x-www-form-urlencoded")) {
        QJsonObject object;
        const QUrlQuery form(QString::fromUtf8(request.body));
        for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded))
            object.insert(key, value);
        return object;
    }
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace Im::Http
