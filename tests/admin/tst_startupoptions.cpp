#include "app/startupoptions.h"

#include <QCoreApplication>
#include <QTest>

#include <iterator>

using namespace Qt::StringLiterals;
using Im::Admin::StartupOptions;

class TestStartupOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutOptionsTheDialogOpens()
    {
        const StartupOptions options = StartupOptions::parse({ u"im-admin"_s });
        QVERIFY(options.error.isEmpty());
        QVERIFY(!options.connectsAtStart());
    }

    void connectsAtStartWithServerAndAccount()
    {
        const StartupOptions options =
            StartupOptions::parse({ u"im-admin"_s, u"--server"_s, u"http://127.0.0.1:3000"_s,
                                    u"--account"_s, u"18800000001"_s, u"--password-stdin"_s,
                                    u"--view"_s, u"queues"_s, u"--language"_s, u"zh_CN"_s });
        QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
        QVERIFY(options.connectsAtStart());
        QCOMPARE(options.server, QUrl(u"http://127.0.0.1:3000"_s));
        QCOMPARE(options.account, u"18800000001"_s);
        QVERIFY(options.passwordFromStdin);
        QCOMPARE(options.view, u"queues"_s);
        QCOMPARE(options.language, u"zh_CN"_s);
    }

    void helpAndVersionAreTextsToPrint()
    {
        // The program's name in the usage line is checked on the real binary
        // (tst_admincommandline), which parses before any QCoreApplication exists.
        QCoreApplication::setApplicationName(u"im-admin"_s);
        QCoreApplication::setApplicationVersion(u"1.2.3"_s);
        const StartupOptions help = StartupOptions::parse({ u"/usr/bin/im-admin"_s, u"-h"_s });
        QVERIFY(help.error.isEmpty());
        QVERIFY2(help.helpOrVersionText.startsWith(u"Usage: "_s),
                 qPrintable(help.helpOrVersionText));
        QVERIFY(help.helpOrVersionText.contains(u"--password-stdin"_s));
        const StartupOptions version = StartupOptions::parse({ u"im-admin"_s, u"--version"_s });
        QCOMPARE(version.helpOrVersionText, u"im-admin 1.2.3\n"_s);
        QVERIFY(StartupOptions::parse({ u"im-admin"_s }).helpOrVersionText.isEmpty());
    }

    void acceptsQtsOwnOptions()
    {
        const char *const argv[] = { "im-admin", "-platform", "offscreen", "-style=fusion",
                                     "-reverse", "--view",    "queues" };
        const StartupOptions options = StartupOptions::parse(int(std::size(argv)), argv);
        QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
        QCOMPARE(options.view, u"queues"_s);
    }

    void refusesWhatItCannotUse_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("server without host")
            << QStringList { u"--server"_s, u"nohost"_s } << u"--server needs a URL"_s;
        QTest::newRow("unknown view")
            << QStringList { u"--view"_s, u"users"_s } << u"--view must be one of"_s;
        QTest::newRow("unknown language")
            << QStringList { u"--language"_s, u"fr"_s } << u"--language must be"_s;
        QTest::newRow("unknown option")
            << QStringList { u"--colour"_s } << u"Unknown option 'colour'."_s;
    }

    void refusesWhatItCannotUse()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        arguments.prepend(u"im-admin"_s);
        const StartupOptions options = StartupOptions::parse(arguments);
        QVERIFY2(options.error.startsWith(error), qPrintable(options.error));
    }
};

QTEST_GUILESS_MAIN(TestStartupOptions)
#include "tst_startupoptions.moc"
