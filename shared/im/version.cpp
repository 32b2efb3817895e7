#include "im/version.h"

namespace Im {

QString versionString()
{
    return QStringLiteral(IM_VERSION_STRING);
}

} // namespace Im
