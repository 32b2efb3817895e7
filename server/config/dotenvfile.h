#pragma once

#include "im/result.h"

#include <QByteArrayView>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Im::Config {

//! The contents of a `.env` file: `KEY=VALUE` lines, `#` comments, blank lines, an optional
//! `export ` prefix, 'single' (literal) or "double" (with \n \r \t \\ \" escapes) quoted values
//! and ` # comments` after unquoted values. Surrounding whitespace is trimmed.
//! Bad lines are reported and skipped; the rest of the file is still used.
class DotEnvFile
{
public:
    //! Files larger than this are refused: a config file that big is a mistake, not configuration.
    static constexpr qint64 maxFileBytes = 1024 * 1024;

    //! Parses `content`; `fileName` only prefixes the error messages ("file:line: ...").
    [[nodiscard]] static DotEnvFile parse(QByteArrayView content, const QString &fileName);

    //! Reads and parses `path`. Fails (without values) when the file cannot be read or is larger
    //! than maxFileBytes; per-line problems are in errors() of the result instead.
    [[nodiscard]] static Result<DotEnvFile> read(const QString &path);

    //! KEY -> VALUE; a key repeated within the file keeps its last value.
    [[nodiscard]] const QMap<QString, QString> &values() const { return m_values; }

    //! The 1-based line that set `key`, or 0 when the key is absent.
    [[nodiscard]] int lineOf(const QString &key) const { return m_lines.value(key); }

    //! One "file:line: reason" per rejected line.
    [[nodiscard]] const QStringList &errors() const { return m_errors; }

private:
    void parseLine(QStringView line, int lineNumber, const QString &fileName);

    QMap<QString, QString> m_values;
    QMap<QString, int> m_lines;
    QStringList m_errors;
};

} // namespace Im::Config
