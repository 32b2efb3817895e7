#include "app/languageswitcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Admin::LanguageSwitcher;

namespace {

QString overview()
{
    return QCoreApplication::translate("Im::Admin::MainWindow", "Overview");
}

} // namespace

class TestLanguageSwitcher : public QObject
{
    Q_OBJECT

private:
    //! The file a translator would drop in (and the test takes away again).
    static QString installedFile()
    {
        return LanguageSwitcher::installedTranslationsDir() + u"/im-admin_zh_CN.qm"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"im-server-tests"_s);
        QCoreApplication::setApplicationName(u"tst_languageswitcher"_s);
        QSettings().clear();
        QFile::remove(installedFile());
    }

    void cleanupTestCase()
    {
        QFile::remove(installedFile());
        QDir().rmpath(LanguageSwitcher::installedTranslationsDir());
    }

    void installedDirIsBesideTheExecutable()
    {
        QCOMPARE(LanguageSwitcher::installedTranslationsDir(),
                 QDir::cleanPath(QCoreApplication::applicationDirPath()
                                 + u"/../share/im-admin/translations"_s));
    }

    void installedTranslationWinsOverTheEmbeddedOne()
    {
        // GIVEN nothing installed: the embedded translation
        LanguageSwitcher::instance()->apply(u"zh_CN"_s, false);
        QCOMPARE(overview(), u"概览"_s);

        // WHEN a translator installs an updated file THEN the next switch uses it
        QVERIFY(QDir().mkpath(LanguageSwitcher::installedTranslationsDir()));
        QVERIFY(QFile::copy(QStringLiteral(IM_TEST_QM_FILE), installedFile()));
        LanguageSwitcher::instance()->apply(u"zh_CN"_s, false);
        QCOMPARE(overview(), u"概览（更新版）"_s);

        // English has no installed file: still the embedded one, whose texts are the sources.
        LanguageSwitcher::instance()->apply(u"en"_s, false);
        QCOMPARE(overview(), u"Overview"_s);

        // WHEN it is taken away THEN the embedded one is back
        QVERIFY(QFile::remove(installedFile()));
        LanguageSwitcher::instance()->apply(u"zh_CN"_s, false);
        QCOMPARE(overview(), u"概览"_s);
    }
};

QTEST_GUILESS_MAIN(TestLanguageSwitcher)
#include "tst_languageswitcher.moc"
