// The real im-admin binary's command line where there is no display at all (an ssh session, a
// packaging check): --help and --version answer, a refused option says why, and none of them
// needs a windowing system.

#include "im/version.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

//! Runs im-admin with \a arguments, without DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM.
Run runAdmin(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : { u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s })
        environment.remove(name);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(IM_ADMIN_BINARY), arguments);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

} // namespace

class TestAdminCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpNeedsNoDisplay_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--help") << QStringList { u"--help"_s };
        QTest::newRow("-h") << QStringList { u"-h"_s };
        QTest::newRow("with a Qt option") << QStringList { u"-platform"_s, u"xcb"_s, u"--help"_s };
    }

    void helpNeedsNoDisplay()
    {
        QFETCH(QStringList, arguments);
        const Run run = runAdmin(arguments);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.startsWith(u"Usage: im-admin [options]"_s), qPrintable(run.out));
        for (const QString &option :
             { u"--server <url>"_s, u"--account <account>"_s, u"--password-stdin"_s,
               u"--view <view>"_s, u"--language <language>"_s, u"--version"_s })
            QVERIFY2(run.out.contains(option), qPrintable(option));
        // Qt's own options are accepted, not advertised.
        QVERIFY(!run.out.contains(u"-platform"_s));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }

    void versionNeedsNoDisplay()
    {
        const Run run = runAdmin({ u"--version"_s });
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, u"im-admin %1\n"_s.arg(Im::versionString()));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }

    void refusedOptionsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown option") << QStringList { u"--no-such-option"_s }
                                        << u"im-admin: Unknown option 'no-such-option'."_s;
        QTest::newRow("missing value")
            << QStringList { u"--server"_s } << u"im-admin: Missing value after '--server'."_s;
        QTest::newRow("unknown view")
            << QStringList { u"--view"_s, u"users"_s } << u"im-admin: --view must be one of"_s;
        QTest::newRow("unknown option beside --help")
            << QStringList { u"--help"_s, u"--bogus"_s } << u"im-admin: Unknown option 'bogus'."_s;
    }

    void refusedOptionsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const Run run = runAdmin(arguments);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(error), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAdminCommandLine)
#include "tst_admincommandline.moc"
