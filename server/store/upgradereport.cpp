#include "store/upgradereport.h"

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

QString versionList(const QList<int> &versions)
{
    QStringList texts;
    for (int version : versions)
        texts.append(QString::number(version));
    return texts.join(u", "_s);
}

QString tallies(const QList<Tally> &counts)
{
    QStringList parts;
    for (const Tally &tally : counts)
        parts.append(u"%1 %2"_s.arg(tally.count).arg(tally.what));
    return parts.isEmpty() ? u"none"_s : parts.join(u", "_s);
}

qint64 countOf(const QList<Tally> &counts, const QString &what)
{
    for (const Tally &tally : counts) {
        if (tally.what == what)
            return tally.count;
    }
    return 0;
}

} // namespace

QStringList UpgradeReport::lines() const
{
    QStringList lines;
    const QString pending = migration.applied.isEmpty()
        ? u"no migration is pending"_s
        : u"migrations %1 %2"_s.arg(versionList(migration.applied),
                                    dryRun ? u"would be applied"_s : u"applied"_s);
    if (!fromOriginal) {
        lines.append(u"%1The database is at schema version %2, not one the original server made: "
                     "%3."_s.arg(dryRun ? u"Dry run, nothing changed. "_s : QString())
                         .arg(migration.versionBefore)
                         .arg(pending));
        return lines;
    }
    lines.append(u"%1The database was made by the original server (schema version %2): %3."_s
                     .arg(dryRun ? u"Dry run, nothing changed. "_s : QString())
                     .arg(migration.versionBefore)
                     .arg(pending));
    lines.append(dryRun ? u"Rows per table, now -> after the upgrade (before seeding roles and "
                          "permissions):"_s
                        : u"Rows per table, before -> after:"_s);
    for (const Tally &before : rowsBefore) {
        lines.append(u"  %1: %2 -> %3"_s.arg(before.what)
                         .arg(before.count)
                         .arg(countOf(rowsAfter, before.what)));
    }
    lines.append(
        u"Rows %1 (duplicates merged into the row that stays, rows of deleted users): %2"_s.arg(
            dryRun ? u"to remove"_s : u"removed"_s, tallies(cleanups)));
    lines.append(u"Accounts whose role grants admin rights (the original let anyone pick their "
                 "role at sign-up): %1"_s.arg(admins.size()));
    for (const OriginalAdmin &admin : admins) {
        const QString fate = admin.kept
            ? u"keeps it (UPGRADE_KEEP_ADMINS)"_s
            : (dryRun ? u"would be moved to role user"_s : u"moved to role user"_s);
        lines.append(u"  user %1, account %2, role %3: %4"_s.arg(
            QString::number(admin.userId), admin.account.isEmpty() ? u"deleted"_s : admin.account,
            admin.role, fate));
    }
    lines.append(u"Files under MULTER_DEST: %1"_s.arg(tallies(files)));
    return lines;
}

} // namespace Im::Store
