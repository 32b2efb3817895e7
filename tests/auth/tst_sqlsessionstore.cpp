#include "auth/sqlsessionstore.h"
#include "scratchdatabase.h"
#include "store/dbexecutor.h"
#include "store/schemapreparation.h"
#include "testservices.h"

#include <QTest>
#include <QUuid>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Im;
using Im::Auth::SqlSessionStore;
using Im::Store::DbExecutor;
using Im::Store::DbSession;
using Im::Test::ScratchDatabase;

namespace {

constexpr auto twelveHours = std::chrono::seconds(12h);

template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    return future.result();
}

// A clock the test moves by hand; read on the executor's worker threads.
struct ManualClock
{
    std::shared_ptr<std::atomic<qint64>> ms = std::make_shared<std::atomic<qint64>>(
        QDateTime(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch());

    void advance(std::chrono::milliseconds by) { *ms += by.count(); }
    [[nodiscard]] qint64 now() const { return ms->load(); }
    [[nodiscard]] SqlSessionStore::Clock clock() const
    {
        return [ms = ms] { return QDateTime::fromMSecsSinceEpoch(ms->load(), Qt::UTC); };
    }
};

} // namespace

class TestSqlSessionStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_db;
    std::unique_ptr<DbExecutor> m_executor;
    std::unique_ptr<SqlSessionStore> m_store;
    ManualClock m_clock;
    int m_alice = 0;
    int m_bob = 0;

    QString issue(int userId, const QString &jwt, std::chrono::seconds ttl = twelveHours)
    {
        auto token = await(m_store->issue(userId, jwt, ttl));
        if (!token) {
            qWarning() << "issue failed:" << token.error().message;
            return QString();
        }
        return token.value();
    }

    Result<QString> lookup(int userId, const QString &token,
                           std::chrono::seconds slidingTtl = twelveHours)
    {
        return await(m_store->lookup(userId, token, slidingTtl));
    }

    Result<int> runSql(const QString &sql, const QVariantList &values = {})
    {
        return m_executor
            ->run<int>([sql, values](DbSession &session) { return session.execute(sql, values); })
            .result();
    }

    qint64 count(const QString &where = u"1 = 1"_s)
    {
        return m_db->scalar(u"SELECT COUNT(*) FROM Sessions WHERE "_s + where).toLongLong();
    }

