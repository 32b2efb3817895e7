#include "config/serverconfig.h"

#include "config/runtimefiles.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace Im::Config {

// Derived paths live here, not in the loader, so a config built in code (tests, tools) gets the
// same layout as one loaded from the environment.

QString ServerConfig::effectiveSqlitePath() const
{
    return sqlitePath.isEmpty() ? QDir(dataDir).filePath(u"im-server.sqlite"_s) : sqlitePath;
}

QString ServerConfig::effectiveUploadDir() const
{
    return uploadDir.isEmpty() ? QDir(dataDir).filePath(u"uploads"_s) : uploadDir;
}

QString ServerConfig::effectiveLogDir() const
{
    return logDir.isEmpty() ? QDir(dataDir).filePath(u"logs"_s) : logDir;
}

QString ServerConfig::effectiveSwaggerUiDir() const
{
    return swaggerUiDir.isEmpty() ? defaultSwaggerUiDir() : swaggerUiDir;
}

QString ServerConfig::secretKeyFile() const
{
    return QDir(dataDir).filePath(u"secret.key"_s);
}

} // namespace Im::Config
