#include "app/connectdialog.h"
#include "app/serverhistory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using Im::Admin::ConnectDialog;
using Im::Admin::ServerHistory;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private:
    static QLineEdit *field(const ConnectDialog &dialog, const QString &name)
    {
        return dialog.findChild<QLineEdit *>(name);
    }

    static QComboBox *servers(const ConnectDialog &dialog)
    {
        return dialog.findChild<QComboBox *>(u"serverCombo"_s);
    }

    static QStringList itemTexts(const QComboBox *combo)
    {
        QStringList texts;
        for (int i = 0; i < combo->count(); ++i)
            texts.append(combo->itemText(i));
        return texts;
    }

    //! Connects through a dialog to \a url as \a account, as the operator would.
    static void acceptWith(const QString &url, const QString &account)
    {
        ConnectDialog dialog;
        QLineEdit *urlEdit = field(dialog, u"serverUrlEdit"_s);
        urlEdit->clear();
        QTest::keyClicks(urlEdit, url);
        field(dialog, u"accountEdit"_s)->setText(account);
        field(dialog, u"passwordEdit"_s)->setText(u"S3cretpass"_s);
        dialog.accept();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"im-server-tests"_s);
        QCoreApplication::setApplicationName(u"tst_connectdialog"_s);
    }

    void init() { QSettings().clear(); }

    void okNeedsEveryField()
    {
        ConnectDialog dialog;
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QCOMPARE(field(dialog, u"serverUrlEdit"_s)->text(), u"http://127.0.0.1:3000"_s);
        QVERIFY(!ok->isEnabled());
        field(dialog, u"accountEdit"_s)->setText(u"18800000001"_s);
        QVERIFY(!ok->isEnabled());
        field(dialog, u"passwordEdit"_s)->setText(u"S3cretpass"_s);
        QVERIFY(ok->isEnabled());
        field(dialog, u"serverUrlEdit"_s)->setText(u"ftp://example.com"_s);
        QVERIFY(!ok->isEnabled());
        QCOMPARE(field(dialog, u"passwordEdit"_s)->echoMode(), QLineEdit::Password);
    }

    void remembersUrlAndAccountButNotThePassword()
    {
        {
            ConnectDialog dialog;
            field(dialog, u"serverUrlEdit"_s)->setText(u" http://10.0.0.5:3100 "_s);
            field(dialog, u"accountEdit"_s)->setText(u"18800000001"_s);
            field(dialog, u"passwordEdit"_s)->setText(u"S3cretpass"_s);
            QCOMPARE(dialog.serverUrl(), QUrl(u"http://10.0.0.5:3100"_s));
            QCOMPARE(dialog.account(), u"18800000001"_s);
            QCOMPARE(dialog.password(), u"S3cretpass"_s);
            dialog.accept();
        }
        QSettings settings;
        QCOMPARE(
            ServerHistory::servers(),
            (QList<ServerHistory::Server> { { u"http://10.0.0.5:3100"_s, u"18800000001"_s } }));
        for (const QString &key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(u"S3cretpass"_s));

        ConnectDialog again;
        QCOMPARE(field(again, u"serverUrlEdit"_s)->text(), u"http://10.0.0.5:3100"_s);
        QCOMPARE(field(again, u"accountEdit"_s)->text(), u"18800000001"_s);
        QVERIFY(field(again, u"passwordEdit"_s)->text().isEmpty());
    }

    void cancelRemembersNothing()
    {
        ConnectDialog dialog;
        field(dialog, u"accountEdit"_s)->setText(u"18800000001"_s);
        dialog.reject();
        QVERIFY(ServerHistory::servers().isEmpty());
    }

    void offersTheRememberedServersMostRecentFirst()
    {
        // GIVEN two servers connected to, the second last
        acceptWith(u"http://10.0.0.1:3000"_s, u"18800000001"_s);
        acceptWith(u"http://10.0.0.2:3000"_s, u"18800000002"_s);

        // THEN the dialog offers both, pre-filled with the most recent and its account
        ConnectDialog dialog;
        QComboBox *combo = servers(dialog);
        QVERIFY(combo && combo->isEditable());
        QCOMPARE(itemTexts(combo),
                 (QStringList { u"http://10.0.0.2:3000"_s, u"http://10.0.0.1:3000"_s }));
        QCOMPARE(field(dialog, u"serverUrlEdit"_s)->text(), u"http://10.0.0.2:3000"_s);
        QCOMPARE(field(dialog, u"accountEdit"_s)->text(), u"18800000002"_s);
        QVERIFY(field(dialog, u"passwordEdit"_s)->text().isEmpty());

        // WHEN the other is picked from the list THEN its account comes with it
        combo->setCurrentIndex(1);
        Q_EMIT combo->activated(1);
        QCOMPARE(dialog.serverUrl(), QUrl(u"http://10.0.0.1:3000"_s));
        QCOMPARE(dialog.account(), u"18800000001"_s);
    }

    void forgetDropsTheServerShown()
    {
        acceptWith(u"http://10.0.0.1:3000"_s, u"18800000001"_s);
        acceptWith(u"http://10.0.0.2:3000"_s, u"18800000002"_s);
        ConnectDialog dialog;
        auto *forget = dialog.findChild<QToolButton *>(u"forgetServerButton"_s);
        QVERIFY(forget);
        QVERIFY(forget->isEnabled());

        // A typed address that was never remembered cannot be forgotten.
        QLineEdit *urlEdit = field(dialog, u"serverUrlEdit"_s);
        urlEdit->setText(u"http://10.0.0.7:3000"_s);
        QVERIFY(!forget->isEnabled());
        urlEdit->setText(u"http://10.0.0.2:3000"_s);
        QVERIFY(forget->isEnabled());

        QTest::mouseClick(forget, Qt::LeftButton);
        QCOMPARE(itemTexts(servers(dialog)), QStringList { u"http://10.0.0.1:3000"_s });
        QCOMPARE(urlEdit->text(), u"http://10.0.0.1:3000"_s);
        QCOMPARE(field(dialog, u"accountEdit"_s)->text(), u"18800000001"_s);
        QCOMPARE(ServerHistory::servers().size(), 1);

        // The last one forgotten: back to the default address, nothing to forget.
        QTest::mouseClick(forget, Qt::LeftButton);
        QCOMPARE(servers(dialog)->count(), 0);
        QCOMPARE(urlEdit->text(), u"http://127.0.0.1:3000"_s);
        QVERIFY(field(dialog, u"accountEdit"_s)->text().isEmpty());
        QVERIFY(!forget->isEnabled());
        QVERIFY(ServerHistory::servers().isEmpty());
    }
};

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
