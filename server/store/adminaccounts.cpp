#include "store/adminaccounts.h"

#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

Result<AdminAccountChange> createOrPromoteAdmin(DbSession &session, const QString &account,
                                                const QString &passwordHash)
{
    AdminAccountChange change = AdminAccountChange::Created;
    auto done = session.transaction([&]() -> Result<void> {
        auto roleId = session.scalar(u"SELECT `id` FROM `Roles` WHERE `name` = ?"_s,
                                     { QString(Role::Admin) });
        if (!roleId)
            return roleId.error();
        if (roleId.value().isNull())
            return makeError(ErrorCode::NotFound, u"The admin role is missing."_s);
        const QString now = session.now();
        auto updated = session.execute(u"UPDATE `Users` SET `pwd` = ?, `roleId` = ?, "
                                       "`updateTime` = ? WHERE `account` = ?"_s,
                                       { passwordHash, roleId.value(), now, account });
        if (!updated)
            return updated.error();
        if (updated.value() > 0) {
            change = AdminAccountChange::Promoted;
            return {};
        }
        return session.run(u"INSERT INTO `Users` (`account`, `pwd`, `regisTime`, `updateTime`, "
                           "`roleId`) VALUES (?, ?, ?, ?, ?)"_s,
                           { account, passwordHash, now, now, roleId.value() });
    });
    if (!done)
        return done.error();
    return change;
}

} // namespace Im::Store
