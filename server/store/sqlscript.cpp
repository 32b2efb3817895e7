#include "store/sqlscript.h"

namespace Im::Store {

QStringList splitSqlScript(QStringView script)
{
    QStringList statements;
    QString current;
    QChar quote; // the opening quote character while inside a literal or identifier
    const qsizetype length = script.size();
    for (qsizetype i = 0; i < length; ++i) {
        const QChar c = script[i];
        const QChar next = i + 1 < length ? script[i + 1] : QChar();
        if (!quote.isNull()) {
            current += c;
            if (c == quote) {
                if (next == quote) { // doubled quote escapes itself
                    current += next;
                    ++i;
                } else {
                    quote = QChar();
                }
            } else if (c == u'\\' && quote != u'`' && i + 1 < length) {
                current += next;
                ++i;
            }
            continue;
        }
        if (c == u'-' && next == u'-') {
            while (i < length && script[i] != u'\n')
                ++i;
            current += u'\n';
            continue;
        }
        if (c == u'/' && next == u'*') {
            i += 2;
            while (i + 1 < length && !(script[i] == u'*' && script[i + 1] == u'/'))
                ++i;
            ++i;
            current += u' ';
            continue;
        }
        if (c == u'\'' || c == u'"' || c == u'`')
            quote = c;
        if (c == u';') {
            const QString statement = current.trimmed();
            if (!statement.isEmpty())
                statements.append(statement);
            current.clear();
            continue;
        }
        current += c;
    }
    const QString last = current.trimmed();
    if (!last.isEmpty())
        statements.append(last);
    return statements;
}

} // namespace Im::Store
