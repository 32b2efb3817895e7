#include "app/commandline.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Im::App::CommandLine;
using Action = CommandLine::Action;

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<Action>("action");
        QTest::newRow("nothing runs the server") << QStringList {} << Action::Run;
        QTest::newRow("help") << QStringList { u"--help"_s } << Action::Help;
        QTest::newRow("version") << QStringList { u"-v"_s } << Action::Version;
        QTest::newRow("check config") << QStringList { u"--check-config"_s } << Action::CheckConfig;
        QTest::newRow("create admin")
            << QStringList { u"--create-admin"_s, u"13800000000"_s } << Action::CreateAdmin;
        QTest::newRow("upgrade dry run")
            << QStringList { u"--upgrade-dry-run"_s } << Action::UpgradeDryRun;
        QTest::newRow("unknown option") << QStringList { u"--frobnicate"_s } << Action::Invalid;
        QTest::newRow("stray argument") << QStringList { u"serve"_s } << Action::Invalid;
        QTest::newRow("set without equals")
            << QStringList { u"--set"_s, u"PORT"_s } << Action::Invalid;
    }

    void actions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(Action, action);
        arguments.prepend(u"im-server"_s);
        QCOMPARE(CommandLine::parse(arguments).action, action);
    }

    void settingOptionsBecomeSettingKeys()
    {
        const CommandLine parsed = CommandLine::parse(
            { u"im-server"_s, u"--port"_s, u"4000"_s, u"--bind"_s, u"0.0.0.0"_s, u"--db-driver"_s,
              u"mariadb"_s, u"--set"_s, u"DB_THREADS=8"_s, u"-s"_s, u"CLIENTORIGIN=a___b=c"_s,
              u"--config"_s, u"/etc/im.env"_s });
        QCOMPARE(parsed.action, Action::Run);
        QCOMPARE(parsed.settings.value(u"PORT"_s), u"4000"_s);
        QCOMPARE(parsed.settings.value(u"BIND_ADDRESS"_s), u"0.0.0.0"_s);
        QCOMPARE(parsed.settings.value(u"DB_DRIVER"_s), u"mariadb"_s);
        QCOMPARE(parsed.settings.value(u"DB_THREADS"_s), u"8"_s);
        // Only the first '=' separates key and value.
        QCOMPARE(parsed.settings.value(u"CLIENTORIGIN"_s), u"a___b=c"_s);
        QCOMPARE(parsed.configFile, u"/etc/im.env"_s);
    }

    void shortcutWinsOverSetForTheSameKey()
    {
        const CommandLine parsed =
            CommandLine::parse({ u"im-server"_s, u"--set"_s, u"PORT=1"_s, u"--port"_s, u"2"_s });
        QCOMPARE(parsed.settings.value(u"PORT"_s), u"2"_s);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
