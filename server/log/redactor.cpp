#include "log/redactor.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Im::Log {

namespace {

constexpr QStringView kMask = u"***";

// Every secret form below contains one of these, so a message without them needs no regex.
bool mayContainSecret(const QString &message)
{
    static constexpr QLatin1StringView kTriggers[] = { "token"_L1, "pass"_L1, "pwd"_L1, "secret"_L1,
                                                       "authorization"_L1 };
    for (QLatin1StringView trigger : kTriggers) {
        if (message.contains(trigger, Qt::CaseInsensitive))
            return true;
    }
    return message.contains("eyJ"_L1) || message.contains("://"_L1);
}

// `key` `separator` `value`. The key must not be preceded by a name character, so `tokens=` or
// `mytokenx:` are not keys; the separator may carry the key's closing quote (JSON, escaped JSON).
// Group 1 is everything kept before the value, group 2 the value (quoted or bare).
constexpr QStringView kKeyValuePattern =
    uR"((?<![\w-])((?:[\w-]*(?:token|password|passwd|pwd|secret|)"
    uR"(secret_key|authorization|_pass)|pass)(?:\\?["'])?\s*[:=]\s*))"
    uR"(("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\\"(?:(?!\\").)*\\")"
    uR"(|(?:(?:bearer|basic|token)\s+)?[^\s,;&"'}\])]+))";

// A JWT: base64url header (a JSON object, so "eyJ"), payload and signature.
constexpr QStringView kJwtPattern = uR"((?<![\w-])eyJ[\w-]*\.[\w-]+\.[\w-]*)";

// scheme://user:password@host
constexpr QStringView kUrlPasswordPattern = uR"((://[^\s:/@]+:)[^\s/@]+@)";

struct Patterns
{
    Patterns()
    {
        // Compiled now rather than on the first secret.
        keyValue.optimize();
        jwt.optimize();
        urlPassword.optimize();
    }

    QRegularExpression keyValue { kKeyValuePattern.toString(),
                                  QRegularExpression::CaseInsensitiveOption };
    QRegularExpression jwt { kJwtPattern.toString() };
    QRegularExpression urlPassword { kUrlPasswordPattern.toString() };
};

// Shared by every thread: matching a compiled pattern is thread-safe (Qt compiles under a mutex
// and the PCRE code is then read-only). Never destroyed, so a message logged during exit still
// finds it.
const Patterns &patterns()
{
    static const Patterns *const p = new Patterns;
    return *p;
}

// The quote around a quoted value, kept so JSON stays JSON; empty for a bare value (which can
// not start with a quote).
QStringView quoteOf(QStringView value)
{
    if (value.startsWith(u"\\\""))
        return value.first(2);
    if (value.startsWith(u'"') || value.startsWith(u'\''))
        return value.first(1);
    return {};
}

QString maskKeyValues(const QString &message)
{
    QString out;
    qsizetype last = 0;
    bool masked = false;
    QRegularExpressionMatchIterator it = patterns().keyValue.globalMatch(message);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (!masked)
            out.reserve(message.size());
        masked = true;
        out += QStringView(message).mid(last, m.capturedStart(0) - last);
        out += m.capturedView(1);
        out += quoteOf(m.capturedView(2));
        out += kMask;
        out += quoteOf(m.capturedView(2));
        last = m.capturedEnd(0);
    }
    if (!masked)
        return message;
    out += QStringView(message).mid(last);
    return out;
}

} // namespace

QString redactSecrets(QString message)
{
    if (!mayContainSecret(message))
        return message;
    message = maskKeyValues(message);
    message.replace(patterns().jwt, kMask.toString());
    message.replace(patterns().urlPassword, u"\\1***@"_s);
    return message;
}

} // namespace Im::Log
