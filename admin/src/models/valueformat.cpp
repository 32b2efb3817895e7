#include "models/valueformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

constexpr const char *context = "Im::Admin::ValueFormat";

QString translated(const char *source)
{
    return QCoreApplication::translate(context, source);
}

//! The server's keywords that have a translation; anything else is shown as sent.
QString keywordText(const QString &keyword)
{
    struct Keyword
    {
        QLatin1StringView wire;
        const char *text;
    };
    static const Keyword keywords[] = {
        { "up"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "up") },
        { "down"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "down") },
        { "unknown"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "unknown") },
        { "disabled"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "disabled") },
        { "websocket"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "WebSocket") },
        { "polling"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "polling") },
        { "single"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "single") },
        { "group"_L1, QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "group") },
    };
    for (const Keyword &known : keywords) {
        if (known.wire == keyword)
            return translated(known.text);
    }
    return keyword;
}

QDateTime parseTime(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs)
                            : QDateTime();
}

QString formatNumber(double number)
{
    const QLocale locale;
    if (std::trunc(number) == number && std::abs(number) < 9.0e15)
        return locale.toString(qint64(number));
    return locale.toString(number, 'f', std::abs(number) < 10 ? 2 : 1);
}

QString plainNumber(double number)
{
    if (std::trunc(number) == number && std::abs(number) < 9.0e15)
        return QString::number(qint64(number));
    return QString::number(number);
}

} // namespace

QString formatDuration(qint64 milliseconds)
{
    const QLocale locale;
    const qint64 ms = std::max<qint64>(milliseconds, 0);
    constexpr qint64 second = 1000, minute = 60 * second, hour = 60 * minute, day = 24 * hour;
    if (ms < second)
        return translated(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "%1 ms")).arg(ms);
    if (ms < minute)
        return translated(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "%1 s"))
            .arg(locale.toString(double(ms) / second, 'f', 1));
    const auto pair = [](const char *source, qint64 major, qint64 minor) {
        return translated(source).arg(major).arg(minor);
    };
    if (ms < hour)
        return pair(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "%1 min %2 s"), ms / minute,
                    ms % minute / second);
    if (ms < day)
        return pair(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "%1 h %2 min"), ms / hour,
                    ms % hour / minute);
    return pair(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "%1 d %2 h"), ms / day,
                ms % day / hour);
}

QString formatValue(const QJsonValue &value, ValueFormat format)
{
    if (value.isNull() || value.isUndefined())
        return {};
    switch (format) {
    case ValueFormat::Text:
        break;
    case ValueFormat::Id:
        break;
    case ValueFormat::Count:
        if (value.isDouble())
            return formatNumber(value.toDouble());
        break;
    case ValueFormat::DateTime:
        if (const QDateTime time = parseTime(value); time.isValid()) {
            // Today's times without the day, which would only repeat itself down the column.
            const QDateTime local = time.toLocalTime();
            return local.toString(local.date() == QDate::currentDate() ? u"HH:mm:ss"_s
                                                                       : u"yyyy-MM-dd HH:mm:ss"_s);
        }
        break;
    case ValueFormat::DurationMs:
        // Under a millisecond with its decimals: 0.02 ms is no "0 ms".
        if (value.isDouble() && value.toDouble() > 0 && value.toDouble() < 1)
            return translated(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "%1 ms"))
                .arg(QLocale().toString(value.toDouble(), 'f', 2));
        if (value.isDouble())
            return formatDuration(qint64(value.toDouble()));
        break;
    case ValueFormat::DurationSeconds:
        if (value.isDouble())
            return formatDuration(qint64(value.toDouble() * 1000));
        break;
    case ValueFormat::Bytes:
        if (value.isDouble())
            return QLocale().formattedDataSize(value.toInteger());
        break;
    case ValueFormat::YesNo:
        if (value.isBool())
            return value.toBool() ? translated(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "yes"))
                                  : translated(QT_TRANSLATE_NOOP("Im::Admin::ValueFormat", "no"));
        break;
    case ValueFormat::Keyword:
        if (value.isString())
            return keywordText(value.toString());
        break;
    }
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return plainNumber(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

QVariant sortValue(const QJsonValue &value, ValueFormat format)
{
    switch (format) {
    case ValueFormat::Text:
    case ValueFormat::Keyword:
        if (value.isDouble())
            return value.toDouble();
        return formatValue(value, format);
    case ValueFormat::DateTime: {
        const QDateTime time = parseTime(value);
        // Missing times sort before every real one.
        return time.isValid() ? time.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    }
    case ValueFormat::YesNo:
        return value.toBool() ? 1.0 : 0.0;
    case ValueFormat::Id:
    case ValueFormat::Count:
    case ValueFormat::DurationMs:
    case ValueFormat::DurationSeconds:
    case ValueFormat::Bytes:
        // Missing numbers sort before every real one; one type for the whole column.
        return value.isDouble() ? value.toDouble() : -std::numeric_limits<double>::infinity();
    }
    return {};
}

} // namespace Im::Admin
