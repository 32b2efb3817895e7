#include "im/friendsservice.h"
#include "im/recordingnotificationsink.h"

#include <QPromise>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;

namespace {

using NotifyPromise = QPromise<Result<Core::StoredNotify>>;

//! Records what it is asked. A change (request, answer, end of a friendship) is held until the
//! test finishes it, so the test sees what happens before and after the commit; reads answer at
//! once with what the test put in.
class HeldFriendStore final : public Core::FriendStore
{
public:
    QFuture<Result<Core::StoredNotify>> createRequest(int me, int target, const QVariant &remark,
                                                      const QVariant &) override
    {
        return hold(u"request %1 %2 %3"_s.arg(me).arg(target).arg(remark.toString()));
    }
    QFuture<Result<Core::StoredNotify>> answerRequest(int me, const QString &notifyId,
                                                      bool agree) override
    {
        return hold(u"answer %1 %2 %3"_s.arg(me).arg(notifyId, agree ? u"agree"_s : u"reject"_s));
    }
    QFuture<Result<Core::StoredNotify>> endFriendship(int me, int friendId) override
    {
        return hold(u"end %1 %2"_s.arg(me).arg(friendId));
    }
    QFuture<Result<bool>> updateSettings(int me, int friendId,
                                         const Core::FriendSettingsUpdate &) override
    {
        asked.append(u"update %1 %2"_s.arg(me).arg(friendId));
        return QtFuture::makeReadyFuture(Result<bool>(hasSettings));
    }
    QFuture<Result<std::optional<Core::FriendSettings>>> settings(int me, int friendId) override
    {
        asked.append(u"settings %1 %2"_s.arg(me).arg(friendId));
        std::optional<Core::FriendSettings> found;
        if (hasSettings)
            found = Core::FriendSettings { 1, me, friendId, u"pal"_s, true, false, {}, {} };
        return QtFuture::makeReadyFuture(Result<std::optional<Core::FriendSettings>>(found));
    }
    QFuture<Result<QList<Core::StoredNotify>>> sentRequests(int me, int limit) override
    {
        asked.append(u"sent %1 %2"_s.arg(me).arg(limit));
        return QtFuture::makeReadyFuture(
            Result<QList<Core::StoredNotify>>(QList<Core::StoredNotify> {}));
    }

    //! Finishes the change held last with \a answer.
    void commit(Result<Core::StoredNotify> answer)
    {
        QVERIFY(held);
        held->addResult(std::move(answer));
        held->finish();
        held.reset();
    }

    QStringList asked;
    bool hasSettings = true;

private:
    QFuture<Result<Core::StoredNotify>> hold(const QString &what)
    {
        asked.append(what);
        held = std::make_shared<NotifyPromise>();
        held->start();
        return held->future();
    }

    std::shared_ptr<NotifyPromise> held;
};

Core::StoredNotify storedNotify(int type, int sender, int receiver, int status)
{
    Core::StoredNotify notify;
    notify.id = u"n-1"_s;
    notify.type = type;
    notify.sender = sender;
    notify.receiver = receiver;
    notify.status = status;
    notify.timer = 1700000000000;
    notify.remark = u"hello"_s;
    return notify;
}

const Core::FriendsService::Caller seven { 7, QJsonObject { { u"account"_s, u"seven"_s } } };
const Core::FriendsService::Caller nine { 9, QJsonObject { { u"account"_s, u"nine"_s } } };

template<typename T>
ErrorCode errorOf(const QFuture<Result<T>> &future)
{
    return future.result().isOk() ? ErrorCode::Internal : future.result().error().code;
}

template<typename T>
bool isMalformed(const QFuture<Result<T>> &future)
{
    return future.isFinished() && errorOf(future) == ErrorCode::Malformed;
}

} // namespace

