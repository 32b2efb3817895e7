#include "domainfakes.h"
#include "im/accessservice.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Test::RecordingUserSessions;

namespace {

//! Records what it is asked and answers at once: its error when the test set one, else success.
class RecordingAccessStore final : public Core::AccessStore
{
public:
    QFuture<Result<Core::AccessEntry>> createPermission(const QString &name,
                                                        const QString &description) override
    {
        asked.append(u"permission %1 (%2)"_s.arg(name, description));
        return entry(name);
    }
    QFuture<Result<Core::AccessEntry>> createRole(const QString &name, const QString &description,
                                                  const QList<int> &permissionIds) override
    {
        asked.append(u"role %1 (%2) with %3"_s.arg(name, description).arg(permissionIds.size()));
        return entry(name);
    }
    QFuture<Result<void>> setUserRole(int userId, int roleId) override
    {
        asked.append(u"user %1 gets role %2"_s.arg(userId).arg(roleId));
        return QtFuture::makeReadyFuture(error ? Result<void>(*error) : Result<void>());
    }

    QStringList asked;
    std::optional<Error> error;

private:
    QFuture<Result<Core::AccessEntry>> entry(const QString &name)
    {
        if (error)
            return QtFuture::makeReadyFuture(Result<Core::AccessEntry>(*error));
        Core::AccessEntry stored;
        stored.id = 5;
        stored.name = name;
        return QtFuture::makeReadyFuture(Result<Core::AccessEntry>(stored));
    }
};

template<typename T>
ErrorCode errorOf(const QFuture<Result<T>> &future)
{
    return future.result().error().code;
}

QList<int> permissionIds(int count)
{
    QList<int> ids;
    for (int id = 1; id <= count; ++id)
        ids.append(id);
    return ids;
}

} // namespace

//! Permissions and roles through their rules, on a recording store: what reaches the store,
//! refusals before it is asked, the store's errors as the answer words them, and every change
//! reaching the signed-in users.
class TestAccessService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyChangeMakesTheUsersReadTheirRolesAgain()
    {
        RecordingAccessStore store;
        RecordingUserSessions sessions;
        Core::AccessService access(store, sessions);
        const auto permission = access.createPermission(u"userGet"_s, u"read users"_s);
        QCOMPARE(permission.result()->name, u"userGet"_s);
        QCOMPARE(sessions.asked, QStringList { u"reread all"_s });
        QVERIFY(access.createRole(u"reader"_s, u"reads"_s, { 1, 2 }).result().isOk());
        QVERIFY(access.createRole(u"nobody"_s, u"nothing"_s, {}).result().isOk());
        QVERIFY(access.setUserRole(9, 3).result().isOk());
        QCOMPARE(
            store.asked,
            (QStringList { u"permission userGet (read users)"_s, u"role reader (reads) with 2"_s,
                           u"role nobody (nothing) with 0"_s, u"user 9 gets role 3"_s }));
        QCOMPARE(
            sessions.asked,
            (QStringList { u"reread all"_s, u"reread all"_s, u"reread all"_s, u"reread 9"_s }));
    }

    void wordsTheStoresRefusalsAsTheAnswer()
    {
        RecordingAccessStore store;
        RecordingUserSessions sessions;
        Core::AccessService access(store, sessions);
        store.error = makeError(ErrorCode::Duplicate, u"UNIQUE constraint failed"_s);
        const auto permission = access.createPermission(u"userGet"_s, u"again"_s);
        QCOMPARE(errorOf(permission), ErrorCode::Duplicate);
        QCOMPARE(permission.result().error().message, u"The permission already exists."_s);
        const auto role = access.createRole(u"reader"_s, u"again"_s, {});
        QCOMPARE(role.result().error().message, u"The role already exists."_s);
        // A role naming a permission that does not exist is the request's mistake.
        store.error = makeError(ErrorCode::NotFound, u"No permission found with id 77"_s);
        QCOMPARE(errorOf(access.createRole(u"r"_s, u"d"_s, { 77 })), ErrorCode::Malformed);
        // Nothing was created, so nobody reads their role again.
        QVERIFY(sessions.asked.isEmpty());
        // A user or role that does not exist is named; the user reads their role again anyway,
        // since a lost answer may hide a committed change.
        store.error = makeError(ErrorCode::NotFound, u"No role found with id 4"_s);
        const auto set = access.setUserRole(9, 4);
        QCOMPARE(set.result().error(), *store.error);
        QCOMPARE(sessions.asked, QStringList { u"reread 9"_s });
    }

    void refusesWhatBreaksTheRulesWithoutAskingTheStore()
    {
        RecordingAccessStore store;
        RecordingUserSessions sessions;
        Core::AccessService access(store, sessions, 3);
        const QString tooLong(Core::AccessService::maxNameLength + 1, u'n');
        QCOMPARE(errorOf(access.createPermission(QString(), u"d"_s)), ErrorCode::Malformed);
        QCOMPARE(errorOf(access.createPermission(u"p"_s, QString())), ErrorCode::Malformed);
        QCOMPARE(errorOf(access.createPermission(tooLong, u"d"_s)), ErrorCode::Malformed);
        QCOMPARE(errorOf(access.createRole(u"r"_s, tooLong, {})), ErrorCode::Malformed);
        QCOMPARE(errorOf(access.createRole(u"r"_s, u"d"_s, { 1, 0 })), ErrorCode::Malformed);
        QCOMPARE(errorOf(access.createRole(u"r"_s, u"d"_s, permissionIds(4))),
                 ErrorCode::Malformed);
        QCOMPARE(errorOf(access.setUserRole(0, 1)), ErrorCode::Malformed);
        QCOMPARE(errorOf(access.setUserRole(1, -1)), ErrorCode::Malformed);
        QVERIFY(store.asked.isEmpty());
        QVERIFY(sessions.asked.isEmpty());

        const QString longest(Core::AccessService::maxNameLength, u'n');
        QVERIFY(access.createRole(longest, longest, permissionIds(access.maxRolePermissions()))
                    .result()
                    .isOk());
        QCOMPARE(store.asked.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAccessService)
#include "tst_accessservice.moc"
