#include "im/accessservice.h"

#include "im/futures.h"
#include "im/requestchecks.h"
#include "im/usersessions.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Im::Core {

namespace {

bool isValidName(const QString &text)
{
    return !text.isEmpty() && text.size() <= AccessService::maxNameLength;
}

} // namespace

AccessService::AccessService(AccessStore &store, UserSessions &sessions, int maxRolePermissions,
                             QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sessions(sessions)
    , m_maxRolePermissions(maxRolePermissions)
{ }

QFuture<Result<AccessEntry>> AccessService::createPermission(const QString &name,
                                                             const QString &description)
{
    if (!isValidName(name) || !isValidName(description))
        return readyError<AccessEntry>(incorrectParameter());
    return createdEntry(m_store.createPermission(name, description),
                        u"The permission already exists."_s);
}

QFuture<Result<AccessEntry>> AccessService::createRole(const QString &name,
                                                       const QString &description,
                                                       const QList<int> &permissionIds)
{
    if (!isValidName(name) || !isValidName(description)
        || permissionIds.size() > m_maxRolePermissions
        || std::any_of(permissionIds.cbegin(), permissionIds.cend(),
                       [](int id) { return id < 1; })) {
        return readyError<AccessEntry>(incorrectParameter());
    }
    return createdEntry(m_store.createRole(name, description, permissionIds),
                        u"The role already exists."_s);
}

QFuture<Result<void>> AccessService::setUserRole(int userId, int roleId)
{
    if (userId < 1 || roleId < 1)
        return readyError<void>(incorrectParameter());
    return thenReady(m_store.setUserRole(userId, roleId), this, [this, userId](Result<void> set) {
        // Also after a failure: it may have committed before its answer was lost.
        m_sessions.invalidateUser(userId);
        return set;
    });
}

QFuture<Result<AccessEntry>>
AccessService::createdEntry(const QFuture<Result<AccessEntry>> &created,
                            const QString &duplicateMessage)
{
    return thenReady(created, this,
                     [this, duplicateMessage](Result<AccessEntry> entry) -> Result<AccessEntry> {
                         if (entry) {
                             m_sessions.invalidateAllUsers();
                             return entry;
                         }
                         if (entry.error().code == ErrorCode::Duplicate)
                             return makeError(ErrorCode::Duplicate, duplicateMessage);
                         // An unknown permission of a new role: the request named it.
                         if (entry.error().code == ErrorCode::NotFound)
                             return incorrectParameter();
                         return entry.error();
                     });
}

} // namespace Im::Core
