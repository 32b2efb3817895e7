#pragma once

#include "im/accountstore.h"

#include <QObject>

namespace Im::Core {

class UserSessions;

//! Accounts with their rules, on an AccountStore: a user edits and deletes only their own account
//! and only its e-mail and avatar (D-10, D-11, D-12), an e-mail must look like one, and a deleted
//! account's sessions end on every device (D-13). Refusals are Malformed (a bad field) or
//! PermissionDenied (another user's account), before the store is asked; the store's Duplicate
//! is passed on. Lives on the network thread, which is where its futures finish.
class AccountsService : public QObject
{
public:
    AccountsService(AccountStore &store, UserSessions &sessions, QObject *parent = nullptr);

    //! \a me changes the profile of \a userId, which must be their own; returns it as stored.
    QFuture<Result<User>> updateProfile(int me, int userId, const ProfileChanges &changes);
    //! \a me deletes their account; every session of it has ended when the future finishes.
    QFuture<Result<void>> deleteAccount(int me);

private:
    AccountStore &m_store;
    UserSessions &m_sessions;
};

} // namespace Im::Core
