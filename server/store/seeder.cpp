#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

struct Seed
{
    QLatin1StringView name;
    QString description;
};

Result<void> insertMissing(DbSession &session, const QString &table, const Seed &seed)
{
    const QString now = session.now();
    return session.run(u"INSERT INTO `%1` (`name`, `desc`, `createdAt`, `updatedAt`) "
                       "SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                       "(SELECT 1 FROM `%1` WHERE `name` = ?)"_s.arg(table),
                       { QString(seed.name), seed.description, now, now, QString(seed.name) });
}

} // namespace

Result<void> seedRolesAndPermissions(DbSession &session)
{
    // Order matters on an empty database: userGet and userDel get the original's ids 1 and 2.
    const QList<Seed> permissions = {
        { Permission::UserGet, u"Get user info"_s },
        { Permission::UserDel, u"Delete user"_s },
        { Permission::PermissionManage, u"Manage roles and permissions"_s },
        { Permission::ElectronManage, u"Publish desktop-app releases"_s },
        { Permission::AdminConsole, u"Use the admin API and console"_s },
    };
    const QList<Seed> roles = {
        { Role::User, u"basic user"_s },
        { Role::Admin, u"admin"_s },
    };
    return session.transaction([&]() -> Result<void> {
        for (const Seed &permission : permissions) {
            if (auto done = insertMissing(session, u"Permissions"_s, permission); !done)
                return done;
        }
        for (const Seed &role : roles) {
            if (auto done = insertMissing(session, u"Roles"_s, role); !done)
                return done;
        }
        const QString now = session.now();
        return session.run(
            u"INSERT INTO `RolePermissions` (`roleId`, `permId`, `createdAt`, `updatedAt`) "
            "SELECT r.`id`, p.`id`, ?, ? FROM `Roles` r, `Permissions` p "
            "WHERE r.`name` = ? AND NOT EXISTS (SELECT 1 FROM `RolePermissions` rp "
            "WHERE rp.`roleId` = r.`id` AND rp.`permId` = p.`id`)"_s,
            { now, now, QString(Role::Admin) });
    });
}

} // namespace Im::Store
