#pragma once

#include "store/migrator.h"
#include "store/originaladmins.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Im::Store {

//! A count the upgrade report shows: rows of a table, rows of a cleanup kind, files.
struct Tally
{
    QString what;
    qint64 count = 0;

    friend bool operator==(const Tally &, const Tally &) = default;
};

//! What preparing the schema found and did. For a database made by the original server
//! (`fromOriginal`) it is the upgrade report the operator reads: rows per table before and after,
//! the rows merged or removed per kind, every account whose role grants admin rights and what
//! became of it, and the files brought into the server's layout. In a dry run nothing was done:
//! `migration.applied` are the pending steps, `rowsAfter` what the upgrade would leave (before the
//! seeded roles and permissions) and the rest what it would do.
struct UpgradeReport
{
    bool dryRun = false;
    bool fromOriginal = false;
    MigrationReport migration;
    QList<Tally> rowsBefore;
    QList<Tally> rowsAfter;
    QList<Tally> cleanups;
    QList<OriginalAdmin> admins;
    QList<Tally> files;

    //! The report as text, one line per entry, for the log and the dry run's output. Holds no
    //! secrets (account numbers and counts only).
    [[nodiscard]] QStringList lines() const;
};

} // namespace Im::Store
