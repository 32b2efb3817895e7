#include "store/sqlscript.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::Store::splitSqlScript;

class TestSqlScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splits_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("statements");

        QTest::newRow("two statements")
            << u"CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);"_s
            << QStringList { u"CREATE TABLE a (x INT)"_s, u"CREATE TABLE b (y INT)"_s };
        QTest::newRow("last statement without semicolon")
            << u"SELECT 1; SELECT 2"_s << QStringList { u"SELECT 1"_s, u"SELECT 2"_s };
        QTest::newRow("semicolon in a string")
            << u"INSERT INTO t VALUES ('a;b'); SELECT 1;"_s
            << QStringList { u"INSERT INTO t VALUES ('a;b')"_s, u"SELECT 1"_s };
        QTest::newRow("doubled quote inside a string")
            << u"SELECT 'it''s; fine';"_s << QStringList { u"SELECT 'it''s; fine'"_s };
        QTest::newRow("backslash escape inside a string")
            << u"SELECT 'a\\';b';"_s << QStringList { u"SELECT 'a\\';b'"_s };
        QTest::newRow("semicolon in a backtick identifier")
            << u"SELECT `a;b` FROM t;"_s << QStringList { u"SELECT `a;b` FROM t"_s };
        QTest::newRow("line comment with a semicolon")
            << u"-- first; comment\nSELECT 1;"_s << QStringList { u"SELECT 1"_s };
        QTest::newRow("block comment with a semicolon")
            << u"/* a; b */ SELECT 1;"_s << QStringList { u"SELECT 1"_s };
        QTest::newRow("only comments and blanks") << u"-- nothing\n\n ; ;"_s << QStringList {};
    }

    void splits()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, statements);
        QCOMPARE(splitSqlScript(script), statements);
    }
};

QTEST_GUILESS_MAIN(TestSqlScript)
#include "tst_sqlscript.moc"
