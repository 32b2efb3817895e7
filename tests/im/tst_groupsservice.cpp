#include "im/groupsservice.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;

namespace {

//! Records what it is asked and answers at once: its error when the test set one, else success.
class RecordingGroupStore final : public Core::GroupStore
{
public:
    QFuture<Result<Core::Group>> create(int me, const Core::NewGroup &group) override
    {
        asked.append(u"create %1 %2 type %3 members %4"_s.arg(me)
                         .arg(group.name)
                         .arg(group.type)
                         .arg(group.members.size()));
        if (error)
            return QtFuture::makeReadyFuture(Result<Core::Group>(*error));
        Core::Group created;
        created.id = 1;
        created.creator = me;
        created.type = group.type;
        created.count = int(group.members.size()) + 1;
        return QtFuture::makeReadyFuture(Result<Core::Group>(created));
    }
    QFuture<Result<void>> remove(int me, int groupId) override
    {
        return answer(u"remove %1 %2"_s.arg(me).arg(groupId));
    }
    QFuture<Result<void>> update(int me, int groupId, const Core::GroupUpdate &) override
    {
        return answer(u"update %1 %2"_s.arg(me).arg(groupId));
    }
    QFuture<Result<void>> addMembers(int me, int groupId, const QList<int> &members) override
    {
        return answer(u"add %1 %2 %3"_s.arg(me).arg(groupId).arg(members.size()));
    }
    QFuture<Result<void>> removeMembers(int me, int groupId, const QList<int> &members) override
    {
        return answer(u"drop %1 %2 %3"_s.arg(me).arg(groupId).arg(members.size()));
    }
    QFuture<Result<void>> leave(int me, int groupId) override
    {
        return answer(u"leave %1 %2"_s.arg(me).arg(groupId));
    }
    QFuture<Result<QList<Core::Group>>> groupsOf(int me, bool withMembers) override
    {
        asked.append(u"groups %1 %2"_s.arg(me).arg(withMembers ? u"with"_s : u"without"_s));
        return QtFuture::makeReadyFuture(Result<QList<Core::Group>>(QList<Core::Group> {}));
    }

    QStringList asked;
    std::optional<Error> error;

private:
    QFuture<Result<void>> answer(const QString &what)
    {
        asked.append(what);
        return QtFuture::makeReadyFuture(error ? Result<void>(*error) : Result<void>());
    }
};

Core::NewGroup newGroup(int type, QList<int> members)
{
    return { u"friends"_s, QVariant(), type, std::move(members) };
}

template<typename T>
bool isMalformed(const QFuture<Result<T>> &future)
{
    return future.isFinished() && !future.result().isOk()
        && future.result().error().code == ErrorCode::Malformed;
}

QList<int> manyMembers(int count)
{
    QList<int> ids;
    for (int id = 2; id < count + 2; ++id)
        ids.append(id);
    return ids;
}

} // namespace

//! Groups through their rules, on a recording store: what reaches the store and for whom,
//! refusals before it is asked, the store's errors passed on.
class TestGroupsService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesWellFormedRequestsOnForTheSignedInUser()
    {
        RecordingGroupStore store;
        Core::GroupsService groups(store);
        const auto created = groups.create(7, newGroup(Core::bigGroup, manyMembers(3)));
        QVERIFY(created.result().isOk());
        QCOMPARE(created.result()->creator, 7);
        QCOMPARE(created.result()->count, 4);
        QVERIFY(groups.update(7, 1, { u"renamed"_s, {} }).result().isOk());
        QVERIFY(groups.update(7, 1, { {}, QVariant() }).result().isOk()); // clears the avatar
        QVERIFY(groups.changeMembers(7, 1, { 8, 9 }, true).result().isOk());
        QVERIFY(groups.changeMembers(7, 1, { 9 }, false).result().isOk());
        QVERIFY(groups.leave(8, 1).result().isOk());
        QVERIFY(groups.remove(7, 1).result().isOk());
        QVERIFY(groups.groupsOf(8, true).result().isOk());
        QCOMPARE(store.asked,
                 (QStringList { u"create 7 friends type 2 members 3"_s, u"update 7 1"_s,
                                u"update 7 1"_s, u"add 7 1 2"_s, u"drop 7 1 1"_s, u"leave 8 1"_s,
                                u"remove 7 1"_s, u"groups 8 with"_s }));
    }

    void passesTheStoresRefusalsOn()
    {
        RecordingGroupStore store;
        Core::GroupsService groups(store);
        store.error = makeError(ErrorCode::PermissionDenied, u"Only the creator."_s);
        const auto denied = groups.remove(8, 1);
        QCOMPARE(denied.result().error(), *store.error);
        store.error = makeError(ErrorCode::Malformed, u"At most 200 members."_s);
        const auto tooMany = groups.changeMembers(7, 1, manyMembers(300), true);
        QCOMPARE(tooMany.result().error(), *store.error);
        QCOMPARE(store.asked.size(), 2);
    }

    void refusesWhatBreaksTheRulesWithoutAskingTheStore()
    {
        RecordingGroupStore store;
        Core::GroupsService groups(store);
        QVERIFY(isMalformed(groups.create(7, newGroup(3, { 8 })))); // no such type (D-24)
        QVERIFY(isMalformed(groups.create(7, newGroup(0, { 8 }))));
        QVERIFY(isMalformed(groups.create(7, newGroup(Core::basicGroup, {}))));
        QVERIFY(isMalformed(groups.create(7, newGroup(Core::basicGroup, { 8, 0 }))));
        QVERIFY(isMalformed(
            groups.create(7, newGroup(Core::bigGroup, manyMembers(Core::maxBigMembers + 1)))));
        QVERIFY(isMalformed(groups.create(7, { QString(), QVariant(), Core::basicGroup, { 8 } })));
        QVERIFY(isMalformed(groups.create(7, { u"g"_s, QVariant(4), Core::basicGroup, { 8 } })));
        QVERIFY(isMalformed(groups.create(0, newGroup(Core::basicGroup, { 8 }))));
        QVERIFY(isMalformed(groups.update(7, 1, {}))); // nothing to change
        QVERIFY(isMalformed(groups.update(7, 1, { QString(), {} })));
        QVERIFY(isMalformed(groups.update(7, 1, { {}, QVariant(true) })));
        QVERIFY(isMalformed(groups.update(7, 0, { u"g"_s, {} })));
        QVERIFY(isMalformed(groups.changeMembers(7, 1, {}, true)));
        QVERIFY(isMalformed(groups.changeMembers(7, 1, { -3 }, false)));
        QVERIFY(
            isMalformed(groups.changeMembers(7, 1, manyMembers(Core::maxBigMembers + 1), true)));
        QVERIFY(isMalformed(groups.leave(7, 0)));
        QVERIFY(isMalformed(groups.remove(0, 1)));
        QVERIFY(isMalformed(groups.groupsOf(0, false)));
        QVERIFY(store.asked.isEmpty());

        QVERIFY(groups.create(7, newGroup(Core::bigGroup, manyMembers(Core::maxBigMembers)))
                    .result()
                    .isOk());
        QCOMPARE(store.asked.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestGroupsService)
#include "tst_groupsservice.moc"