private Q_SLOTS:
    void initTestCase_data() { ScratchDatabase::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(bool, mariadb);
        if (mariadb)
            IM_REQUIRE_MARIADB();
        m_db = ScratchDatabase::create(mariadb);
        m_executor = std::make_unique<DbExecutor>(m_db->settings());
        auto prepared = m_executor->run<Store::MigrationReport>(Store::prepareSchema).result();
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().message));
        m_clock = ManualClock();
        m_store = std::make_unique<SqlSessionStore>(*m_executor, m_clock.clock());
        QVERIFY(runSql(u"INSERT INTO Users (account, pwd) VALUES ('13700000001', 'x'), "
                       "('13700000002', 'y')"_s));
        m_alice = m_db->scalar(u"SELECT id FROM Users WHERE account = '13700000001'"_s).toInt();
        m_bob = m_db->scalar(u"SELECT id FROM Users WHERE account = '13700000002'"_s).toInt();
        QVERIFY(m_alice >= 10000 && m_bob >= 10000);
    }

    void cleanup()
    {
        m_store.reset();
        if (m_executor)
            m_executor->stop();
        m_executor.reset();
        m_db.reset();
    }

    void issueThenLookup()
    {
        // A real JWT is far longer than a VARCHAR(255).
        const QString jwt = u"header."_s + QString(2000, u'p') + u".signature"_s;
        const QString token = issue(m_alice, jwt);
        QCOMPARE(token.size(), 36);
        const QUuid uuid(token);
        QVERIFY(!uuid.isNull());
        QCOMPARE(uuid.version(), QUuid::Random);
        QCOMPARE(uuid.toString(QUuid::WithoutBraces), token);

        auto found = lookup(m_alice, token);
        QVERIFY(found);
        QCOMPARE(found.value(), jwt);
        QCOMPARE(count(), 1);
    }

    void lookupRefusesAnotherUser()
    {
        const QString token = issue(m_alice, u"jwt-alice"_s);
        auto found = lookup(m_bob, token);
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::NotFound);
        QVERIFY(lookup(m_alice, token)); // untouched by the failed attempt
    }

    void lookupRefusesAnUnknownToken()
    {
        issue(m_alice, u"jwt-alice"_s);
        for (const QString &token : { QUuid::createUuid().toString(QUuid::WithoutBraces), QString(),
                                      u"' OR 1 = 1 --"_s }) {
            auto found = lookup(m_alice, token);
            QVERIFY(!found);
            QCOMPARE(found.error().code, ErrorCode::NotFound);
        }
    }

    void expiresAfterItsTtl()
    {
        const QString token = issue(m_alice, u"jwt-alice"_s, 60s);
        m_clock.advance(59999ms);
        const qint64 before = m_db->scalar(u"SELECT expiresAt FROM Sessions"_s).toLongLong();
        m_clock.advance(1ms);
        QCOMPARE(m_clock.now(), before);
        auto found = lookup(m_alice, token);
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::NotFound);
        // Expired but not purged: a lookup does not bring it back, purging removes it.
        m_clock.advance(1h);
        QVERIFY(!lookup(m_alice, token));
        auto purged = await(m_store->purgeExpired());
        QVERIFY(purged);
        QCOMPARE(purged.value(), 1);
        QCOMPARE(count(), 0);
    }

    void lookupSlidesTheExpiry()
    {
        const QString token = issue(m_alice, u"jwt-alice"_s, 60s);
        m_clock.advance(50s);
        QVERIFY(lookup(m_alice, token, 60s));
        QCOMPARE(m_db->scalar(u"SELECT expiresAt FROM Sessions"_s).toLongLong(),
                 m_clock.now() + 60000);
        m_clock.advance(50s); // 100 s after issue: past the first expiry, within the slid one
        QVERIFY(lookup(m_alice, token, 60s));
        m_clock.advance(60s);
        QVERIFY(!lookup(m_alice, token, 60s));
    }

    void peekReadsWithoutSliding()
    {
        const QString token = issue(m_alice, u"jwt-alice"_s, 60s);
        const qint64 expiresAt = m_clock.now() + 60000;
        m_clock.advance(50s);
        auto peeked = await(m_store->peek(m_alice, token));
        QVERIFY(peeked);
        QCOMPARE(peeked->jwt, u"jwt-alice"_s);
        QCOMPARE(peeked->expiresAt.toMSecsSinceEpoch(), expiresAt);
        QCOMPARE(m_db->scalar(u"SELECT expiresAt FROM Sessions"_s).toLongLong(), expiresAt);
        QVERIFY(!await(m_store->peek(m_bob, token)));
        m_clock.advance(10s);
        auto expired = await(m_store->peek(m_alice, token));
        QVERIFY(!expired);
        QCOMPARE(expired.error().code, ErrorCode::NotFound);
    }

    void revokeEndsOneSessionOnly()
    {
        const QString phone = issue(m_alice, u"jwt-phone"_s);
        const QString desktop = issue(m_alice, u"jwt-desktop"_s);
        const QString bobs = issue(m_bob, u"jwt-bob"_s);
        QVERIFY(phone != desktop);

        auto revoked = await(m_store->revoke(m_bob, phone)); // not Bob's to end
        QVERIFY(revoked);
        QCOMPARE(revoked.value(), false);
        revoked = await(m_store->revoke(m_alice, phone));
        QVERIFY(revoked);
        QCOMPARE(revoked.value(), true);
        revoked = await(m_store->revoke(m_alice, phone));
        QVERIFY(revoked);
        QCOMPARE(revoked.value(), false);

        QVERIFY(!lookup(m_alice, phone));
        QCOMPARE(lookup(m_alice, desktop).value(), u"jwt-desktop"_s);
        QCOMPARE(lookup(m_bob, bobs).value(), u"jwt-bob"_s);
    }

    void revokeAllEndsEverySessionOfTheUser()
    {
        QStringList tokens;
        for (int i = 0; i < 3; ++i)
            tokens.append(issue(m_alice, u"jwt-%1"_s.arg(i)));
        const QString bobs = issue(m_bob, u"jwt-bob"_s);

        auto revoked = await(m_store->revokeAll(m_alice));
        QVERIFY(revoked);
        QCOMPARE(revoked.value(), 3);
        for (const QString &token : std::as_const(tokens))
            QVERIFY(!lookup(m_alice, token));
        QVERIFY(lookup(m_bob, bobs));
        QCOMPARE(await(m_store->revokeAll(m_alice)).value(), 0);
    }

    void storesOnlyAHashOfTheToken()
    {
        const QString token = issue(m_alice, u"jwt-alice"_s);
        const QString stored = m_db->scalar(u"SELECT tokenHash FROM Sessions"_s).toString();
        QCOMPARE(stored.size(), 64);
        QVERIFY(stored != token);
        QCOMPARE(stored, SqlSessionStore::hashToken(token));
        QCOMPARE(count(u"tokenHash LIKE '%%1%' OR jwt LIKE '%%1%'"_s.arg(token)), 0);
    }

    void purgeKeepsLiveSessions()
    {
        issue(m_alice, u"short"_s, 10s);
        const QString live = issue(m_alice, u"long"_s, 1h);
        m_clock.advance(10s);
        QCOMPARE(await(m_store->purgeExpired()).value(), 1);
        QCOMPARE(lookup(m_alice, live).value(), u"long"_s);
    }

    void deletingTheUserDeletesItsSessions()
    {
        issue(m_alice, u"jwt-1"_s);
        issue(m_alice, u"jwt-2"_s);
        const QString bobs = issue(m_bob, u"jwt-bob"_s);
        QVERIFY(runSql(u"DELETE FROM Users WHERE id = ?"_s, { m_alice }));
        QCOMPARE(count(u"userId = %1"_s.arg(m_alice)), 0);
        QVERIFY(lookup(m_bob, bobs));
    }

    void refusesUnknownUsersAndBadTtls()
    {
        auto orphan = await(m_store->issue(424242, u"jwt"_s, 1h));
        QVERIFY(!orphan);
        QCOMPARE(count(), 0);

        auto noTtl = await(m_store->issue(m_alice, u"jwt"_s, 0s));
        QVERIFY(!noTtl);
        QCOMPARE(noTtl.error().code, ErrorCode::Malformed);
        auto noSlide = await(m_store->lookup(m_alice, u"x"_s, -1s));
        QVERIFY(!noSlide);
        QCOMPARE(noSlide.error().code, ErrorCode::Malformed);
    }
};

QTEST_GUILESS_MAIN(TestSqlSessionStore)
#include "tst_sqlsessionstore.moc"
