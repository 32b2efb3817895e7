#include "testservices.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace Im::Test {

bool TestServices::hasMariaDb()
{
    return !qEnvironmentVariableIsEmpty("IM_TEST_MARIADB_PORT");
}

bool TestServices::servicesRequired()
{
    return qEnvironmentVariable("IM_TEST_REQUIRE_SERVICES") == "1"_L1;
}

Store::DatabaseSettings TestServices::mariaDb(const QString &databaseName)
{
    Store::DatabaseSettings settings;
    settings.dialect = Store::Dialect::MariaDb;
    settings.host = qEnvironmentVariable("IM_TEST_MARIADB_HOST", u"127.0.0.1"_s);
    settings.port = quint16(qEnvironmentVariableIntValue("IM_TEST_MARIADB_PORT"));
    settings.user = qEnvironmentVariable("IM_TEST_MARIADB_USER");
    settings.password = qEnvironmentVariable("IM_TEST_MARIADB_PASSWORD");
    settings.databaseName = databaseName;
    settings.threads = 2;
    return settings;
}

QString TestServices::originalFixturePath()
{
    return QStringLiteral(IM_FIXTURES_DIR "/im_server_original.sql");
}

QString TestServices::serverBinary()
{
    return QStringLiteral(IM_SERVER_BINARY);
}

} // namespace Im::Test
