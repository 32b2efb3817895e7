#include "scratchdatabase.h"

#include "testservices.h"

#include <QFileInfo>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Im::Test {

namespace {

QSqlDatabase openMariaDbServer(const QString &connectionName, const Store::DatabaseSettings &s,
                               const QString &databaseName)
{
    QSqlDatabase database = QSqlDatabase::addDatabase(u"QMYSQL"_s, connectionName);
    database.setHostName(s.host);
    database.setPort(s.port);
    database.setUserName(s.user);
    database.setPassword(s.password);
    database.setDatabaseName(databaseName);
    if (!database.open())
        qWarning() << "cannot open the test MariaDB:" << database.lastError().text();
    return database;
}

} // namespace

std::unique_ptr<ScratchDatabase> ScratchDatabase::sqlite()
{
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    scratch->m_directory = std::make_unique<QTemporaryDir>();
    scratch->m_settings.dialect = Store::Dialect::Sqlite;
    scratch->m_settings.sqlitePath = scratch->m_directory->filePath(u"test.sqlite"_s);
    scratch->m_settings.threads = 2;
    return scratch;
}

std::unique_ptr<ScratchDatabase> ScratchDatabase::mariaDb()
{
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    const QString name = u"im_test_"_s + QUuid::createUuid().toString(QUuid::Id128).left(16);
    scratch->m_settings = TestServices::mariaDb(name);
    {
        QSqlDatabase server =
            openMariaDbServer(u"scratch-create-"_s + name, scratch->m_settings, QString());
        QSqlQuery(server).exec(u"CREATE DATABASE `%1` CHARACTER SET utf8mb4 "
                               "COLLATE utf8mb4_unicode_ci"_s.arg(name));
        server.close();
    }
    QSqlDatabase::removeDatabase(u"scratch-create-"_s + name);
    return scratch;
}

std::unique_ptr<ScratchDatabase> ScratchDatabase::create(bool onMariaDb)
{
    return onMariaDb ? mariaDb() : sqlite();
}

void ScratchDatabase::addBackendRows()
{
    QTest::addColumn<bool>("mariadb");
    QTest::newRow("sqlite") << false;
    QTest::newRow("mariadb") << true;
}

ScratchDatabase::~ScratchDatabase()
{
    if (!m_connectionName.isEmpty()) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    if (m_settings.dialect == Store::Dialect::MariaDb) {
        const QString dropName = u"scratch-drop-"_s + m_settings.databaseName;
        {
            QSqlDatabase server = openMariaDbServer(dropName, m_settings, QString());
            QSqlQuery(server).exec(u"DROP DATABASE IF EXISTS `%1`"_s.arg(m_settings.databaseName));
            server.close();
        }
        QSqlDatabase::removeDatabase(dropName);
    }
}

QSqlDatabase ScratchDatabase::connection()
{
    if (m_connectionName.isEmpty()) {
        m_connectionName = u"scratch-"_s + QUuid::createUuid().toString(QUuid::Id128);
        if (m_settings.dialect == Store::Dialect::Sqlite) {
            QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
            database.setDatabaseName(m_settings.sqlitePath);
            database.open();
        } else {
            openMariaDbServer(m_connectionName, m_settings, m_settings.databaseName);
        }
    }
    return QSqlDatabase::database(m_connectionName);
}

QVariant ScratchDatabase::scalar(const QString &sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql)) {
        qWarning() << "scalar failed:" << sql << query.lastError().text();
        return {};
    }
    return query.next() ? query.value(0) : QVariant();
}

QString ScratchDatabase::loadDump(const QString &path)
{
    // Say which file is missing instead of letting the client fail to start on no input.
    if (!QFileInfo(path).isFile())
        return u"test fixture not found: %1"_s.arg(path);
    QProcess client;
    client.setStandardInputFile(path);
    client.setProcessChannelMode(QProcess::MergedChannels);
    // The password goes through the environment, not the visible command line.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"MYSQL_PWD"_s, m_settings.password);
    client.setProcessEnvironment(environment);
    client.start(u"mariadb"_s,
                 { u"--no-defaults"_s, u"--protocol=TCP"_s, u"-h"_s, m_settings.host, u"-P"_s,
                   QString::number(m_settings.port), u"-u"_s, m_settings.user,
                   m_settings.databaseName });
    if (!client.waitForStarted(10000))
        return u"mariadb client did not start: %1"_s.arg(client.errorString());
    if (!client.waitForFinished(120000)) {
        client.kill();
        client.waitForFinished(5000);
        return u"mariadb client did not finish loading %1 within 120 s"_s.arg(path);
    }
    if (client.exitStatus() != QProcess::NormalExit || client.exitCode() != 0)
        return QString::fromUtf8(client.readAll());
    return {};
}

} // namespace Im::Test
