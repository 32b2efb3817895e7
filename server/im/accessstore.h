#pragma once

#include "im/accessentry.h"
#include "im/result.h"

#include <QFuture>
#include <QList>

namespace Im::Core {

//! Where permissions, roles and the users' roles are kept: the access domain's view of them.
//! Results come back as futures finished on another thread; callers continue them on their own.
class AccessStore
{
public:
    virtual ~AccessStore() = default;

    //! Stores a permission; Duplicate when the name is taken.
    virtual QFuture<Result<AccessEntry>> createPermission(const QString &name,
                                                          const QString &description) = 0;
    //! Stores a role holding \a permissionIds in one transaction; Duplicate when the name is
    //! taken, NotFound when a permission does not exist (and then nothing is stored).
    virtual QFuture<Result<AccessEntry>> createRole(const QString &name, const QString &description,
                                                    const QList<int> &permissionIds) = 0;
    //! Gives \a userId the role \a roleId; NotFound when either does not exist.
    virtual QFuture<Result<void>> setUserRole(int userId, int roleId) = 0;
};

} // namespace Im::Core
