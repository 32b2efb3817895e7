#include "auth/accountrules.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Im::Auth {

bool isValidAccount(const QString &account)
{
    static const QRegularExpression pattern(u"^1[3-9]\\d{9}$"_s);
    return pattern.match(account).hasMatch();
}

bool isValidPassword(const QString &password)
{
    static const QRegularExpression allowed(u"^[a-zA-Z0-9\\-*/+.~!@#$%^&()]{6,16}$"_s);
    static const QRegularExpression letter(u"[a-zA-Z]"_s);
    static const QRegularExpression digit(u"[0-9]"_s);
    return allowed.match(password).hasMatch() && letter.match(password).hasMatch()
        && digit.match(password).hasMatch();
}

} // namespace Im::Auth
