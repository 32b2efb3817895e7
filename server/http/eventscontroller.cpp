#include "http/eventscontroller.h"

#include "http/envelope.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"
#include "im/deviceid.h"
#include "im/futures.h"
#include "im/messagehistory.h"
#include "im/notification.h"
#include "im/notificationinbox.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Im::Http {

using namespace FieldRules;

namespace {

constexpr qint64 maxId = std::numeric_limits<qint64>::max();

// `{statusCode: 200, count, data}`: the original's list envelope, with count beside data.
HttpResponse counted(qint64 count, const QJsonArray &data)
{
    return HttpResponse::json(
        200, QJsonObject { { u"statusCode"_s, 200 }, { u"count"_s, count }, { u"data"_s, data } });
}

std::optional<QString> deviceOf(const HttpRequest &request)
{
    const QString deviceId = QString::fromUtf8(request.header("deviceid"));
    if (!deviceId.isEmpty() && !Core::isValidDeviceId(deviceId))
        return std::nullopt;
    return deviceId;
}

// `?peer=<user id>` or `?groupId=<group id>`, exactly one of them.
std::optional<Core::ConversationRef> conversationOf(const HttpRequest &request)
{
    const auto peer = queryInteger(request, u"peer"_s, 0, 1, std::numeric_limits<int>::max());
    const auto group = queryInteger(request, u"groupId"_s, 0, 1, std::numeric_limits<int>::max());
    if (!peer || !group || (*peer == 0) == (*group == 0))
        return std::nullopt;
    Core::ConversationRef ref;
    ref.peer = int(*peer);
    ref.groupId = int(*group);
    return ref;
}

QJsonArray messagesJson(const QList<Core::StoredMessage> &messages)
{
    QJsonArray array;
    for (const Core::StoredMessage &message : messages)
        array.append(message.toJson());
    return array;
}

QJsonArray idsJson(const QList<int> &ids)
{
    QJsonArray array;
    for (int id : ids)
        array.append(id);
    return array;
}

} // namespace

EventsController::EventsController(Auth::AuthService &auth, Core::NotificationInbox &inbox,
                                   Core::MessageHistory &history, QObject *parent)
    : RestController(auth, parent)
    , m_inbox(inbox)
    , m_history(history)
{ }

void EventsController::registerRoutes(Router &router)
{
    using Method = HttpRequest::Method;
    addGuarded(router, Method::Get, u"/api/v1/events/notify"_s, &EventsController::notifies);
    addGuarded(router, Method::Post, u"/api/v1/events/notify/received"_s,
               [this](const HttpRequest &r, const Auth::UserContext &u) {
                   return markNotify(r, u, Core::NotifyStatus::Received);
               });
    addGuarded(router, Method::Post, u"/api/v1/events/notify/readed"_s,
               [this](const HttpRequest &r, const Auth::UserContext &u) {
                   return markNotify(r, u, Core::NotifyStatus::Readed);
               });
    addGuarded(router, Method::Get, u"/api/v1/events/message"_s, &EventsController::messages);
    addGuarded(router, Method::Post, u"/api/v1/events/message/received"_s,
               &EventsController::received);
    addGuarded(router, Method::Get, u"/api/v1/events/message/range"_s, &EventsController::range);
    addGuarded(router, Method::Get, u"/api/v1/events/message/read"_s, &EventsController::reads);
    addGuarded(router, Method::Get, u"/api/v1/events/message/:id/readers"_s,
               &EventsController::readers);
}

QFuture<HttpResponse> EventsController::notifies(const Auth::UserContext &user)
{
    return thenOn(m_inbox.pending(user.id), this,
                  [](Result<QList<Core::PendingNotification>> pending) {
                      if (!pending)
                          return Envelope::fromError(pending.error());
                      QJsonArray data;
                      for (const Core::PendingNotification &notification : pending.value())
                          data.append(notification.listed);
                      return counted(data.size(), data);
                  });
}

