#include "app/languagemenu.h"

#include "app/languageswitcher.h"

#include <QActionGroup>
#include <QEvent>

using namespace Qt::StringLiterals;

namespace Im::Admin {

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(parent)
    , m_system(addAction(QString()))
    , m_english(addAction(QString()))
    , m_chinese(addAction(QString()))
{
    setObjectName(u"languageMenu"_s);
    auto *group = new QActionGroup(this);
    const auto add = [this, group](QAction *action, const QString &name, QLatin1StringView code) {
        action->setObjectName(name);
        action->setCheckable(true);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [code] { LanguageSwitcher::instance()->apply(QString(code)); });
    };
    add(m_system, u"languageSystemAction"_s, LanguageSwitcher::system);
    add(m_english, u"languageEnglishAction"_s, LanguageSwitcher::english);
    add(m_chinese, u"languageChineseAction"_s, LanguageSwitcher::simplifiedChinese);
    // Each language is named in itself, so that it can be found whatever language is on.
    m_english->setText(u"English"_s);
    m_chinese->setText(u"简体中文"_s);
    connect(LanguageSwitcher::instance(), &LanguageSwitcher::choiceChanged, this,
            &LanguageMenu::showChoice);
    showChoice(LanguageSwitcher::instance()->choice());
    retranslate();
}

void LanguageMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslate()
{
    setTitle(tr("&Language"));
    m_system->setText(tr("System"));
}

void LanguageMenu::showChoice(const QString &choice)
{
    QAction *chosen = choice == LanguageSwitcher::english ? m_english
        : choice == LanguageSwitcher::simplifiedChinese   ? m_chinese
                                                          : m_system;
    chosen->setChecked(true);
}

} // namespace Im::Admin
