#pragma once

#include <QObject>
#include <QTranslator>

namespace Im::Admin {

//! The console's translations: installs the translators of the chosen language (the console's
//! own and Qt's) and remembers the choice in QSettings ("ui/language"). The console's own come
//! from installedTranslationsDir() when the file is there (an updated .qm dropped in by a
//! translator), else from the copy compiled into the binary under :/i18n. Installing them makes Qt
//! send LanguageChange to every widget, which retranslates itself. One per application
//! (instance()).
class LanguageSwitcher : public QObject
{
    Q_OBJECT

public:
    //! The choices: the system locale (an empty code), English and Simplified Chinese.
    static constexpr QLatin1StringView system {};
    static constexpr QLatin1StringView english { "en" };
    static constexpr QLatin1StringView simplifiedChinese { "zh_CN" };

    //! The application's switcher (created on first use, owned by the application).
    static LanguageSwitcher *instance();

    //! `<folder of the executable>/../share/im-admin/translations`, where the .qm are installed.
    [[nodiscard]] static QString installedTranslationsDir();

    //! The remembered choice; empty (system) when none was made or it is unknown.
    [[nodiscard]] static QString savedChoice();

    //! Switches to \a choice (system, english or simplifiedChinese; anything else means system)
    //! and, when \a remember, stores it.
    void apply(const QString &choice, bool remember = true);
    //! Applies the remembered choice (at start).
    void applySaved() { apply(savedChoice(), false); }

    [[nodiscard]] QString choice() const { return m_choice; }

Q_SIGNALS:
    void choiceChanged(const QString &choice);

private:
    explicit LanguageSwitcher(QObject *parent);

    QTranslator m_console;
    QTranslator m_qt;
    QString m_choice;
};

} // namespace Im::Admin