QFuture<HttpResponse> EventsController::markNotify(const HttpRequest &request,
                                                   const Auth::UserContext &user, int status)
{
    const auto body = bodyObject(request);
    QString notifyId;
    if (!body
        || !requiredString(*body, u"notifyId"_s, &notifyId,
                           Core::NotificationInbox::maxNotifyIdLength))
        return ready(badParameters());
    return thenOn(m_inbox.advance(user.id, notifyId, status), this, [](Result<void> done) {
        if (!done)
            return Envelope::fromError(done.error());
        return Envelope::success(QJsonValue::Undefined, u"Successfully."_s);
    });
}

QFuture<HttpResponse> EventsController::messages(const HttpRequest &request,
                                                 const Auth::UserContext &user)
{
    const auto device = deviceOf(request);
    const auto afterId = queryInteger(request, u"afterId"_s, 0, 0, maxId);
    const auto pageSize = queryInteger(request, u"pageSize"_s, Core::HistoryLimits::defaultPageSize,
                                       1, Core::HistoryLimits::maxPageSize);
    if (!device || !afterId || !pageSize)
        return ready(badParameters());
    return thenOn(m_history.pending(user.id, *device, *afterId, int(*pageSize)), this,
                  [](Result<Core::PendingPage> page) {
                      if (!page)
                          return Envelope::fromError(page.error());
                      return counted(page->count, messagesJson(page->messages));
                  });
}

QFuture<HttpResponse> EventsController::received(const HttpRequest &request,
                                                 const Auth::UserContext &user)
{
    const auto body = bodyObject(request);
    const auto device = deviceOf(request);
    const QJsonValue id = body ? body->value(u"id"_s) : QJsonValue();
    const bool wholeNumber = id.isDouble() && id.toDouble() >= 0 && id.toDouble() <= 9.0e15
        && double(id.toInteger()) == id.toDouble();
    if (!device || !wholeNumber)
        return ready(badParameters());
    return thenOn(m_history.acknowledge(user.id, *device, id.toInteger()), this,
                  [](Result<qint64> cursor) {
                      if (!cursor)
                          return Envelope::fromError(cursor.error());
                      // The original's message has no trailing dot here.
                      return Envelope::success(QJsonObject { { u"lastAck"_s, cursor.value() } },
                                               u"Successfully"_s);
                  });
}

QFuture<HttpResponse> EventsController::range(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    const auto conversation = conversationOf(request);
    const auto fromSeq = queryInteger(request, u"fromSeq"_s, 1, 1, maxId);
    const auto toSeq = queryInteger(request, u"toSeq"_s, -1, 1, maxId);
    if (!conversation || !fromSeq || !toSeq)
        return ready(badParameters());
    const auto last = *toSeq == -1 ? std::nullopt : std::optional<qint64>(*toSeq);
    return thenOn(m_history.range(user.id, *conversation, *fromSeq, last), this,
                  [](Result<QList<Core::StoredMessage>> messages) {
                      if (!messages)
                          return Envelope::fromError(messages.error());
                      return counted(messages->size(), messagesJson(messages.value()));
                  });
}

QFuture<HttpResponse> EventsController::reads(const HttpRequest &request,
                                              const Auth::UserContext &user)
{
    const auto conversation = conversationOf(request);
    if (!conversation)
        return ready(badParameters());
    return thenOn(m_history.reads(user.id, *conversation), this,
                  [group = conversation->isGroup()](Result<Core::ConversationReads> result) {
                      if (!result)
                          return Envelope::fromError(result.error());
                      QJsonObject data { { u"lastRead"_s, result->mine },
                                         { u"newestId"_s, result->newestId } };
                      if (!group)
                          data.insert(u"peerLastRead"_s, result->peer);
                      return Envelope::success(data);
                  });
}

QFuture<HttpResponse> EventsController::readers(const HttpRequest &request,
                                                const Auth::UserContext &user)
{
    bool numeric = false;
    const qint64 messageId = request.pathParameters.value(u"id"_s).toLongLong(&numeric);
    if (!numeric || messageId <= 0)
        return ready(badParameters());
    return thenOn(
        m_history.readers(user.id, messageId), this, [](Result<Core::MessageReaders> result) {
            if (!result)
                return Envelope::fromError(result.error());
            return Envelope::success(QJsonObject { { u"groupId"_s, result->groupId },
                                                   { u"read"_s, idsJson(result->read) },
                                                   { u"unread"_s, idsJson(result->unread) } });
        });
}

} // namespace Im::Http
