#include "app/startupoptions.h"

#include <QCoreApplication>
#include <QTest>

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
