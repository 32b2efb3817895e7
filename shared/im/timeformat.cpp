#include "im/timeformat.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Im {

std::optional<QTimeZone> parseUtcOffset(QStringView text)
{
    if (text == u"Z" || text == u"z")
        return QTimeZone::utc();
    static const QRegularExpression pattern(u"^([+-])([01]\\d|2[0-3]):([0-5]\\d)$"_s);
    const auto match = pattern.match(text.toString());
    if (!match.hasMatch())
        return std::nullopt;
    const int seconds = match.capturedView(2).toInt() * 3600 + match.capturedView(3).toInt() * 60;
    return QTimeZone(match.capturedView(1) == u"-" ? -seconds : seconds);
}

QString formatWireDateTime(const QDateTime &moment, const QTimeZone &zone)
{
    return moment.toTimeZone(zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace Im
