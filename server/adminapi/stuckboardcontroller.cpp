#include "adminapi/stuckboardcontroller.h"

#include "adminapi/serveridentity.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "im/deliveryhub.h"
#include "im/futures.h"
#include "store/admincursorqueries.h"
#include "store/dbexecutor.h"
#include "store/seeder.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

namespace {

constexpr qint64 defaultLimit = 50;
constexpr qint64 maxLimit = 500;

//! A device's live channels summed (a device may hold several sockets).
struct LiveDevice
{
    Core::QueueStats queue;
    qint64 cursor = 0;
    int sockets = 0;
};
using LiveDevices = QHash<std::pair<int, QString>, LiveDevice>;

LiveDevices liveDevices(const Core::DeliveryHub &hub)
{
    LiveDevices devices;
    for (const Core::ChannelInfo &channel : hub.channels()) {
        LiveDevice &device = devices[{ channel.userId, channel.deviceId }];
        device.queue += channel.queue;
        device.cursor = std::max(device.cursor, channel.cursor);
        ++device.sockets;
    }
    return devices;
}

QJsonValue timeOrNull(qint64 msSinceEpoch)
{
    return msSinceEpoch > 0 ? QJsonValue(
               QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs))
                            : QJsonValue(QJsonValue::Null);
}

QJsonObject rowJson(const Store::StuckDevice &device, const LiveDevice *live,
                    const Core::DeviceRecord *record, qint64 nowMs)
{
    // Counters: the live channels' plus those of the device's closed channels.
    Core::QueueStats figures = record ? record->figures : Core::QueueStats();
    if (live)
        figures += live->queue;
    const qint64 storedAtMs =
        device.oldestWaitingAt.isValid() ? device.oldestWaitingAt.toMSecsSinceEpoch() : nowMs;
    const qint64 oldestWaitingMs =
        std::max(nowMs - storedAtMs, live ? live->queue.oldestWaitingMs : 0);
    const bool known = live || record;
    return QJsonObject {
        { u"userId"_s, device.userId },
        { u"account"_s, device.account },
        { u"deviceId"_s, device.deviceId },
        { u"online"_s, live != nullptr },
        { u"sockets"_s, live ? live->sockets : 0 },
        { u"node"_s, known ? QJsonValue(ServerIdentity::process().node()) : QJsonValue() },
        { u"lastAck"_s, device.lastAck },
        { u"waiting"_s, device.waiting },
        { u"waitingCapped"_s, device.waitingCapped },
        { u"queued"_s, live ? live->queue.queued : 0 },
        { u"inFlight"_s, live ? live->queue.inFlight : 0 },
        { u"oldestWaitingId"_s, device.oldestWaitingId },
        { u"oldestWaitingAt"_s, timeOrNull(storedAtMs) },
        { u"oldestWaitingMs"_s, std::max<qint64>(oldestWaitingMs, 0) },
        { u"lastAckAt"_s, timeOrNull(figures.lastAckAtMs) },
        { u"lastSeenAt"_s,
          live ? timeOrNull(nowMs) : timeOrNull(record ? record->lastSeenAtMs : 0) },
        { u"pushed"_s, figures.pushed },
        { u"acked"_s, figures.acked },
        { u"timedOut"_s, figures.timedOut },
        { u"failed"_s, figures.failed },
        { u"retried"_s, figures.retried },
    };
}

} // namespace

StuckBoardController::StuckBoardController(Auth::AuthService &auth, Store::DbExecutor &database,
                                           const Core::DeliveryHub &hub, QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
    , m_hub(hub)
{ }

void StuckBoardController::registerRoutes(Http::Router &router)
{
    addGuarded(
        router, Http::HttpRequest::Method::Get, u"/api/v1/admin/cursors/stuck"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const auto limit =
                Http::FieldRules::queryInteger(request, u"limit"_s, defaultLimit, 1, maxLimit);
            return limit ? board(int(*limit)) : Http::ready(Http::badParameters());
        },
        Store::Permission::AdminConsole);
}

QFuture<Http::HttpResponse> StuckBoardController::board(int limit)
{
    const LiveDevices live = liveDevices(m_hub);
    Store::LiveCursors cursors;
    for (auto it = live.cbegin(); it != live.cend(); ++it)
        cursors.insert(it.key(), it->cursor);
    auto board = m_database.run<Store::StuckBoard>([limit, cursors](Store::DbSession &session) {
        return Store::stuckDevices(session, limit, cursors);
    });
    return thenOn(board, this, [this, limit](Result<Store::StuckBoard> found) {
        if (!found)
            return Http::Envelope::fromError(found.error());
        // Queues as of the answer, not of the question: the database job took a while.
        const LiveDevices now = liveDevices(m_hub);
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        QJsonArray rows;
        for (const Store::StuckDevice &device : found.value().devices) {
            const auto key = std::pair(device.userId, device.deviceId);
            const auto liveDevice = now.constFind(key);
            rows.append(rowJson(device, liveDevice == now.cend() ? nullptr : &liveDevice.value(),
                                m_hub.history().find(device.userId, device.deviceId), nowMs));
        }
        return Http::Envelope::success(QJsonObject {
            { u"at"_s, timeOrNull(nowMs) },
            { u"node"_s, ServerIdentity::process().node() },
            { u"limit"_s, limit },
            { u"truncated"_s, found.value().truncated },
            { u"devices"_s, rows },
        });
    });
}

} // namespace Im::AdminApi
