#include "views/limitsdialog.h"

#include "views/livefigure.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

LimitsDialog::LimitsDialog(const QList<LiveFigure *> &figures, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"limitsDialog"_s);
    setWindowTitle(tr("Limits of the live figures"));
    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Amber from"), this), 0, 1);
    grid->addWidget(new QLabel(tr("Red from"), this), 0, 2);
    const auto spin = [this](const QString &name, double value) {
        auto *box = new QDoubleSpinBox(this);
        box->setObjectName(name);
        box->setRange(0, 1e9);
        box->setDecimals(2);
        box->setGroupSeparatorShown(true);
        box->setSpecialValueText(tr("off"));
        box->setValue(value);
        return box;
    };
    int line = 1;
    for (const LiveFigure *figure : figures) {
        Row row { figure->field(), spin(figure->field() + u".amber"_s, figure->limits().amber),
                  spin(figure->field() + u".red"_s, figure->limits().red) };
        grid->addWidget(new QLabel(figure->title(), this), line, 0);
        grid->addWidget(row.amber, line, 1);
        grid->addWidget(row.red, line, 2);
        m_rows.append(row);
        ++line;
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(buttons);
}

QHash<QString, Limits> LimitsDialog::limits() const
{
    QHash<QString, Limits> limits;
    for (const Row &row : m_rows)
        limits.insert(row.field, Limits { row.amber->value(), row.red->value() });
    return limits;
}

} // namespace Im::Admin
