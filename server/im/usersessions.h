#pragma once

#include "im/result.h"

#include <QFuture>

namespace Im::Core {

//! The signed-in sessions of users, as the account and access rules need them: what ends all of
//! a user's sessions and what makes them read a user's role and permissions again. The
//! authentication service implements it.
class UserSessions
{
public:
    virtual ~UserSessions() = default;

    //! Ends every session of \a userId, on every device.
    virtual QFuture<Result<void>> logoutEverywhere(int userId) = 0;
    //! The role or the account of \a userId changed: the next request reads it again.
    virtual void invalidateUser(int userId) = 0;
    //! Roles or permissions changed: every user is read again.
    virtual void invalidateAllUsers() = 0;
};

} // namespace Im::Core
