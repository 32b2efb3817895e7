#pragma once

#include "im/result.h"
#include "store/dbsession.h"

#include <QString>

namespace Im::Store {

enum class AdminAccountChange { Created, Promoted };

//! Creates the user \a account with the `admin` role and \a passwordHash, or, when the account
//! exists, gives it the `admin` role and the new password. Needs the seeded `admin` role.
Result<AdminAccountChange> createOrPromoteAdmin(DbSession &session, const QString &account,
                                                const QString &passwordHash);

} // namespace Im::Store
