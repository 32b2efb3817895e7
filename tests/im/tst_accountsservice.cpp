#include "domainfakes.h"
#include "im/accountsservice.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im;
using Im::Test::RecordingUserSessions;

namespace {

//! Records what it is asked; answers at once with its error when the test set one, else with the
//! account (or none), unless the test holds the deletion open.
class RecordingAccountStore final : public Core::AccountStore
{
public:
    QFuture<Result<std::optional<Core::User>>>
    updateProfile(int userId, const Core::ProfileChanges &changes) override
    {
        asked.append(u"update %1 email %2 avatar %3"_s.arg(userId).arg(describe(changes.email),
                                                                       describe(changes.avatar)));
        if (error)
            return QtFuture::makeReadyFuture(Result<std::optional<Core::User>>(*error));
        if (!accountExists)
            return QtFuture::makeReadyFuture(Result<std::optional<Core::User>>(std::nullopt));
        Core::User user;
        user.id = userId;
        user.account = u"someone"_s;
        user.email = changes.email.value_or(QVariant());
        return QtFuture::makeReadyFuture(Result<std::optional<Core::User>>(user));
    }
    QFuture<Result<void>> deleteAccount(int userId) override
    {
        asked.append(u"delete %1"_s.arg(userId));
        if (cancelDeletion)
            return QFuture<Result<void>>(); // canceled: the store went away
        return QtFuture::makeReadyFuture(error ? Result<void>(*error) : Result<void>());
    }

    QStringList asked;
    std::optional<Error> error;
    bool accountExists = true;
    bool cancelDeletion = false;

private:
    static QString describe(const std::optional<QVariant> &field)
    {
        if (!field)
            return u"kept"_s;
        return field->isNull() ? u"cleared"_s : field->toString();
    }
};

Core::ProfileChanges email(const QVariant &value)
{
    Core::ProfileChanges changes;
    changes.email = value;
    return changes;
}

Core::ProfileChanges avatar(const QVariant &value)
{
    Core::ProfileChanges changes;
    changes.avatar = value;
    return changes;
}

ErrorCode errorOf(const QFuture<Result<Core::User>> &future)
{
    return future.result().error().code;
}

} // namespace

