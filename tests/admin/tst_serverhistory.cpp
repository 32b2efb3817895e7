#include "app/serverhistory.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Admin::ServerHistory;
using Server = ServerHistory::Server;

class TestServerHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"im-server-tests"_s);
        QCoreApplication::setApplicationName(u"tst_serverhistory"_s);
    }

    void init() { QSettings().clear(); }

    void mostRecentFirst()
    {
        QVERIFY(ServerHistory::servers().isEmpty());
        ServerHistory::remember(u"http://10.0.0.1:3000"_s, u"18800000001"_s);
        ServerHistory::remember(u"http://10.0.0.2:3000"_s, u"18800000002"_s);
        QCOMPARE(ServerHistory::servers(),
                 (QList<Server> { { u"http://10.0.0.2:3000"_s, u"18800000002"_s },
                                  { u"http://10.0.0.1:3000"_s, u"18800000001"_s } }));
    }

    void usingOneAgainMovesItUpWithItsNewAccount()
    {
        ServerHistory::remember(u"http://10.0.0.1:3000"_s, u"a"_s);
        ServerHistory::remember(u"http://10.0.0.2:3000"_s, u"b"_s);
        ServerHistory::remember(u"http://10.0.0.1:3000"_s, u"c"_s);
        QCOMPARE(ServerHistory::servers(),
                 (QList<Server> { { u"http://10.0.0.1:3000"_s, u"c"_s },
                                  { u"http://10.0.0.2:3000"_s, u"b"_s } }));
    }

    void keepsAtMostTenDroppingTheOldest()
    {
        for (int i = 0; i < ServerHistory::maxServers + 3; ++i)
            ServerHistory::remember(u"http://10.0.0.%1:3000"_s.arg(i), u"a"_s);
        const QList<Server> servers = ServerHistory::servers();
        QCOMPARE(servers.size(), ServerHistory::maxServers);
        QCOMPARE(servers.first().url, u"http://10.0.0.12:3000"_s);
        QCOMPARE(servers.last().url, u"http://10.0.0.3:3000"_s);
    }

    void forgetRemovesOnlyThatServer()
    {
        ServerHistory::remember(u"http://10.0.0.1:3000"_s, u"a"_s);
        ServerHistory::remember(u"http://10.0.0.2:3000"_s, u"b"_s);
        ServerHistory::remember(u"http://10.0.0.3:3000"_s, u"c"_s);
        ServerHistory::forget(u"http://10.0.0.2:3000"_s);
        ServerHistory::forget(u"http://unknown:1"_s);
        QCOMPARE(ServerHistory::servers(),
                 (QList<Server> { { u"http://10.0.0.3:3000"_s, u"c"_s },
                                  { u"http://10.0.0.1:3000"_s, u"a"_s } }));
        ServerHistory::forget(u"http://10.0.0.3:3000"_s);
        ServerHistory::forget(u"http://10.0.0.1:3000"_s);
        QVERIFY(ServerHistory::servers().isEmpty());
    }

    void theOneServerAnOlderConsoleRememberedIsKept()
    {
        // GIVEN the keys of the console before several servers were remembered
        QSettings().setValue(u"connection/url"_s, u"http://10.0.0.9:3000"_s);
        QSettings().setValue(u"connection/account"_s, u"old"_s);
        // THEN it is the one server remembered
        QCOMPARE(ServerHistory::servers(),
                 (QList<Server> { { u"http://10.0.0.9:3000"_s, u"old"_s } }));
        // WHEN another is used THEN both are in the list and the old keys are gone
        ServerHistory::remember(u"http://10.0.0.1:3000"_s, u"a"_s);
        QCOMPARE(ServerHistory::servers(),
                 (QList<Server> { { u"http://10.0.0.1:3000"_s, u"a"_s },
                                  { u"http://10.0.0.9:3000"_s, u"old"_s } }));
        QVERIFY(!QSettings().contains(u"connection/url"_s));
    }
};

QTEST_GUILESS_MAIN(TestServerHistory)
#include "tst_serverhistory.moc"
