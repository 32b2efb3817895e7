#include "views/banner.h"

#include <QHBoxLayout>
#include <QLabel>

namespace Im::Admin {

Banner::Banner(Severity severity, QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);
    setAutoFillBackground(true);
    QPalette colours = palette();
    colours.setColor(QPalette::Window,
                     severity == Severity::Critical ? QColor(0xc6, 0x28, 0x28)
                                                    : QColor(0xff, 0xc1, 0x07));
    colours.setColor(QPalette::WindowText,
                     severity == Severity::Critical ? Qt::white : QColor(0x21, 0x21, 0x21));
    setPalette(colours);
    m_label->setPalette(colours);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_label);
    setVisible(false);
}

void Banner::setText(const QString &text)
{
    m_label->setText(text);
    setVisible(!text.isEmpty());
}

QString Banner::text() const
{
    return m_label->text();
}

} // namespace Im::Admin
