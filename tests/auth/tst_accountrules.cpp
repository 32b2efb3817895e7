#include "auth/accountrules.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestAccountRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accounts_data()
    {
        QTest::addColumn<QString>("account");
        QTest::addColumn<bool>("valid");
        QTest::newRow("mobile number") << u"13700000001"_s << true;
        QTest::newRow("19x prefix") << u"19912345678"_s << true;
        QTest::newRow("second digit 2") << u"12700000001"_s << false;
        QTest::newRow("ten digits") << u"1370000000"_s << false;
        QTest::newRow("twelve digits") << u"137000000011"_s << false;
        QTest::newRow("letters") << u"1370000000a"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("full-width digits") << u"１３７００００００００１"_s << false;
    }

    void accounts()
    {
        QFETCH(QString, account);
        QFETCH(bool, valid);
        QCOMPARE(Im::Auth::isValidAccount(account), valid);
    }

    void passwords_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("valid");
        QTest::newRow("letters and digits") << u"abc123"_s << true;
        QTest::newRow("with symbols") << u"a1-*/+.~!@#$%^&()"_s.left(16) << true;
        QTest::newRow("sixteen characters") << u"abcdefghijklmn12"_s << true;
        QTest::newRow("seventeen characters") << u"abcdefghijklmn123"_s << false;
        QTest::newRow("five characters") << u"abc12"_s << false;
        QTest::newRow("no digit") << u"abcdef"_s << false;
        QTest::newRow("no letter") << u"123456"_s << false;
        QTest::newRow("space") << u"abc 123"_s << false;
        QTest::newRow("non-ASCII letter") << u"abcé123"_s << false;
    }

    void passwords()
    {
        QFETCH(QString, password);
        QFETCH(bool, valid);
        QCOMPARE(Im::Auth::isValidPassword(password), valid);
    }
};

QTEST_GUILESS_MAIN(TestAccountRules)
#include "tst_accountrules.moc"