//! Friendships through their rules, on a store that holds each change until the test commits
//! it: who is told of a change and only after it committed, refusals before the store is asked,
//! and what a missing row answers.
class TestFriendsService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRequestReachesItsTargetOnceStored()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        const auto requested = friends.request(seven, 9, u"hello"_s, QVariant());
        QCOMPARE(store.asked, QStringList { u"request 7 9 hello"_s });
        QCoreApplication::processEvents();
        QVERIFY(!requested.isFinished());
        QCOMPARE(sink.totalCount(), 0);

        store.commit(storedNotify(Core::NotifyType::AddFriend, 7, 9, Core::NotifyStatus::Initial));
        QTRY_VERIFY(requested.isFinished());
        QVERIFY(requested.result().isOk());
        QCOMPARE(sink.totalCount(), 1);
        const Core::Notification pushed = sink.recent().front();
        QCOMPARE(pushed.id, u"n-1"_s);
        QCOMPARE(pushed.receiverId, 9);
        QCOMPARE(pushed.senderId, 7);
        QCOMPARE(pushed.senderInfo, seven.publicInfo);
        QCOMPARE(pushed.remark, u"hello"_s);
    }

    void anAnswerGoesBackToTheRequester()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        const auto answered = friends.answer(nine, u"n-1"_s, true);
        QCOMPARE(store.asked, QStringList { u"answer 9 n-1 agree"_s });
        // The stored row is the request: from 7 to 9, now fulfilled.
        store.commit(
            storedNotify(Core::NotifyType::AddFriend, 7, 9, Core::NotifyStatus::Fulfilled));
        QTRY_VERIFY(answered.isFinished());
        QVERIFY(answered.result().isOk());
        QCOMPARE(sink.totalCount(), 1);
        QCOMPARE(sink.recent().front().receiverId, 7);
        QCOMPARE(sink.recent().front().senderId, 9);
        QCOMPARE(sink.recent().front().senderInfo, nine.publicInfo);
        QCOMPARE(sink.recent().front().status, Core::NotifyStatus::Fulfilled);
    }

    void endingAFriendshipTellsTheFriend()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        const auto removed = friends.remove(seven, 9);
        store.commit(storedNotify(Core::NotifyType::DelFriend, 7, 9, Core::NotifyStatus::Initial));
        QTRY_VERIFY(removed.isFinished());
        QVERIFY(removed.result().isOk());
        QCOMPARE(store.asked, QStringList { u"end 7 9"_s });
        QCOMPARE(sink.recent().front().receiverId, 9);
        QCOMPARE(sink.recent().front().type, Core::NotifyType::DelFriend);
    }

    void aChangeTheStoreRefusedTellsNobody()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        const auto requested = friends.request(seven, 9, QVariant(), QVariant());
        store.commit(makeError(ErrorCode::Conflict, u"A request is pending."_s));
        QTRY_VERIFY(requested.isFinished());
        QCOMPARE(errorOf(requested), ErrorCode::Conflict);
        QCOMPARE(requested.result().error().message, u"A request is pending."_s);
        QCOMPARE(sink.totalCount(), 0);
    }

    void aServiceGoneBeforeTheCommitTellsNobody()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        auto friends = std::make_unique<Core::FriendsService>(store, sink);
        const auto requested = friends->request(seven, 9, QVariant(), QVariant());
        friends.reset();
        store.commit(storedNotify(Core::NotifyType::AddFriend, 7, 9, Core::NotifyStatus::Initial));
        QTRY_VERIFY(requested.isFinished());
        QVERIFY(requested.isCanceled());
        QCOMPARE(sink.totalCount(), 0);
    }

    void refusesWhatBreaksTheRulesWithoutAskingTheStore()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        const QString longest(Core::maxNotifyIdLength, u'x');
        QVERIFY(isMalformed(friends.request(seven, 7, QVariant(), QVariant()))); // myself
        QVERIFY(isMalformed(friends.request(seven, 0, QVariant(), QVariant())));
        QVERIFY(isMalformed(friends.request({ 0, {} }, 9, QVariant(), QVariant())));
        QVERIFY(isMalformed(friends.request(seven, 9, QVariant(5), QVariant())));
        QVERIFY(isMalformed(friends.request(seven, 9, QVariant(), QVariant(true))));
        QVERIFY(isMalformed(friends.answer(nine, QString(), true)));
        QVERIFY(isMalformed(friends.answer(nine, longest + u'x', false)));
        QVERIFY(isMalformed(friends.remove(seven, 0)));
        QVERIFY(isMalformed(friends.updateSettings(7, 9, {})));
        Core::FriendSettingsUpdate numericRemark;
        numericRemark.remark = QVariant(3);
        QVERIFY(isMalformed(friends.updateSettings(7, 9, numericRemark)));
        QVERIFY(isMalformed(friends.updateSettings(7, -1, { {}, true, {} })));
        QVERIFY(isMalformed(friends.settings(7, 0)));
        QVERIFY(isMalformed(friends.sentRequests(0)));
        QVERIFY(store.asked.isEmpty());
        QCOMPARE(sink.totalCount(), 0);

        friends.answer(nine, longest, false);
        QCOMPARE(store.asked, QStringList { u"answer 9 %1 reject"_s.arg(longest) });
    }

    void settingsAreNotFoundWhereTheOwnerHasNone()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        const Core::FriendSettingsUpdate blockThem { {}, {}, true };

        const auto found = friends.settings(7, 9);
        QVERIFY(found.result().isOk());
        QCOMPARE(found.result()->userId, 7);
        QCOMPARE(found.result()->friendId, 9);
        QVERIFY(friends.updateSettings(7, 9, blockThem).result().isOk());

        store.hasSettings = false;
        const auto missing = friends.settings(7, 9);
        QCOMPARE(errorOf(missing), ErrorCode::NotFound);
        QCOMPARE(missing.result().error().message, u"Not found."_s);
        const auto unchanged = friends.updateSettings(7, 9, blockThem);
        QCOMPARE(errorOf(unchanged), ErrorCode::NotFound);
        QCOMPARE(unchanged.result().error().message, u"No resources are updated."_s);
        QCOMPARE(store.asked.size(), 4);
        QCOMPARE(sink.totalCount(), 0);
    }

    void sentRequestsAreBounded()
    {
        HeldFriendStore store;
        Core::RecordingNotificationSink sink;
        Core::FriendsService friends(store, sink);
        QVERIFY(friends.sentRequests(7).result().isOk());
        QCOMPARE(store.asked,
                 QStringList { u"sent 7 %1"_s.arg(Core::FriendsService::maxSentRequests) });
    }
};

QTEST_GUILESS_MAIN(TestFriendsService)
#include "tst_friendsservice.moc"
