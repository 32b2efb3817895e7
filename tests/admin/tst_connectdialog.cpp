#include "app/connectdialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Admin::ConnectDialog;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private:
    static QLineEdit *field(const ConnectDialog &dialog, const QString &name)
    {
        return dialog.findChild<QLineEdit *>(name);
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
        QCOMPARE(settings.value(u"connection/url"_s).toString(), u"http://10.0.0.5:3100"_s);
        QCOMPARE(settings.value(u"connection/account"_s).toString(), u"18800000001"_s);
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
        QVERIFY(!QSettings().contains(u"connection/account"_s));
    }
};

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
