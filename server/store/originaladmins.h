#pragma once

#include "config/adminkeeplist.h"
#include "im/result.h"
#include "store/dbsession.h"

#include <QList>
#include <QString>

namespace Im::Store {

//! An account of a database made by the original server whose role grants admin rights. The
//! original let anyone pick their role at sign-up (D-06), so such a role proves nothing.
struct OriginalAdmin
{
    int userId = 0;
    QString account; //!< empty for a deleted account
    QString role;
    bool kept = false; //!< named by UPGRADE_KEEP_ADMINS (or `all`)
};

//! The accounts whose role grants admin rights: `admin` (which the seeder gives every
//! permission) and any other role that holds a permission, except `user`, the role they are
//! moved to. Read only; `kept` says what \a keep decides for each.
Result<QList<OriginalAdmin>> listOriginalAdmins(DbSession &session,
                                                const Config::AdminKeepList &keep);

//! Moves every account of listOriginalAdmins() that \a keep does not name to the role `user`
//! (seeded first when the original had none), logging one line per account, kept or moved, in
//! one transaction. Returns the accounts as found.
Result<QList<OriginalAdmin>> demoteOriginalAdmins(DbSession &session,
                                                  const Config::AdminKeepList &keep);

} // namespace Im::Store
