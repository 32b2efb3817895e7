#include "chatsocket.h"

using namespace Qt::StringLiterals;

namespace Im::Bench {

ChatSocket::ChatSocket(const QUrl &server, const QString &path, Session session,
                       QByteArray deviceId, QObject *parent)
    : QObject(parent)
    , m_url(SocketIo::WebSocketClient::engineUrl(server, path))
    , m_session(std::move(session))
    , m_deviceId(std::move(deviceId))
{
    connect(&m_client, &SocketIo::WebSocketClient::connected, this, &ChatSocket::connected);
    connect(&m_client, &SocketIo::WebSocketClient::disconnected, this, &ChatSocket::failed);
    connect(&m_client, &SocketIo::WebSocketClient::refused, this, [this](const QString &message) {
        Q_EMIT failed(u"connection refused: %1"_s.arg(message));
    });
}

void ChatSocket::setEventHandler(EventHandler handler)
{
    m_client.setEventHandler(
        [handler = std::move(handler)](const QString &event, const QVariantList &arguments) {
            return QVariantList { handler(event, arguments) };
        });
}

void ChatSocket::open()
{
    SocketIo::WebSocketClient::Headers headers {
        { "userid", QByteArray::number(m_session.userId) },
        { "authorization", m_session.token },
    };
    if (!m_deviceId.isEmpty())
        headers.append({ "deviceid", m_deviceId });
    m_client.open(m_url, u"/"_s, headers);
}

} // namespace Im::Bench
