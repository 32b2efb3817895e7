#include "config/adminkeeplist.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Config {

namespace {

// Account numbers have 11 digits; user ids are positive INTs, so at most 10 digits: the length
// alone tells them apart.
constexpr qsizetype accountLength = 11;
constexpr qint64 largestUserId = 2147483647;

bool isDigits(QStringView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace

bool AdminKeepList::keeps(int userId, const QString &account) const
{
    return all || userIds.contains(userId) || (!account.isEmpty() && accounts.contains(account));
}

Result<AdminKeepList> AdminKeepList::parse(QStringView text)
{
    AdminKeepList list;
    if (text.trimmed().compare("all"_L1, Qt::CaseInsensitive) == 0) {
        list.all = true;
        return list;
    }
    const Error malformed = makeError(
        ErrorCode::Malformed,
        u"expected `all` or accounts and user ids separated by commas (13800000000,10000)"_s);
    for (QStringView entry : text.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed();
        if (entry.isEmpty())
            continue;
        if (!isDigits(entry) || entry.size() > accountLength)
            return malformed;
        if (entry.size() == accountLength) {
            list.accounts.append(entry.toString());
            continue;
        }
        const qint64 id = entry.toLongLong();
        if (id < 1 || id > largestUserId)
            return malformed;
        list.userIds.append(int(id));
    }
    return list;
}

} // namespace Im::Config
