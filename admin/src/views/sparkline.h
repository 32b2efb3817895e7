#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace Im::Admin {

//! A tiny line of the last values (oldest left), scaled to its own highest value: the trend of
//! one figure at a glance, without axes.
class Sparkline : public QWidget
{
    Q_OBJECT

public:
    static constexpr int capacity = 120;

    explicit Sparkline(QWidget *parent = nullptr);

    void addValue(double value);
    void clear();
    void setColor(const QColor &color);
    [[nodiscard]] const QList<double> &values() const { return m_values; }

    [[nodiscard]] QSize sizeHint() const override { return { 120, 28 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_values;
    QColor m_color;
};

} // namespace Im::Admin
