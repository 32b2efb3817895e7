#pragma once

#include "models/thresholds.h"

#include <QFrame>

class QLabel;

namespace Im::Admin {

class Sparkline;

//! One live figure of the overview: its title, the current value as a large number with its unit,
//! a sparkline of the recent values, and a colour (amber, red) past the operator's limits. A
//! missing value (no latency measured in the sample) shows "—" and adds nothing to the line.
class LiveFigure : public QFrame
{
    Q_OBJECT

public:
    //! \a title and \a unit are marked with QT_TRANSLATE_NOOP("Im::Admin::LiveFigures", ...).
    LiveFigure(const QString &field, const char *title, const char *unit,
               QWidget *parent = nullptr);

    [[nodiscard]] const QString &field() const { return m_field; }
    [[nodiscard]] QString title() const;
    void setValue(const QJsonValue &value);
    void setLimits(const Limits &limits);
    [[nodiscard]] const Limits &limits() const { return m_limits; }
    [[nodiscard]] Limits::Level level() const { return m_level; }
    //! The number as shown ("1,234.5"), empty when missing.
    [[nodiscard]] QString valueText() const;
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showLevel();

    QString m_field;
    const char *m_title;
    const char *m_unit;
    QLabel *m_titleLabel;
    QLabel *m_valueLabel;
    QLabel *m_unitLabel;
    Sparkline *m_sparkline;
    Limits m_limits;
    Limits::Level m_level = Limits::Level::Normal;
    std::optional<double> m_value;
};

} // namespace Im::Admin
