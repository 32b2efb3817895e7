#include "auth/passwordhasher.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Auth::PasswordHasher;

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newHashesAreArgon2idAndVerify()
    {
        auto hash = PasswordHasher::hash(u"s3cret-pass"_s);
        QVERIFY(hash);
        QVERIFY(hash->startsWith(u"$argon2id$"_s));
        QVERIFY(!hash->contains(u"s3cret-pass"_s));
        QVERIFY(PasswordHasher::verify(hash.value(), u"s3cret-pass"_s));
        QVERIFY(!PasswordHasher::verify(hash.value(), u"s3cret-pasS"_s));
        QVERIFY(!PasswordHasher::needsRehash(hash.value()));
    }

    void saltsEveryHash()
    {
        auto first = PasswordHasher::hash(u"same1234"_s);
        auto second = PasswordHasher::hash(u"same1234"_s);
        QVERIFY(first && second);
        QVERIFY(first.value() != second.value());
    }

    void verifiesTheOriginalsBcryptHashes_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("matches");
        // Hashes of users 10000 and 10005 of tests/fixtures/im_server_original.sql (bcryptjs,
        // cost 10, as the original's model made them).
        const QString user10000 = u"$2b$10$67ffElPGa/SvPtFUUiH2kOiyhIBo67i6qM8spUy04MSrOZHT4jqEu"_s;
        const QString user10005 = u"$2b$10$pKjxZpK.sCNTlYu..Kp1tePK7VCKx4A98OrYK/4S/3Nz1Dz3P5nA."_s;
        QTest::newRow("right password") << user10000 << u"peer-load-pw"_s << true;
        QTest::newRow("right password, other user") << user10005 << u"peer-load-pw"_s << true;
        QTest::newRow("wrong password") << user10000 << u"peer-load-pW"_s << false;
        QTest::newRow("empty password") << user10000 << QString() << false;
        QTest::newRow("truncated hash") << user10000.left(40) << u"peer-load-pw"_s << false;
        QTest::newRow("not a hash") << u"plaintext"_s << u"plaintext"_s << false;
        QTest::newRow("empty hash") << QString() << QString() << false;
    }

    void verifiesTheOriginalsBcryptHashes()
    {
        QFETCH(QString, hash);
        QFETCH(QString, password);
        QFETCH(bool, matches);
        QCOMPARE(PasswordHasher::verify(hash, password), matches);
    }

    void legacyHashesNeedARehash()
    {
        QVERIFY(PasswordHasher::needsRehash(
            u"$2b$10$67ffElPGa/SvPtFUUiH2kOiyhIBo67i6qM8spUy04MSrOZHT4jqEu"_s));
        QVERIFY(PasswordHasher::needsRehash(QString()));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