//! Accounts through their rules, on a recording store: only one's own profile and only its
//! fields, a deletion that ends every session before it is answered, the store's errors passed on.
class TestAccountsService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void updatesTheSignedInUsersOwnProfile()
    {
        RecordingAccountStore store;
        RecordingUserSessions sessions;
        Core::AccountsService accounts(store, sessions);
        const auto updated = accounts.updateProfile(7, 7, email(u"a@b.cd"_s));
        QVERIFY(updated.result().isOk());
        QCOMPARE(updated.result()->id, 7);
        QCOMPARE(updated.result()->email.toString(), u"a@b.cd"_s);
        QVERIFY(accounts.updateProfile(7, 7, email(QVariant())).result().isOk()); // clears it
        QVERIFY(accounts.updateProfile(7, 7, avatar(u"x.png"_s)).result().isOk());
        QVERIFY(accounts.updateProfile(7, 7, {}).result().isOk()); // touches updateTime only
        QCOMPARE(store.asked,
                 (QStringList { u"update 7 email a@b.cd avatar kept"_s,
                                u"update 7 email cleared avatar kept"_s,
                                u"update 7 email kept avatar x.png"_s,
                                u"update 7 email kept avatar kept"_s }));
        QVERIFY(sessions.asked.isEmpty());
    }

    void refusesAnotherUsersProfileAndBadFieldsWithoutAskingTheStore()
    {
        RecordingAccountStore store;
        RecordingUserSessions sessions;
        Core::AccountsService accounts(store, sessions);
        QCOMPARE(errorOf(accounts.updateProfile(7, 8, avatar(u"x.png"_s))),
                 ErrorCode::PermissionDenied); // D-10
        QCOMPARE(errorOf(accounts.updateProfile(7, 7, email(u"not-an-address"_s))),
                 ErrorCode::Malformed);
        QCOMPARE(errorOf(accounts.updateProfile(7, 7, email(u"a b@c.de"_s))), ErrorCode::Malformed);
        const QString longAddress = QString(251, u'a') + u"@b.cd"_s;
        QCOMPARE(errorOf(accounts.updateProfile(7, 7, email(longAddress))), ErrorCode::Malformed);
        QCOMPARE(errorOf(accounts.updateProfile(7, 7, avatar(QString(256, u'x')))),
                 ErrorCode::Malformed);
        QCOMPARE(errorOf(accounts.updateProfile(7, 7, avatar(QVariant(5)))), ErrorCode::Malformed);
        QCOMPARE(errorOf(accounts.updateProfile(0, 0, {})), ErrorCode::Malformed);
        // A bad field is the first answer, whoever's account it names.
        QCOMPARE(errorOf(accounts.updateProfile(7, 8, email(u"nope"_s))), ErrorCode::Malformed);
        QVERIFY(store.asked.isEmpty());
    }

    void answersTheStoresMissingAccountAndTakenEmail()
    {
        RecordingAccountStore store;
        RecordingUserSessions sessions;
        Core::AccountsService accounts(store, sessions);
        store.accountExists = false;
        const auto missing = accounts.updateProfile(7, 7, avatar(u"x.png"_s));
        QCOMPARE(errorOf(missing), ErrorCode::NotFound);
        QCOMPARE(missing.result().error().message, u"No user found with id 7"_s);
        store.error = makeError(ErrorCode::Duplicate, u"UNIQUE constraint failed"_s);
        const auto taken = accounts.updateProfile(7, 7, email(u"a@b.cd"_s));
        QCOMPARE(errorOf(taken), ErrorCode::Duplicate);
        QCOMPARE(taken.result().error().message, u"The email already exists."_s);
        store.error = makeError(ErrorCode::Unavailable, u"Busy."_s);
        QCOMPARE(accounts.updateProfile(7, 7, email(u"a@b.cd"_s)).result().error(), *store.error);
    }

    void deletionAnswersOnlyOnceEverySessionEnded()
    {
        RecordingAccountStore store;
        RecordingUserSessions sessions;
        Core::AccountsService accounts(store, sessions);
        const auto deleted = accounts.deleteAccount(7);
        QCOMPARE(store.asked, QStringList { u"delete 7"_s });
        QCOMPARE(sessions.asked, QStringList { u"logout everywhere 7"_s });
        Test::settle();
        QVERIFY(!deleted.isFinished());
        QVERIFY(sessions.finishLogout());
        Test::settle();
        QVERIFY(deleted.isFinished());
        QVERIFY(deleted.result().isOk());

        // The account is gone even when ending its sessions failed: the deletion is answered.
        const auto second = accounts.deleteAccount(8);
        QVERIFY(sessions.finishLogout(makeError(ErrorCode::Unavailable, u"Busy."_s)));
        Test::settle();
        QVERIFY(second.isFinished());
        QVERIFY(second.result().isOk());
    }

    void failedOrLostDeletionEndsNoSession()
    {
        RecordingAccountStore store;
        RecordingUserSessions sessions;
        Core::AccountsService accounts(store, sessions);
        store.error = makeError(ErrorCode::NotFound, u"No user found with id 7"_s);
        const auto missing = accounts.deleteAccount(7);
        QVERIFY(missing.isFinished());
        QCOMPARE(missing.result().error(), *store.error);
        store.error.reset();
        store.cancelDeletion = true;
        const auto lost = accounts.deleteAccount(7);
        QVERIFY(lost.isFinished());
        QCOMPARE(lost.result().error().code, ErrorCode::Internal);
        QVERIFY(accounts.deleteAccount(0).result().error().code == ErrorCode::Malformed);
        QVERIFY(sessions.asked.isEmpty());
        QCOMPARE(store.asked.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAccountsService)
#include "tst_accountsservice.moc"
