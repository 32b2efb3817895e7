#include "config/settings.h"

#include <QFile>
#include <QTest>

// The README's configuration table is generated from the settings table; this keeps it from
// drifting. On failure the expected table is printed, ready to paste.
class TestReadmeSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readmeHoldsTheCurrentSettingsTable()
    {
        QFile readme(QStringLiteral(IM_README_PATH));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const QString table = Im::Config::settingsMarkdownTable().trimmed();
        if (!text.contains(table))
            qInfo().noquote() << "\n" << table;
        QVERIFY2(text.contains(table), "README.md's configuration table is out of date");
    }
};

QTEST_GUILESS_MAIN(TestReadmeSettings)
#include "tst_readmesettings.moc"
