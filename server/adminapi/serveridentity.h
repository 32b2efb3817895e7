#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Im::AdminApi {

//! Who this server process is, so the console can tell a restart (a new instanceId) from a
//! reconnect and name the node a device is on. One per process; network thread.
class ServerIdentity
{
public:
    //! The process's identity, made on first use (at startup, by the admin API's construction).
    [[nodiscard]] static ServerIdentity &process();

    //! Completes the node name once the listener's port is known.
    void setPort(quint16 port) { m_port = port; }

    [[nodiscard]] const QString &instanceId() const { return m_instanceId; }
    [[nodiscard]] const QDateTime &startedAt() const { return m_startedAt; }
    //! `<host name>:<port>` (the node name until clustering names nodes).
    [[nodiscard]] QString node() const;
    //! `{instanceId, startedAt, node}`.
    [[nodiscard]] QJsonObject toJson() const;

private:
    ServerIdentity();

    const QString m_instanceId;
    const QDateTime m_startedAt;
    quint16 m_port = 0;
};

} // namespace Im::AdminApi
