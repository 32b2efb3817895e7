#include "store/originaladmins.h"

#include "store/logging.h"
#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

QString describe(const OriginalAdmin &admin)
{
    return u"user %1 (account %2, role %3)"_s.arg(
        QString::number(admin.userId), admin.account.isEmpty() ? u"deleted"_s : admin.account,
        admin.role);
}

} // namespace

Result<QList<OriginalAdmin>> listOriginalAdmins(DbSession &session,
                                                const Config::AdminKeepList &keep)
{
    auto rows = session.query(
        u"SELECT u.`id`, u.`account`, r.`name` FROM `Users` u JOIN `Roles` r ON r.`id` = "
        u"u.`roleId` "
        "WHERE r.`name` <> ? AND (r.`name` = ? OR EXISTS (SELECT 1 FROM `RolePermissions` p "
        "WHERE p.`roleId` = r.`id`)) ORDER BY u.`id`"_s,
        { QString(Role::User), QString(Role::Admin) });
    if (!rows)
        return rows.error();
    QList<OriginalAdmin> admins;
    while (rows.value().next()) {
        OriginalAdmin admin;
        admin.userId = rows.value().value(0).toInt();
        admin.account = rows.value().value(1).toString();
        admin.role = rows.value().value(2).toString();
        admin.kept = keep.keeps(admin.userId, admin.account);
        admins.append(admin);
    }
    return admins;
}

Result<QList<OriginalAdmin>> demoteOriginalAdmins(DbSession &session,
                                                  const Config::AdminKeepList &keep)
{
    auto found = listOriginalAdmins(session, keep);
    if (!found)
        return found.error();
    const QList<OriginalAdmin> &admins = found.value();
    QVariantList moved;
    for (const OriginalAdmin &admin : admins) {
        if (!admin.kept)
            moved.append(admin.userId);
    }
    if (!moved.isEmpty()) {
        // The original may have had no `user` role; seeding is idempotent, and runs again later.
        if (auto seeded = seedRolesAndPermissions(session); !seeded)
            return seeded.error();
        auto userRole =
            session.scalar(u"SELECT `id` FROM `Roles` WHERE `name` = ?"_s, { QString(Role::User) });
        if (!userRole)
            return userRole.error();
        // One statement, so the accounts move together or not at all.
        const QString placeholders = QStringList(moved.size(), u"?"_s).join(u", "_s);
        QVariantList values { userRole.value(), session.now() };
        values.append(moved);
        if (auto done = session.run(
                u"UPDATE `Users` SET `roleId` = ?, `updateTime` = ? WHERE `id` IN (%1)"_s.arg(
                    placeholders),
                values);
            !done) {
            return done.error();
        }
    }
    for (const OriginalAdmin &admin : admins) {
        if (admin.kept) {
            qCInfo(lcStore).noquote()
                << "upgrade:" << describe(admin) << "keeps its admin rights (UPGRADE_KEEP_ADMINS)";
        } else {
            qCWarning(lcStore).noquote()
                << "upgrade:" << describe(admin)
                << "moved to role user: the original let anyone pick their role at sign-up; "
                   "keep it with UPGRADE_KEEP_ADMINS or give it back with --create-admin";
        }
    }
    return admins;
}

} // namespace Im::Store
