#pragma once

#include "im/result.h"
#include "im/user.h"

#include <QFuture>

#include <optional>

namespace Im::Core {

//! Where accounts are kept: the account domain's view of them. Results come back as futures
//! finished on another thread; callers continue them on their own.
class AccountStore
{
public:
    virtual ~AccountStore() = default;

    //! Applies \a changes to the live account \a userId and returns it as stored afterwards;
    //! nullopt when there is no such account, Duplicate when the e-mail is taken.
    virtual QFuture<Result<std::optional<User>>> updateProfile(int userId,
                                                               const ProfileChanges &changes) = 0;
    //! Deletes the account \a userId with everything that ties it to other people; the messages
    //! it sent stay. NotFound when absent.
    virtual QFuture<Result<void>> deleteAccount(int userId) = 0;
};

} // namespace Im::Core
