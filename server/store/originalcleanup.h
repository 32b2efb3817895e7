#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Im::Store {

//! Rows of a database made by the original server that the upgrade removes before it adds the
//! unique and foreign keys the original lacked: duplicates its races left (merged into the row
//! that stays) and rows of users that no longer exist. The upgrade deletes them and its report
//! (and dry run) counts them with the same text, so the two cannot disagree. The rules of one
//! table select disjoint rows.
struct RowCleanup
{
    QString kind; //!< what the report calls them: "duplicate friendships"
    QString table;
    //! A FROM clause (MariaDB) in which `r` names the rows to remove.
    QString rows;

    [[nodiscard]] QString deleteStatement() const;
    [[nodiscard]] QString countStatement() const;
};

//! Every rule, in the order the upgrade applies them.
[[nodiscard]] const QList<RowCleanup> &originalCleanups();
//! The rules of \a table, in order.
[[nodiscard]] QList<RowCleanup> cleanupsOf(QStringView table);

} // namespace Im::Store
