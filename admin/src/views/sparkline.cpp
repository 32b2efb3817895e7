#include "views/sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace Im::Admin {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
    , m_color(palette().color(QPalette::Highlight))
{
    setMinimumHeight(20);
}

void Sparkline::addValue(double value)
{
    m_values.append(value);
    if (m_values.size() > capacity)
        m_values.removeFirst();
    update();
}

void Sparkline::clear()
{
    m_values.clear();
    update();
}

void Sparkline::setColor(const QColor &color)
{
    m_color = color;
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    if (m_values.size() < 2)
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const double highest = std::max(*std::max_element(m_values.cbegin(), m_values.cend()), 1e-9);
    const QRectF area = QRectF(rect()).adjusted(1, 2, -1, -2);
    const double step = area.width() / double(capacity - 1);
    // Right-aligned: the newest value is always at the right edge.
    const double left = area.right() - step * double(m_values.size() - 1);
    QPainterPath path;
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        const QPointF point(left + step * double(i),
                            area.bottom() - area.height() * m_values.at(i) / highest);
        if (i == 0)
            path.moveTo(point);
        else
            path.lineTo(point);
    }
    painter.setPen(QPen(m_color, 1.5));
    painter.drawPath(path);
}

} // namespace Im::Admin
