#include "config/dotenvfile.h"

#include <QFile>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace Im::Config {

namespace {

bool isKeyStart(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
}

bool isValidKey(QStringView key)
{
    if (key.isEmpty() || !isKeyStart(key.front()))
        return false;
    for (QChar c : key) {
        if (!isKeyStart(c) && !(c >= u'0' && c <= u'9'))
            return false;
    }
    return true;
}

struct ParsedValue
{
    QString value;
    QString error; //!< Empty on success.
};

// `text` starts with the opening quote. Only double quotes interpret escapes, as in dotenv.
ParsedValue parseQuoted(QStringView text)
{
    const QChar quote = text.front();
    QString value;
    qsizetype i = 1;
    bool closed = false;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == quote) {
            closed = true;
            ++i;
            break;
        }
        if (quote == u'"' && c == u'\\' && i + 1 < text.size()) {
            const QChar escaped = text[++i];
            if (escaped == u'n')
                value += u'\n';
            else if (escaped == u'r')
                value += u'\r';
            else if (escaped == u't')
                value += u'\t';
            else if (escaped == u'\\' || escaped == u'"')
                value += escaped;
            else
                value += u'\\' + QString(escaped); // unknown escapes stay literal
            continue;
        }
        value += c;
    }
    if (!closed)
        return { {}, u"unterminated quoted value"_s };
    const QStringView rest = text.mid(i).trimmed();
    if (!rest.isEmpty() && !rest.startsWith(u'#'))
        return { {}, u"unexpected text after the closing quote"_s };
    return { value, {} };
}

// A '#' starts a comment only after whitespace, so values such as `abc#def` survive.
QString parseUnquoted(QStringView text)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i] == u'#' && text[i - 1].isSpace())
            return text.left(i).trimmed().toString();
    }
    return text.trimmed().toString();
}

} // namespace

DotEnvFile DotEnvFile::parse(QByteArrayView content, const QString &fileName)
{
    DotEnvFile file;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(content);
    if (decoder.hasError())
        file.m_errors.append(u"%1: not valid UTF-8"_s.arg(fileName));

    int lineNumber = 0;
    for (QStringView line : QStringView(text).split(u'\n'))
        file.parseLine(line, ++lineNumber, fileName);
    return file;
}

void DotEnvFile::parseLine(QStringView line, int lineNumber, const QString &fileName)
{
    const auto fail = [&](const QString &reason) {
        m_errors.append(u"%1:%2: %3"_s.arg(fileName).arg(lineNumber).arg(reason));
    };

    QStringView text = line.trimmed();
    if (text.isEmpty() || text.startsWith(u'#'))
        return;
    if (text.startsWith("export"_L1) && text.size() > 6 && text[6].isSpace())
        text = text.mid(7).trimmed();

    const qsizetype equals = text.indexOf(u'=');
    if (equals < 0)
        return fail(u"expected KEY=VALUE"_s);
    const QStringView key = text.left(equals).trimmed();
    if (!isValidKey(key))
        return fail(u"invalid key \"%1\" (must match [A-Za-z_][A-Za-z0-9_]*)"_s.arg(key));

    const QStringView rawValue = text.mid(equals + 1);
    const QStringView trimmedValue = rawValue.trimmed();
    QString value;
    if (trimmedValue.startsWith(u'"') || trimmedValue.startsWith(u'\'')) {
        ParsedValue parsed = parseQuoted(trimmedValue);
        if (!parsed.error.isEmpty())
            return fail(parsed.error);
        value = std::move(parsed.value);
    } else {
        value = parseUnquoted(rawValue);
    }
    m_values.insert(key.toString(), value);
    m_lines.insert(key.toString(), lineNumber);
}

Result<DotEnvFile> DotEnvFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Unavailable,
                         u"cannot read %1: %2"_s.arg(path, file.errorString()));
    const auto tooLarge = [&] {
        return makeError(ErrorCode::TooLarge,
                         u"%1 is larger than %2 bytes"_s.arg(path).arg(maxFileBytes));
    };
    if (file.size() > maxFileBytes)
        return tooLarge();
    // Read one byte past the limit: size() is 0 for pipes and some special files.
    const QByteArray content = file.read(maxFileBytes + 1);
    if (content.size() > maxFileBytes)
        return tooLarge();
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorCode::Unavailable,
                         u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return parse(content, path);
}

} // namespace Im::Config
