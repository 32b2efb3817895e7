#include "im/notificationinbox.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;

namespace {

//! Records what it is asked and answers at once.
class RecordingNotificationStore final : public Core::NotificationStore
{
public:
    QFuture<Result<QList<Core::PendingNotification>>> pending(int receiver, int limit) override
    {
        asked.append(u"pending %1 %2"_s.arg(receiver).arg(limit));
        Core::PendingNotification one;
        one.notification.id = u"n-1"_s;
        one.notification.receiverId = receiver;
        return QtFuture::makeReadyFuture(
            Result<QList<Core::PendingNotification>>(QList<Core::PendingNotification> { one }));
    }
    QFuture<Result<void>> advance(int receiver, const QString &notifyId, int status) override
    {
        asked.append(u"advance %1 %2 %3"_s.arg(receiver).arg(notifyId).arg(status));
        if (notifyId == u"someone-elses"_s)
            return QtFuture::makeReadyFuture(
                Result<void>(Error { ErrorCode::NotFound, u"No notify found"_s }));
        return QtFuture::makeReadyFuture(Result<void>());
    }

    QStringList asked;
};

template<typename T>
bool isMalformed(const QFuture<Result<T>> &future)
{
    return future.isFinished() && !future.result().isOk()
        && future.result().error().code == ErrorCode::Malformed;
}

} // namespace

//! A user's notifications through their rules, on a recording store: only Received and Readed as
//! new states, bounded ids and lists, the store's NotFound passed on.
class TestNotificationInbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTheReceiversPendingNotifications()
    {
        RecordingNotificationStore store;
        Core::NotificationInbox inbox(store);
        const auto listed = inbox.pending(7);
        QVERIFY(listed.result().isOk());
        QCOMPARE(listed.result().value().size(), 1);
        QCOMPARE(listed.result().value().front().notification.receiverId, 7);
        inbox.pending(7, 500);
        QCOMPARE(store.asked, (QStringList { u"pending 7 1000"_s, u"pending 7 500"_s }));
    }

    void movesANotificationToReceivedOrReaded()
    {
        RecordingNotificationStore store;
        Core::NotificationInbox inbox(store);
        QVERIFY(inbox.advance(7, u"n-1"_s, Core::NotifyStatus::Received).result().isOk());
        QVERIFY(inbox.advance(7, u"n-1"_s, Core::NotifyStatus::Readed).result().isOk());
        const auto foreign = inbox.advance(7, u"someone-elses"_s, Core::NotifyStatus::Readed);
        QCOMPARE(foreign.result().error().code, ErrorCode::NotFound);
        QCOMPARE(store.asked.size(), 3);
    }

    void refusesWhatBreaksItsRulesWithoutAskingTheStore()
    {
        RecordingNotificationStore store;
        Core::NotificationInbox inbox(store);
        const QString longest(Core::NotificationInbox::maxNotifyIdLength, u'x');
        // A receiver answers a request through the friends API, never by moving its status here.
        QVERIFY(isMalformed(inbox.advance(7, u"n-1"_s, Core::NotifyStatus::Fulfilled)));
        QVERIFY(isMalformed(inbox.advance(7, u"n-1"_s, Core::NotifyStatus::Rejected)));
        QVERIFY(isMalformed(inbox.advance(7, u"n-1"_s, Core::NotifyStatus::Initial)));
        QVERIFY(isMalformed(inbox.advance(7, QString(), Core::NotifyStatus::Readed)));
        QVERIFY(isMalformed(inbox.advance(7, longest + u'x', Core::NotifyStatus::Readed)));
        QVERIFY(isMalformed(inbox.advance(0, u"n-1"_s, Core::NotifyStatus::Readed)));
        QVERIFY(isMalformed(inbox.pending(7, 0)));
        QVERIFY(isMalformed(inbox.pending(7, Core::NotificationInbox::maxPending + 1)));
        QVERIFY(isMalformed(inbox.pending(0)));
        QVERIFY(store.asked.isEmpty());

        QVERIFY(inbox.advance(7, longest, Core::NotifyStatus::Readed).result().isOk());
        QCOMPARE(store.asked.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestNotificationInbox)
#include "tst_notificationinbox.moc"
