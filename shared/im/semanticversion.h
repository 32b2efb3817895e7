#pragma once

#include <QString>
#include <QStringList>

#include <compare>
#include <optional>

namespace Im {

//! A Semantic Versioning 2.0.0 version (`MAJOR.MINOR.PATCH[-PRE.RELEASE][+BUILD]`), strictly
//! parsed (no `v` prefix, no leading zeros in numeric identifiers) and ordered by the standard's
//! precedence: numbers first, a pre-release below its release, pre-release identifiers compared
//! one by one (numeric ones numerically and below alphanumeric ones, a shorter list first when the
//! rest is equal). Build metadata never takes part in the order, so `1.0.0+a` and `1.0.0+b` are
//! equivalent (`==` and `<=>` mean precedence; compare toString() for identity).
class SemanticVersion
{
public:
    //! Longest text parse() accepts; release versions are short, and the text names a directory.
    static constexpr qsizetype maxLength = 64;

    [[nodiscard]] static std::optional<SemanticVersion> parse(QStringView text);

    [[nodiscard]] quint64 major() const { return m_major; }
    [[nodiscard]] quint64 minor() const { return m_minor; }
    [[nodiscard]] quint64 patch() const { return m_patch; }
    [[nodiscard]] const QStringList &preRelease() const { return m_preRelease; }
    [[nodiscard]] const QStringList &build() const { return m_build; }
    [[nodiscard]] bool isPreRelease() const { return !m_preRelease.isEmpty(); }

    //! The canonical text, which is the parsed text itself.
    [[nodiscard]] QString toString() const;

    friend std::weak_ordering operator<=>(const SemanticVersion &a, const SemanticVersion &b);
    friend bool operator==(const SemanticVersion &a, const SemanticVersion &b)
    {
        return (a <=> b) == 0;
    }

private:
    quint64 m_major = 0;
    quint64 m_minor = 0;
    quint64 m_patch = 0;
    QStringList m_preRelease;
    QStringList m_build;
};

} // namespace Im
