#include "log/categoryfilter.h"

#include <QStringList>

#include <array>
#include <optional>

using namespace Qt::StringLiterals;

namespace Im::Log {

namespace {

// Qt's filterable message types, from least to most severe. QtFatalMsg cannot be filtered.
constexpr std::array<QLatin1StringView, 4> kTypes = { "debug"_L1, "info"_L1, "warning"_L1,
                                                      "critical"_L1 };

std::optional<qsizetype> levelIndex(QStringView level)
{
    const QString lower = level.trimmed().toString().toLower();
    if (lower == "warn"_L1)
        return 2;
    if (lower == "error"_L1)
        return 3;
    for (qsizetype i = 0; i < qsizetype(kTypes.size()); ++i) {
        if (lower == kTypes[size_t(i)])
            return i;
    }
    return std::nullopt;
}

bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
        || c == u'_' || c == u'-';
}

// Qt's rule parser only understands `*` at the start and/or the end of a pattern; anything else
// would be silently ignored by Qt, so it is rejected here where the user can be told.
bool isValidPattern(QStringView pattern)
{
    if (pattern == u"*")
        return true;
    const bool leadingStar = pattern.startsWith(u'*');
    const bool trailingStar = pattern.endsWith(u'*');
    QStringView core = pattern;
    if (leadingStar)
        core = core.mid(1);
    if (trailingStar)
        core.chop(1);
    // The dot next to a wildcard separates it from the name ("im.*", "*.sql").
    if (leadingStar && core.startsWith(u'.'))
        core = core.mid(1);
    if (trailingStar && core.endsWith(u'.'))
        core.chop(1);
    if (core.isEmpty())
        return false;
    const auto segments = core.split(u'.');
    for (QStringView segment : segments) {
        if (segment.isEmpty())
            return false;
        for (QChar c : segment) {
            if (!isNameChar(c))
                return false;
        }
    }
    return true;
}

void appendLevel(QString &out, QStringView pattern, qsizetype minimum)
{
    for (qsizetype i = 0; i < qsizetype(kTypes.size()); ++i) {
        out += pattern;
        out += u'.';
        out += kTypes[size_t(i)];
        out += i >= minimum ? u"=true\n"_s : u"=false\n"_s;
    }
}

} // namespace

Result<QString> categoryFilterRules(const QString &defaultLevel, const QString &rules)
{
    const std::optional<qsizetype> defaultIndex = levelIndex(defaultLevel);
    if (!defaultIndex)
        return makeError(
            ErrorCode::Malformed,
            u"unknown log level \"%1\" (expected debug, info, warning or critical)"_s.arg(
                defaultLevel));

    QString out;
    appendLevel(out, u"qt.*", 2);
    appendLevel(out, u"default", *defaultIndex);
    appendLevel(out, u"im.*", *defaultIndex);
    appendLevel(out, u"admin.*", *defaultIndex);

    const QStringList items = rules.split(u';', Qt::SkipEmptyParts);
    for (const QString &rawItem : items) {
        const QString item = rawItem.trimmed();
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf(u'=');
        if (eq < 0)
            return makeError(ErrorCode::Malformed,
                             u"log rule \"%1\" is not of the form category=level"_s.arg(item));
        const QString pattern = item.left(eq).trimmed();
        if (!isValidPattern(pattern))
            return makeError(ErrorCode::Malformed,
                             u"log rule \"%1\" has an invalid category pattern"_s.arg(item));
        const std::optional<qsizetype> index = levelIndex(QStringView(item).mid(eq + 1));
        if (!index)
            return makeError(ErrorCode::Malformed,
                             u"log rule \"%1\" has an unknown level (expected debug, info, "
                             u"warning or critical)"_s.arg(item));
        appendLevel(out, pattern, *index);
    }
    return out;
}

} // namespace Im::Log
