#pragma once

#include "store/databasesettings.h"
#include "store/migration.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Im::Test {

//! "1,2,3": the versions of \a migrations as `GROUP_CONCAT(version)` lists them.
inline QString versionList(const QList<Store::Migration> &migrations)
{
    QStringList versions;
    for (int version : Store::versionsOf(migrations))
        versions.append(QString::number(version));
    return versions.join(u',');
}

//! A database of its own for one test: a fresh SQLite file in a temporary folder, or a uniquely
//! named MariaDB database on the test server that is dropped again at destruction. Also offers a
//! direct connection on the test's thread for checking what the code under test wrote.
class ScratchDatabase
{
public:
    static std::unique_ptr<ScratchDatabase> sqlite();
    static std::unique_ptr<ScratchDatabase> mariaDb();
    static std::unique_ptr<ScratchDatabase> create(bool onMariaDb);

    //! For initTestCase_data(): a global `mariadb` column with the rows "sqlite" and "mariadb", so
    //! every test of the class runs on both backends.
    static void addBackendRows();
    ~ScratchDatabase();

    [[nodiscard]] const Store::DatabaseSettings &settings() const { return m_settings; }
    //! A connection owned by the calling (test) thread.
    [[nodiscard]] QSqlDatabase connection();

    //! Runs one statement on connection() and returns the first column of the first row.
    QVariant scalar(const QString &sql);
    //! Loads a mysqldump file through the `mariadb` command-line client; returns its error text.
    QString loadDump(const QString &path);

private:
    ScratchDatabase() = default;

    Store::DatabaseSettings m_settings;
    QString m_connectionName;
    std::unique_ptr<QTemporaryDir> m_directory;
};

} // namespace Im::Test
