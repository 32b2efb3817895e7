#include "views/livefigure.h"

#include "views/sparkline.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QString figureText(const char *source)
{
    return QCoreApplication::translate("Im::Admin::LiveFigures", source);
}

} // namespace

LiveFigure::LiveFigure(const QString &field, const char *title, const char *unit, QWidget *parent)
    : QFrame(parent)
    , m_field(field)
    , m_title(title)
    , m_unit(unit)
    , m_titleLabel(new QLabel(this))
    , m_valueLabel(new QLabel(this))
    , m_unitLabel(new QLabel(this))
    , m_sparkline(new Sparkline(this))
{
    setObjectName(u"figure."_s + field);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_valueLabel->setObjectName(u"figureValue."_s + field);
    QFont big = m_valueLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_valueLabel->setFont(big);
    auto *number = new QHBoxLayout;
    number->addWidget(m_valueLabel);
    number->addWidget(m_unitLabel, 0, Qt::AlignBottom);
    number->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    layout->addWidget(m_titleLabel);
    layout->addLayout(number);
    layout->addWidget(m_sparkline);
    retranslate();
    clear();
}

QString LiveFigure::title() const
{
    return figureText(m_title);
}

void LiveFigure::setValue(const QJsonValue &value)
{
    if (value.isDouble()) {
        m_value = value.toDouble();
        m_sparkline->addValue(*m_value);
    } else {
        m_value.reset();
    }
    const QString text = valueText();
    m_valueLabel->setText(text.isEmpty() ? u"—"_s : text);
    m_level = m_value ? m_limits.levelOf(*m_value) : Limits::Level::Normal;
    showLevel();
}

void LiveFigure::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_level = m_value ? m_limits.levelOf(*m_value) : Limits::Level::Normal;
    showLevel();
    setToolTip(tr("Amber from %1, red from %2 (0: off)")
                   .arg(QLocale().toString(limits.amber), QLocale().toString(limits.red)));
}

QString LiveFigure::valueText() const
{
    if (!m_value)
        return {};
    const double value = *m_value;
    // Whole numbers with separators; small ones with the decimals that matter (0.02 ms is no 0).
    if (std::abs(value) >= 100)
        return QLocale().toString(qint64(std::llround(value)));
    if (std::abs(value) >= 10)
        return QLocale().toString(value, 'f', 1);
    return QLocale().toString(value, 'f', 2);
}

void LiveFigure::clear()
{
    m_value.reset();
    m_sparkline->clear();
    m_valueLabel->setText(u"—"_s);
    m_level = Limits::Level::Normal;
    showLevel();
}

void LiveFigure::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void LiveFigure::retranslate()
{
    m_titleLabel->setText(figureText(m_title));
    m_unitLabel->setText(figureText(m_unit));
}

void LiveFigure::showLevel()
{
    QPalette colours = palette();
    QColor background = QPalette().color(QPalette::Base);
    QColor line = QPalette().color(QPalette::Highlight);
    if (m_level == Limits::Level::Amber) {
        background = QColor(0xff, 0xe0, 0x8a);
        line = QColor(0xb0, 0x6a, 0x00);
    } else if (m_level == Limits::Level::Red) {
        background = QColor(0xff, 0xb3, 0xb3);
        line = QColor(0xc0, 0x00, 0x00);
    }
    colours.setColor(QPalette::Window, background);
    setPalette(colours);
    m_sparkline->setColor(line);
}

} // namespace Im::Admin
