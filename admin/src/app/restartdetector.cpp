#include "app/restartdetector.h"

using namespace Qt::StringLiterals;

namespace Im::Admin {

QDateTime RestartDetector::observe(const QJsonObject &identity)
{
    const QString instanceId = identity.value(u"instanceId"_s).toString();
    const QDateTime startedAt =
        QDateTime::fromString(identity.value(u"startedAt"_s).toString(), Qt::ISODateWithMs);
    const QJsonValue uptime = identity.value(u"uptimeSeconds"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    bool restarted = false;
    if (!instanceId.isEmpty()) {
        restarted = !m_instanceId.isEmpty() && instanceId != m_instanceId;
        m_instanceId = instanceId;
    } else if (startedAt.isValid()) {
        restarted = m_startedAt.isValid() && startedAt != m_startedAt;
    } else if (uptime.isDouble() && m_uptimeSeconds >= 0) {
        // One second of slack for rounding.
        restarted = uptime.toDouble() + 1.0 < m_uptimeSeconds;
    }
    if (startedAt.isValid())
        m_startedAt = startedAt;
    if (uptime.isDouble())
        m_uptimeSeconds = uptime.toDouble();
    if (!restarted)
        return {};
    if (startedAt.isValid())
        return startedAt;
    return uptime.isDouble() ? now.addMSecs(-qint64(uptime.toDouble() * 1000)) : now;
}

} // namespace Im::Admin
