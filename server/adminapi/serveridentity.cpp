#include "adminapi/serveridentity.h"

#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

ServerIdentity &ServerIdentity::process()
{
    static ServerIdentity identity;
    return identity;
}

ServerIdentity::ServerIdentity()
    : m_instanceId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_startedAt(QDateTime::currentDateTimeUtc())
{ }

QString ServerIdentity::node() const
{
    return u"%1:%2"_s.arg(QSysInfo::machineHostName()).arg(m_port);
}

QJsonObject ServerIdentity::toJson() const
{
    return QJsonObject { { u"instanceId"_s, m_instanceId },
                         { u"startedAt"_s, m_startedAt.toString(Qt::ISODateWithMs) },
                         { u"node"_s, node() } };
}

} // namespace Im::AdminApi
