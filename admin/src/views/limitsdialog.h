#pragma once

#include "models/thresholds.h"

#include <QDialog>
#include <QHash>

class QDoubleSpinBox;

namespace Im::Admin {

class LiveFigure;

//! Asks for the amber and red limits of each live figure (0: off), starting from the current ones.
class LimitsDialog : public QDialog
{
    Q_OBJECT

public:
    LimitsDialog(const QList<LiveFigure *> &figures, QWidget *parent = nullptr);

    //! The limits entered, by field.
    [[nodiscard]] QHash<QString, Limits> limits() const;

private:
    struct Row
    {
        QString field;
        QDoubleSpinBox *amber;
        QDoubleSpinBox *red;
    };
    QList<Row> m_rows;
};

} // namespace Im::Admin
