#include "adminapi/cursorscontroller.h"

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

constexpr qint64 defaultLaggingLimit = 20;
constexpr qint64 maxLaggingLimit = 100;

// The cursor of every live channel, the highest one for a device on several sockets.
Store::LiveCursors liveCursors(const Core::DeliveryHub &hub)
{
    Store::LiveCursors live;
    for (const Core::ChannelInfo &channel : hub.channels()) {
        qint64 &cursor = live[{ channel.userId, channel.deviceId }];
        cursor = std::max(cursor, channel.cursor);
    }
    return live;
}

QJsonValue idOrNull(int id)
{
    return id != 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

// The fields that say which conversation a row is about.
void insertConversation(QJsonObject &json, const Store::ConversationCursorState &conversation)
{
    json.insert(u"conversationId"_s, conversation.conversationId);
    json.insert(u"kind"_s, conversation.isGroup() ? u"group"_s : u"single"_s);
    json.insert(u"peerId"_s, idOrNull(conversation.peerId));
    json.insert(u"groupId"_s, idOrNull(conversation.groupId));
}

QJsonObject reportJson(const Store::UserCursorReport &report, const Store::LiveCursors &live)
{
    QJsonArray devices;
    for (const Store::DeviceCursorState &device : report.devices) {
        devices.append(QJsonObject {
            { u"deviceId"_s, device.deviceId },
            { u"lastAck"_s, device.lastAck },
            { u"newestId"_s, report.newestId },
            { u"ackLag"_s, device.ackLag },
            { u"ackLagCapped"_s, device.ackLagCapped },
            { u"online"_s, live.contains({ report.userId, device.deviceId }) },
        });
    }
    QJsonArray conversations;
    QJsonArray rows;
    for (const Store::ConversationCursorState &conversation : report.conversations) {
        QJsonObject json;
        insertConversation(json, conversation);
        json.insert(u"newestId"_s, conversation.newestId);
        json.insert(u"newestSeq"_s, conversation.newestSeq);
        json.insert(u"lastReadId"_s, conversation.lastReadId);
        json.insert(u"lastReadSeq"_s, conversation.lastReadSeq);
        json.insert(u"readLag"_s, conversation.readLag());
        conversations.append(json);
    }
    for (const Store::DeviceCursorState &device : report.devices) {
        for (const Store::ConversationCursorState &conversation : report.conversations) {
            QJsonObject row { { u"deviceId"_s, device.deviceId } };
            insertConversation(row, conversation);
            row.insert(u"lastAck"_s, device.lastAck);
            row.insert(u"lastReadSeq"_s, conversation.lastReadSeq);
            row.insert(u"newestId"_s, conversation.newestId);
            row.insert(u"newestSeq"_s, conversation.newestSeq);
            row.insert(u"ackLag"_s,
                       device.ackLagByConversation.value(conversation.conversationId, 0));
            row.insert(u"readLag"_s, conversation.readLag());
            rows.append(row);
        }
    }
    return QJsonObject {
        // The schema has no nickname; the field is there for the console's shape.
        { u"user"_s,
          QJsonObject { { u"id"_s, report.userId },
                        { u"account"_s, report.account },
                        { u"nickname"_s, QJsonValue::Null } } },
        { u"devices"_s, devices },
        { u"conversations"_s, conversations },
        { u"rows"_s, rows },
        { u"truncated"_s, report.truncated },
    };
}

QJsonArray laggingJson(const QList<Store::LaggingDevice> &devices, const Store::LiveCursors &live)
{
    QJsonArray array;
    for (const Store::LaggingDevice &device : devices) {
        array.append(QJsonObject {
            { u"userId"_s, device.userId },
            { u"account"_s, device.account },
            { u"deviceId"_s, device.deviceId },
            { u"lastAck"_s, device.lastAck },
            { u"newestId"_s, device.newestId },
            { u"ackLag"_s, device.ackLag },
            { u"ackLagCapped"_s, device.ackLagCapped },
            { u"online"_s, live.contains({ device.userId, device.deviceId }) },
        });
    }
    return array;
}

} // namespace

CursorsController::CursorsController(Auth::AuthService &auth, Store::DbExecutor &database,
                                     const Core::DeliveryHub &hub, QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
    , m_hub(hub)
{ }

void CursorsController::registerRoutes(Http::Router &router)
{
    using Method = Http::HttpRequest::Method;
    addGuarded(
        router, Method::Get, u"/api/v1/admin/users/:id/cursors"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const auto user = parsePathUserRef(request.pathParameters.value(u"id"_s));
            return user ? userCursors(*user) : Http::ready(Http::badParameters());
        },
        Store::Permission::AdminConsole);
    addGuarded(
        router, Method::Get, u"/api/v1/admin/cursors/lagging"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const auto limit = Http::FieldRules::queryInteger(
                request, u"limit"_s, defaultLaggingLimit, 1, maxLaggingLimit);
            return limit ? lagging(int(*limit)) : Http::ready(Http::badParameters());
        },
        Store::Permission::AdminConsole);
}

QFuture<Http::HttpResponse> CursorsController::userCursors(const UserRef &user)
{
    const Store::LiveCursors live = liveCursors(m_hub);
    // Resolved in the same job: an account costs no second round trip.
    auto report = m_database.run<std::optional<Store::UserCursorReport>>(
        [user, live](Store::DbSession &session) -> Result<std::optional<Store::UserCursorReport>> {
            auto resolved = resolveUser(session, user);
            if (!resolved)
                return resolved.error();
            return Store::userCursorReport(session, resolved->id, live);
        });
    return thenOn(report, this, [live](Result<std::optional<Store::UserCursorReport>> result) {
        if (!result)
            return Http::Envelope::fromError(result.error());
        if (!result.value())
            return Http::Envelope::failure(404, u"No such user"_s); // deleted meanwhile
        return Http::Envelope::success(reportJson(*result.value(), live));
    });
}

QFuture<Http::HttpResponse> CursorsController::lagging(int limit)
{
    const Store::LiveCursors live = liveCursors(m_hub);
    auto devices =
        m_database.run<QList<Store::LaggingDevice>>([limit, live](Store::DbSession &session) {
            return Store::laggingDevices(session, limit, live);
        });
    return thenOn(devices, this, [live](Result<QList<Store::LaggingDevice>> result) {
        if (!result)
            return Http::Envelope::fromError(result.error());
        return Http::Envelope::success(laggingJson(result.value(), live));
    });
}

} // namespace Im::AdminApi
