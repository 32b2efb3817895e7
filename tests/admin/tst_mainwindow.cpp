#include "im/version.h"
#include "mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsDisconnectedWithTheVersionInTheTitle()
    {
        Im::Admin::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(Im::versionString()));
        auto *label = window.findChild<QLabel *>(u"connectionLabel"_s);
        QVERIFY(label);
        QCOMPARE(label->text(), u"Not connected to a server."_s);
    }

    void quitActionClosesTheWindow()
    {
        Im::Admin::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *quit = window.findChild<QAction *>(u"quitAction"_s);
        QVERIFY(quit);
        quit->trigger();
        QTRY_VERIFY(!window.isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
