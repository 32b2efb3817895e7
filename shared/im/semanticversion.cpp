#include "im/semanticversion.h"

using namespace Qt::StringLiterals;

namespace Im {

namespace {

bool isIdentifierChar(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
        || c == u'-';
}

bool isDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Digits without a leading zero ("0" itself is fine), as the standard requires of numbers.
bool isNumber(QStringView text)
{
    return isDigits(text) && (text.size() == 1 || text.front() != u'0');
}

std::optional<quint64> parseNumber(QStringView text)
{
    if (!isNumber(text))
        return std::nullopt;
    bool ok = false;
    const quint64 value = text.toULongLong(&ok);
    if (!ok)
        return std::nullopt; // overflow
    return value;
}

// Dot-separated, non-empty identifiers of [0-9A-Za-z-]; pre-release ones must not be numbers with
// a leading zero.
std::optional<QStringList> parseIdentifiers(QStringView text, bool preRelease)
{
    QStringList identifiers;
    for (QStringView identifier : text.split(u'.')) {
        if (identifier.isEmpty())
            return std::nullopt;
        for (QChar c : identifier) {
            if (!isIdentifierChar(c))
                return std::nullopt;
        }
        if (preRelease && isDigits(identifier) && !isNumber(identifier))
            return std::nullopt;
        identifiers.append(identifier.toString());
    }
    return identifiers;
}

// Numbers of any size without leading zeros: the longer one is larger, else the text decides.
std::strong_ordering compareNumeric(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return a.size() <=> b.size();
    return QString::compare(a, b) <=> 0;
}

std::strong_ordering compareIdentifiers(const QString &a, const QString &b)
{
    const bool aNumeric = isDigits(a);
    const bool bNumeric = isDigits(b);
    if (aNumeric && bNumeric)
        return compareNumeric(a, b);
    if (aNumeric != bNumeric)
        return aNumeric ? std::strong_ordering::less : std::strong_ordering::greater;
    // ASCII order: the identifiers hold ASCII only, so UTF-16 code units order them the same.
    return QString::compare(a, b, Qt::CaseSensitive) <=> 0;
}

} // namespace

std::optional<SemanticVersion> SemanticVersion::parse(QStringView text)
{
    if (text.isEmpty() || text.size() > maxLength)
        return std::nullopt;
    SemanticVersion version;
    QStringView rest = text;
    if (const qsizetype plus = rest.indexOf(u'+'); plus >= 0) {
        auto build = parseIdentifiers(rest.sliced(plus + 1), false);
        if (!build)
            return std::nullopt;
        version.m_build = *build;
        rest = rest.first(plus);
    }
    if (const qsizetype dash = rest.indexOf(u'-'); dash >= 0) {
        auto preRelease = parseIdentifiers(rest.sliced(dash + 1), true);
        if (!preRelease)
            return std::nullopt;
        version.m_preRelease = *preRelease;
        rest = rest.first(dash);
    }
    const auto core = rest.split(u'.');
    if (core.size() != 3)
        return std::nullopt;
    const auto major = parseNumber(core[0]);
    const auto minor = parseNumber(core[1]);
    const auto patch = parseNumber(core[2]);
    if (!major || !minor || !patch)
        return std::nullopt;
    version.m_major = *major;
    version.m_minor = *minor;
    version.m_patch = *patch;
    return version;
}

QString SemanticVersion::toString() const
{
    QString text = u"%1.%2.%3"_s.arg(m_major).arg(m_minor).arg(m_patch);
    if (!m_preRelease.isEmpty())
        text += u'-' + m_preRelease.join(u'.');
    if (!m_build.isEmpty())
        text += u'+' + m_build.join(u'.');
    return text;
}

std::weak_ordering operator<=>(const SemanticVersion &a, const SemanticVersion &b)
{
    if (auto order = a.m_major <=> b.m_major; order != 0)
        return order;
    if (auto order = a.m_minor <=> b.m_minor; order != 0)
        return order;
    if (auto order = a.m_patch <=> b.m_patch; order != 0)
        return order;
    // A pre-release comes before its release.
    if (a.m_preRelease.isEmpty() || b.m_preRelease.isEmpty())
        return a.m_preRelease.isEmpty() <=> b.m_preRelease.isEmpty();
    const qsizetype common = std::min(a.m_preRelease.size(), b.m_preRelease.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (auto order = compareIdentifiers(a.m_preRelease[i], b.m_preRelease[i]); order != 0)
            return order;
    }
    return a.m_preRelease.size() <=> b.m_preRelease.size();
}

} // namespace Im
