#include "adminapi/userresolver.h"

#include "store/dbexecutor.h"
#include "store/userqueries.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

constexpr QLatin1StringView accountPrefix { "account:" };
constexpr qsizetype maxRefLength = 64;
// An int id has at most 10 digits; a longer number can only be an account (11-digit phones).
constexpr qsizetype maxIdDigits = 10;

bool isDigits(QStringView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

bool isPlainText(QStringView text)
{
    return !text.isEmpty() && text.size() <= maxRefLength
        && std::none_of(text.begin(), text.end(), [](QChar c) {
               return c.isSpace() || c.category() == QChar::Other_Control;
           });
}

std::optional<int> positiveId(QStringView digits)
{
    bool ok = false;
    const int id = digits.toInt(&ok);
    return ok && id > 0 ? std::optional<int>(id) : std::nullopt;
}

} // namespace

std::optional<UserRef> parsePathUserRef(QStringView text)
{
    if (text.startsWith(accountPrefix)) {
        const QStringView account = text.sliced(accountPrefix.size());
        return isPlainText(account) ? std::optional<UserRef>({ {}, account.toString() })
                                    : std::nullopt;
    }
    if (!isDigits(text) || text.size() > maxRefLength)
        return std::nullopt;
    if (text.size() > maxIdDigits)
        return UserRef { {}, text.toString() };
    const std::optional<int> id = positiveId(text);
    return id ? std::optional<UserRef>({ id, {} }) : std::nullopt;
}

std::optional<UserRef> parseLookupUserRef(QStringView text)
{
    if (text.startsWith(accountPrefix))
        return parsePathUserRef(text);
    if (!isDigits(text))
        return isPlainText(text) ? std::optional<UserRef>({ {}, text.toString() }) : std::nullopt;
    if (text.size() > maxRefLength)
        return std::nullopt;
    return UserRef { text.size() <= maxIdDigits ? positiveId(text) : std::nullopt,
                     text.toString() };
}

Result<ResolvedUser> resolveUser(Store::DbSession &session, const UserRef &ref)
{
    if (ref.account) {
        auto user = Store::findUserByAccount(session, *ref.account);
        if (!user)
            return user.error();
        if (user.value())
            return ResolvedUser { user.value()->id, user.value()->account, true };
    }
    if (ref.id) {
        auto user = Store::findUserById(session, *ref.id);
        if (!user)
            return user.error();
        if (user.value())
            return ResolvedUser { user.value()->id, user.value()->account, false };
    }
    const QString named =
        ref.account ? u"account %1"_s.arg(*ref.account) : u"id %1"_s.arg(ref.id.value_or(0));
    return Error { ErrorCode::NotFound, u"No user found with %1"_s.arg(named) };
}

QFuture<Result<ResolvedUser>> resolveUser(Store::DbExecutor &database, const UserRef &ref)
{
    return database.run<ResolvedUser>(
        [ref](Store::DbSession &session) { return resolveUser(session, ref); });
}

} // namespace Im::AdminApi
