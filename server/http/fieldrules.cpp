#include "http/fieldrules.h"

#include "http/envelope.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace FieldRules {

bool requiredString(const QJsonObject &body, const QString &key, QString *out, qsizetype maxLength)
{
    const QJsonValue value = body.value(key);
    if (!value.isString() || value.toString().isEmpty() || value.toString().size() > maxLength)
        return false;
    *out = value.toString();
    return true;
}

bool optionalString(const QJsonObject &body, const QString &key, QVariant *out, qsizetype maxLength)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull()) {
        *out = QVariant();
        return true;
    }
    if (!value.isString() || value.toString().size() > maxLength)
        return false;
    *out = value.toString();
    return true;
}

std::optional<int> positiveInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 1 || number > std::numeric_limits<int>::max() || std::floor(number) != number)
        return std::nullopt;
    return static_cast<int>(number);
}

bool optionalBool(const QJsonObject &body, const QString &key, std::optional<bool> *out)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool())
        return false;
    *out = value.toBool();
    return true;
}

std::optional<qint64> queryInteger(const HttpRequest &request, const QString &key, qint64 fallback,
                                   qint64 min, qint64 max)
{
    if (!request.query.hasQueryItem(key))
        return fallback;
    const QString text = request.query.queryItemValue(key);
    const bool digits = !text.isEmpty() && text.size() <= 19
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    const qint64 value = digits ? text.toLongLong() : -1;
    if (!digits || value < min || value > max)
        return std::nullopt;
    return value;
}

std::optional<int> pathId(const HttpRequest &request)
{
    bool numeric = false;
    const int id = request.pathParameters.value(u"id"_s).toInt(&numeric);
    if (!numeric || id <= 0)
        return std::nullopt;
    return id;
}

} // namespace FieldRules

HttpResponse badParameters()
{
    return Envelope::failure(400, u"Incorrect request parameter."_s);
}

QFuture<HttpResponse> ready(HttpResponse response)
{
    return QtFuture::makeReadyFuture(std::move(response));
}

} // namespace Im::Http
