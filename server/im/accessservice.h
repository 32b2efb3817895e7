#pragma once

#include "im/accessstore.h"

#include <QObject>

namespace Im::Core {

class UserSessions;

//! Permissions and roles with their rules, on an AccessStore: names and descriptions are 1..255
//! characters, a role names existing permissions by positive ids (at most maxRolePermissions(),
//! the setting ROLE_MAX_PERMISSIONS),
//! and every change reaches the signed-in users at once: their next request reads the current
//! role, never the JWT's snapshot taken at login (spec §5.3). Who may call it is the caller's
//! guard's business. Refusals are Malformed, before the store is asked; a taken name is
//! Duplicate with the answer's message. Lives on the network thread, where its futures finish.
class AccessService : public QObject
{
public:
    static constexpr qsizetype maxNameLength = 255;
    static constexpr int defaultMaxRolePermissions = 1000;

    AccessService(AccessStore &store, UserSessions &sessions,
                  int maxRolePermissions = defaultMaxRolePermissions, QObject *parent = nullptr);

    [[nodiscard]] int maxRolePermissions() const { return m_maxRolePermissions; }

    QFuture<Result<AccessEntry>> createPermission(const QString &name, const QString &description);
    //! An unknown permission id is a bad parameter (Malformed), and nothing is created.
    QFuture<Result<AccessEntry>> createRole(const QString &name, const QString &description,
                                            const QList<int> &permissionIds);
    //! NotFound naming the user or the role that does not exist.
    QFuture<Result<void>> setUserRole(int userId, int roleId);

private:
    //! After a change of the roles or permissions themselves: every user reads theirs again.
    QFuture<Result<AccessEntry>> createdEntry(const QFuture<Result<AccessEntry>> &created,
                                              const QString &duplicateMessage);

    AccessStore &m_store;
    UserSessions &m_sessions;
    const int m_maxRolePermissions;
};

} // namespace Im::Core
