#include "app/languageswitcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QString settingsKey = u"ui/language"_s;

bool isKnown(const QString &choice)
{
    return choice == LanguageSwitcher::english || choice == LanguageSwitcher::simplifiedChinese;
}

} // namespace

LanguageSwitcher::LanguageSwitcher(QObject *parent)
    : QObject(parent)
{ }

LanguageSwitcher *LanguageSwitcher::instance()
{
    static QPointer<LanguageSwitcher> switcher;
    if (!switcher)
        switcher = new LanguageSwitcher(QCoreApplication::instance());
    return switcher;
}

QString LanguageSwitcher::installedTranslationsDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath()
                           + u"/../share/im-admin/translations"_s);
}

QString LanguageSwitcher::savedChoice()
{
    const QString saved = QSettings().value(settingsKey).toString();
    return isKnown(saved) ? saved : QString();
}

void LanguageSwitcher::apply(const QString &choice, bool remember)
{
    m_choice = isKnown(choice) ? choice : QString();
    const QLocale locale = m_choice.isEmpty() ? QLocale::system() : QLocale(m_choice);
    QLocale::setDefault(locale);

    QCoreApplication::removeTranslator(&m_console);
    QCoreApplication::removeTranslator(&m_qt);
    // No console translation for the locale (German, say) leaves the English source texts.
    if (m_console.load(locale, u"im-admin"_s, u"_"_s, installedTranslationsDir())
        || m_console.load(locale, u"im-admin"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&m_console);
    // Qt's own texts (standard buttons); the Qt translations package may not be installed.
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);

    if (remember)
        QSettings().setValue(settingsKey, m_choice);
    Q_EMIT choiceChanged(m_choice);
}

} // namespace Im::Admin
