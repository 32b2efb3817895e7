#include "net/livefeed.h"

using namespace Qt::StringLiterals;

namespace Im::Admin {

LiveFeed::LiveFeed(QObject *parent)
    : LiveFeed(u"/admin"_s, parent)
{ }

LiveFeed::LiveFeed(const QString &nameSpace, QObject *parent)
    : QObject(parent)
    , m_namespace(nameSpace)
{
    connect(&m_client, &SocketIo::WebSocketClient::connected, this, &LiveFeed::connected);
    connect(&m_client, &SocketIo::WebSocketClient::disconnected, this, &LiveFeed::disconnected);
    connect(&m_client, &SocketIo::WebSocketClient::refused, this, &LiveFeed::refused);
    m_client.setEventHandler([this](const QString &event, const QVariantList &arguments) {
        Q_EMIT eventReceived(event,
                             arguments.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                 : QJsonValue::fromVariant(arguments.first()));
        return QVariantList();
    });
}

void LiveFeed::open(const QUrl &baseUrl, int userId, const QString &token)
{
    m_client.open(
        SocketIo::WebSocketClient::engineUrl(baseUrl, u"/socket/v1/IM/"_s), m_namespace,
        { { "userid", QByteArray::number(userId) }, { "authorization", token.toUtf8() } });
}

} // namespace Im::Admin
