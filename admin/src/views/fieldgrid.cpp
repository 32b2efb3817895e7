#include "views/fieldgrid.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QString fieldText(const char *source)
{
    return QCoreApplication::translate("Im::Admin::Fields", source);
}

} // namespace

QJsonValue valueAtPath(const QJsonObject &object, const QString &path)
{
    QJsonValue value = object;
    for (const QStringView part : QStringView(path).split(u'.')) {
        if (!value.isObject())
            return QJsonValue::Undefined;
        value = value.toObject().value(part);
    }
    return value;
}

FieldGrid::FieldGrid(QList<FieldGroup> groups, const QString &prefix, int groupsPerRow,
                     QWidget *parent)
    : QWidget(parent)
    , m_groups(std::move(groups))
{
    setObjectName(prefix + u"Fields"_s);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        auto *box = new QGroupBox(this);
        auto *form = new QFormLayout(box);
        form->setLabelAlignment(Qt::AlignLeft);
        for (const FieldSpec &spec : std::as_const(m_groups.at(i).fields)) {
            auto *title = new QLabel(box);
            auto *value = new QLabel(box);
            value->setObjectName(prefix + u'.' + spec.path);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            form->addRow(title, value);
            m_entries.append({ spec, title, value });
        }
        grid->addWidget(box, int(i) / groupsPerRow, int(i) % groupsPerRow, Qt::AlignTop);
        m_boxes.append(box);
    }
    retranslate();
}

void FieldGrid::setValues(const QJsonObject &values)
{
    m_values = values;
    showValues();
}

void FieldGrid::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FieldGrid::retranslate()
{
    for (qsizetype i = 0; i < m_boxes.size(); ++i)
        m_boxes.at(i)->setTitle(fieldText(m_groups.at(i).title));
    for (const Entry &entry : std::as_const(m_entries))
        entry.title->setText(fieldText(entry.spec.title));
    showValues();
}

void FieldGrid::showValues()
{
    for (const Entry &entry : std::as_const(m_entries)) {
        const QString text = formatValue(valueAtPath(m_values, entry.spec.path), entry.spec.format);
        entry.value->setText(text.isEmpty() ? u"—"_s : text);
    }
}

} // namespace Im::Admin
