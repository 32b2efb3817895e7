#include "adminapi/adminfeed.h"

#include "adminapi/metricsrecorder.h"
#include "adminapi/serveridentity.h"
#include "auth/authservice.h"
#include "im/deliveryhub.h"
#include "im/futures.h"
#include "im/version.h"
#include "socketio/engineioserver.h"
#include "socketio/engineiosession.h"
#include "socketio/socketionamespace.h"
#include "socketio/socketioserver.h"
#include "socketio/socketiosocket.h"
#include "store/seeder.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::AdminApi {

namespace {

Q_LOGGING_CATEGORY(lcAdminFeed, "im.admin.feed")

// Session changes come in bursts (a client's connect, upgrade and channel start): one list each.
constexpr auto sessionsCoalescing = 250ms;
constexpr auto queuesInterval = 1s;
// The sessions event's bound: a console shows no more, and the feed stays small under load.
constexpr qsizetype maxSessionRows = 500;
// How long a logged-out or demoted admin may keep watching at most.
constexpr auto recheckInterval = 5s;

//! The handshake headers that authenticated an admin socket, kept to check them again.
QVariantMap adminData(int userId, const QByteArray &userIdHeader, const QByteArray &token)
{
    return { { u"id"_s, userId }, { u"userid"_s, userIdHeader }, { u"authorization"_s, token } };
}

bool mayWatch(const Result<Auth::UserContext> &user)
{
    return user && user->hasPermission(Store::Permission::AdminConsole);
}

} // namespace

AdminFeed::AdminFeed(SocketIo::SocketIoServer &io, Auth::AuthService &auth, QueueSources sources,
                     SocketIo::EngineIoServer &engine, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_sources(sources)
    , m_engine(&engine)
    , m_namespace(io.of(QString(name)))
{
    m_namespace->setAuthenticator([this](const SocketIo::ConnectRequest &request) {
        const QByteArray userIdHeader = request.handshake.header("userid");
        const QByteArray token = request.handshake.header("authorization");
        return thenOn(m_auth.authenticate(userIdHeader, token), this,
                      [userIdHeader, token](Result<Auth::UserContext> user) {
                          if (!user)
                              return SocketIo::ConnectDecision::refuse(u"Authentication error"_s);
                          if (!mayWatch(user)) {
                              return SocketIo::ConnectDecision::refuse(
                                  u"Forbidden: the adminConsole permission is required"_s);
                          }
                          return SocketIo::ConnectDecision::accept(
                              adminData(user->id, userIdHeader, token));
                      });
    });
    connect(m_namespace, &SocketIo::SocketIoNamespace::connected, this,
            &AdminFeed::onAdminConnected);

    m_sessionsTimer.setSingleShot(true);
    m_sessionsTimer.setInterval(sessionsCoalescing);
    connect(&m_sessionsTimer, &QTimer::timeout, this, [this] {
        if (m_admins > 0 && m_namespace)
            m_namespace->broadcast(u"sessions"_s, sessions());
    });
    m_queuesTimer.setInterval(queuesInterval);
    connect(&m_queuesTimer, &QTimer::timeout, this,
            [this] { broadcast(u"queues"_s, queuesJson(m_sources, RateHistory::Left)); });
    m_recheckTimer.setInterval(recheckInterval);
    connect(&m_recheckTimer, &QTimer::timeout, this, &AdminFeed::recheckAdmins);
    connect(&m_sources.recorder, &MetricsRecorder::sampled, this,
            [this](const QJsonObject &sample) {
                broadcast(u"sample"_s, sample);
                // Last activity, pending acks and buffered bytes move without opens or closes.
                if (m_admins > 0 && m_namespace)
                    m_namespace->broadcast(u"sessions"_s, sessions());
            });

    // A session is listed once its delivery channel started, and goes when its socket does
    // (its channel closes). Hub-wide signals: a connection per session would cost every session.
    connect(&m_sources.hub, &Core::DeliveryHub::attached, this, &AdminFeed::sessionsChanged);
    connect(&m_sources.hub, &Core::DeliveryHub::released, this, &AdminFeed::sessionsChanged);
    connect(&engine, &SocketIo::EngineIoServer::sessionOpened, this,
            [this](SocketIo::EngineIoSession *session) {
                // Only a polling session moves to another transport.
                if (session->transport() == SocketIo::TransportKind::Polling)
                    connect(session, &SocketIo::EngineIoSession::upgraded, this,
                            &AdminFeed::sessionsChanged);
            });
}

void AdminFeed::onAdminConnected(SocketIo::SocketIoSocket *socket)
{
    ++m_admins;
    qCDebug(lcAdminFeed) << "admin" << socket->userData().toMap().value(u"id"_s).toInt()
                         << "watching, socket" << socket->id();
    connect(socket, &SocketIo::SocketIoSocket::disconnected, this, &AdminFeed::onAdminDisconnected);
    QJsonObject server = ServerIdentity::process().toJson();
    server.insert(u"version"_s, versionString());
    socket->send(u"server"_s, { server.toVariantMap() });
    socket->send(u"sessions"_s, sessions());
    if (!m_queuesTimer.isActive()) {
        m_queuesTimer.start();
        m_recheckTimer.start();
    }
}

void AdminFeed::onAdminDisconnected()
{
    if (--m_admins == 0) {
        m_queuesTimer.stop();
        m_recheckTimer.stop();
        m_sessionsTimer.stop();
    }
}

void AdminFeed::sessionsChanged()
{
    if (m_admins > 0 && !m_sessionsTimer.isActive())
        m_sessionsTimer.start();
}

void AdminFeed::recheckAdmins()
{
    if (!m_namespace)
        return;
    for (SocketIo::SocketIoSocket *socket : m_namespace->sockets()) {
        const QVariantMap data = socket->userData().toMap();
        QPointer<SocketIo::SocketIoSocket> watched(socket);
        whenFinished(m_auth.authenticate(data.value(u"userid"_s).toByteArray(),
                                         data.value(u"authorization"_s).toByteArray()),
                     this, [watched](Result<Auth::UserContext> user) {
                         if (watched && !mayWatch(user)) {
                             qCInfo(lcAdminFeed) << "admin feed socket" << watched->id()
                                                 << "closed: its session or permission is gone";
                             watched->disconnect();
                         }
                     });
    }
}

void AdminFeed::broadcast(const QString &event, const QJsonValue &payload)
{
    if (m_admins > 0 && m_namespace)
        m_namespace->broadcast(event, { payload.toVariant() });
}

QVariantList AdminFeed::sessions() const
{
    const SessionRows rows =
        m_engine ? sessionRows(m_sources.hub, *m_engine, maxSessionRows) : SessionRows();
    const QVariantMap meta {
        { u"total"_s, qint64(rows.total) },
        { u"sent"_s, qint64(rows.rows.size()) },
        { u"truncated"_s, rows.total > rows.rows.size() },
        { u"at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
    };
    // Two arguments: the list, then what was cut.
    return { QVariant(rows.rows.toVariantList()), meta };
}

} // namespace Im::AdminApi
