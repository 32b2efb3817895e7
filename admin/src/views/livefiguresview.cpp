#include "views/livefiguresview.h"

#include "views/limitsdialog.h"
#include "views/livefigure.h"

#include <QEvent>
#include <QGridLayout>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

struct FigureSpec
{
    QString field;
    const char *title;
    const char *unit;
};

QList<FigureSpec> figureSpecs()
{
    const char *perSecond = QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "/s");
    const char *ms = QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "ms");
    return {
        { u"messagesPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Messages"),
          perSecond },
        { u"pushesPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Pushes"), perSecond },
        { u"sendToAckP50Ms"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Send→ack p50"), ms },
        { u"sendToAckP99Ms"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Send→ack p99"), ms },
        { u"sendToPushP50Ms"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Send→push p50"), ms },
        { u"sendToPushP99Ms"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Send→push p99"), ms },
        { u"timeoutsPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Ack timeouts"),
          perSecond },
        { u"errorsPerSecond"_s, QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", "Errors"), perSecond },
    };
}

} // namespace

LiveFiguresView::LiveFiguresView(QWidget *parent)
    : QWidget(parent)
    , m_limitsButton(new QPushButton(this))
{
    setObjectName(u"liveFigures"_s);
    m_limitsButton->setObjectName(u"limitsButton"_s);
    connect(m_limitsButton, &QPushButton::clicked, this, &LiveFiguresView::editLimits);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    const QList<FigureSpec> specs = figureSpecs();
    constexpr int perRow = 8;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        auto *figure = new LiveFigure(specs.at(i).field, specs.at(i).title, specs.at(i).unit, this);
        grid->addWidget(figure, int(i / perRow), int(i % perRow));
        m_figures.append(figure);
    }
    grid->addWidget(m_limitsButton, 0, perRow, Qt::AlignTop);
    setServer(QString());
    changeEvent(nullptr);
}

void LiveFiguresView::setServer(const QString &server)
{
    m_server = server;
    const QHash<QString, Limits> limits = ThresholdStore::load(server);
    for (LiveFigure *figure : std::as_const(m_figures))
        figure->setLimits(limits.value(figure->field()));
}

void LiveFiguresView::addSample(const QJsonObject &sample)
{
    for (LiveFigure *figure : std::as_const(m_figures))
        figure->setValue(sample.value(figure->field()));
}

void LiveFiguresView::setLimits(const QString &field, const Limits &limits)
{
    if (LiveFigure *shown = figure(field)) {
        shown->setLimits(limits);
        ThresholdStore::save(m_server, field, limits);
    }
}

void LiveFiguresView::clear()
{
    for (LiveFigure *figure : std::as_const(m_figures))
        figure->clear();
}

LiveFigure *LiveFiguresView::figure(const QString &field) const
{
    for (LiveFigure *figure : m_figures) {
        if (figure->field() == field)
            return figure;
    }
    return nullptr;
}

void LiveFiguresView::changeEvent(QEvent *event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_limitsButton->setText(tr("Limits…"));
        m_limitsButton->setToolTip(tr("When the figures turn amber or red, for this server"));
    }
    if (event)
        QWidget::changeEvent(event);
}

void LiveFiguresView::editLimits()
{
    auto *dialog = new LimitsDialog(m_figures, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QHash<QString, Limits> limits = dialog->limits();
        for (auto it = limits.cbegin(); it != limits.cend(); ++it)
            setLimits(it.key(), it.value());
    });
    dialog->open();
}

} // namespace Im::Admin
