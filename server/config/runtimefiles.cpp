#include "config/runtimefiles.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace Im::Config {

QString installedDataDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + u"/../share/im-server"_s);
}

QString defaultSwaggerUiDir()
{
    return installedDataDir() + u"/swagger-ui"_s;
}

} // namespace Im::Config
