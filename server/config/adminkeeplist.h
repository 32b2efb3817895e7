#pragma once

#include "im/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Im::Config {

//! The accounts of a database made by the original server that keep a role granting admin rights
//! when the upgrade moves every other such account to the ordinary role `user`
//! (UPGRADE_KEEP_ADMINS): the original let anyone pick their role at sign-up (D-06).
struct AdminKeepList
{
    bool all = false; //!< keep every one
    QStringList accounts; //!< mobile numbers such as 13800000000
    QList<int> userIds; //!< such as 10000

    [[nodiscard]] bool keeps(int userId, const QString &account) const;
    [[nodiscard]] bool isEmpty() const { return !all && accounts.isEmpty() && userIds.isEmpty(); }

    //! `all`, or accounts (11 digits) and user ids separated by commas; empty keeps none.
    //! Malformed with a reason that does not repeat the value.
    [[nodiscard]] static Result<AdminKeepList> parse(QStringView text);

    friend bool operator==(const AdminKeepList &, const AdminKeepList &) = default;
};

} // namespace Im::Config
