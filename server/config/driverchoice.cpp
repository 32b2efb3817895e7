#include "config/driverchoice.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Im::Config {

namespace {

const QString driverKey = u"DB_DRIVER"_s;
const QString sqlitePathKey = u"DB_PATH"_s;
// The settings that only MariaDB uses; the first three name a database, so they (and not a port
// or password alone) are what makes an unset DB_DRIVER mean MariaDB.
const QStringList mariaDbKeys = { u"DB_HOST"_s, u"DB_USER"_s, u"DB_NAME"_s, u"DB_PORT"_s,
                                  u"DB_PASS"_s };
const QStringList namingKeys = mariaDbKeys.mid(0, 3);

QStringList presentOf(const QStringList &keys, const QMap<QString, QString> &given)
{
    QStringList present;
    for (const QString &key : keys) {
        if (given.contains(key))
            present.append(key);
    }
    return present;
}

// "DB_HOST (/srv/im/.env.prod:1) and DB_USER (environment)"
QString withOrigins(const QStringList &keys, const QMap<QString, QString> &given)
{
    QStringList parts;
    for (const QString &key : keys)
        parts.append(u"%1 (%2)"_s.arg(key, given.value(key)));
    if (parts.size() < 2)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return parts.join(u", "_s) + u" and "_s + last;
}

QString driverName(DatabaseDriver driver)
{
    return driver == DatabaseDriver::MariaDb ? u"mariadb"_s : u"sqlite"_s;
}

DriverChoice requestedChoice(const QMap<QString, QString> &given, DatabaseDriver requested)
{
    DriverChoice choice;
    choice.driver = requested;
    const QString setting =
        u"DB_DRIVER=%1 (%2)"_s.arg(driverName(requested), given.value(driverKey));
    choice.reason = setting;
    const QStringList mariaDb = presentOf(mariaDbKeys, given);
    if (requested == DatabaseDriver::Sqlite && !mariaDb.isEmpty()) {
        choice.conflict = u"%1 contradicts the MariaDB settings %2: remove them, or set "
                          "DB_DRIVER=mariadb"_s.arg(setting, withOrigins(mariaDb, given));
    } else if (requested == DatabaseDriver::MariaDb && given.contains(sqlitePathKey)) {
        choice.conflict = u"%1 contradicts %2, the SQLite file: remove it, or set "
                          "DB_DRIVER=sqlite"_s.arg(setting, withOrigins({ sqlitePathKey }, given));
    }
    return choice;
}

} // namespace

DriverChoice chooseDatabaseDriver(const QMap<QString, QString> &given,
                                  std::optional<DatabaseDriver> requested)
{
    if (requested)
        return requestedChoice(given, *requested);

    DriverChoice choice;
    const QStringList mariaDb = presentOf(mariaDbKeys, given);
    const QStringList naming = presentOf(namingKeys, given);
    if (given.contains(sqlitePathKey) && !mariaDb.isEmpty()) {
        choice.conflict =
            u"DB_DRIVER is not set, and %1 asks for SQLite while the MariaDB settings %2 "
            "ask for MariaDB: set DB_DRIVER and remove the other backend's settings"_s.arg(
                withOrigins({ sqlitePathKey }, given), withOrigins(mariaDb, given));
        return choice;
    }
    if (!naming.isEmpty()) {
        choice.driver = DatabaseDriver::MariaDb;
        choice.reason = u"DB_DRIVER is not set, but %1 %2, as in the original server's .env"_s.arg(
            withOrigins(naming, given), naming.size() == 1 ? u"is"_s : u"are"_s);
        return choice;
    }
    if (!mariaDb.isEmpty()) {
        const bool one = mariaDb.size() == 1;
        choice.conflict = u"%1 %2 only used by MariaDB, but neither DB_DRIVER nor DB_HOST, DB_USER "
                          "or DB_NAME is set: set DB_DRIVER=mariadb with DB_USER and DB_NAME, or "
                          "remove %3"_s.arg(withOrigins(mariaDb, given), one ? u"is"_s : u"are"_s,
                                            one ? u"it"_s : u"them"_s);
        return choice;
    }
    choice.reason = given.contains(sqlitePathKey)
        ? u"DB_DRIVER is not set and %1 names an SQLite file"_s.arg(
            withOrigins({ sqlitePathKey }, given))
        : u"the default: neither DB_DRIVER nor the MariaDB settings DB_HOST, DB_USER and DB_NAME "
          "are set"_s;
    return choice;
}

} // namespace Im::Config
