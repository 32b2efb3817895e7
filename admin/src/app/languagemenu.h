#pragma once

#include <QMenu>

class QActionGroup;

namespace Im::Admin {

//! The Language menu: System, English, 简体中文 (object names languageSystemAction,
//! languageEnglishAction, languageChineseAction); choosing one switches at once.
class LanguageMenu : public QMenu
{
    Q_OBJECT

public:
    explicit LanguageMenu(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showChoice(const QString &choice);

    QAction *m_system;
    QAction *m_english;
    QAction *m_chinese;
};

} // namespace Im::Admin
