#include "metrics/registry.h"

#include <algorithm>

namespace Im::Metrics {

namespace {

bool isNameChar(char c, bool first, bool colonAllowed)
{
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return letter || (colonAllowed && c == ':') || (!first && c >= '0' && c <= '9');
}

bool isValidName(QByteArrayView name, bool colonAllowed)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isNameChar(name[i], i == 0, colonAllowed))
            return false;
    }
    return true;
}

template<typename Metric>
QList<Series> seriesOf(const Family<Metric> &family,
                       const std::function<void(Series &, const Metric &)> &fill)
{
    QList<Series> series;
    family.forEach([&](const QStringList &values, const Metric &metric) {
        Series one;
        for (qsizetype i = 0; i < values.size(); ++i)
            one.labels.append({ family.labelNames().at(i), values.at(i) });
        fill(one, metric);
        series.append(std::move(one));
    });
    return series;
}

} // namespace

bool isValidMetricName(QByteArrayView name)
{
    return isValidName(name, true);
}

bool isValidLabelName(QByteArrayView name)
{
    // Names starting with "__" are reserved for Prometheus itself.
    return isValidName(name, false) && !name.startsWith("__");
}

void Registry::add(const QByteArray &name, const QByteArray &help, MetricType type, Collect collect)
{
    Q_ASSERT_X(isValidMetricName(name), "Registry::add", name.constData());
    Q_ASSERT_X(!contains(name), "Registry::add", name.constData());
    m_entries.append({ name, help, type, std::move(collect) });
}

void Registry::add(const QByteArray &name, const QByteArray &help, const Counter &counter)
{
    addValue(name, help, MetricType::Counter, [&counter] { return double(counter.value()); });
}

void Registry::add(const QByteArray &name, const QByteArray &help, const Histogram &histogram)
{
    add(name, help, MetricType::Histogram, [&histogram] {
        Series one;
        one.histogram = histogram.snapshot();
        return QList<Series> { one };
    });
}

void Registry::add(const QByteArray &name, const QByteArray &help, const Family<Counter> &family)
{
    add(name, help, MetricType::Counter, [&family] {
        return seriesOf<Counter>(family, [](Series &one, const Counter &counter) {
            one.value = double(counter.value());
        });
    });
}

void Registry::add(const QByteArray &name, const QByteArray &help, const Family<Histogram> &family)
{
    add(name, help, MetricType::Histogram, [&family] {
        return seriesOf<Histogram>(family, [](Series &one, const Histogram &histogram) {
            one.histogram = histogram.snapshot();
        });
    });
}

void Registry::addValue(const QByteArray &name, const QByteArray &help, MetricType type,
                        std::function<double()> read)
{
    add(name, help, type, [read = std::move(read)] {
        Series one;
        one.value = read();
        return QList<Series> { one };
    });
}

QList<FamilySnapshot> Registry::collect() const
{
    QList<FamilySnapshot> families;
    families.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        families.append({ entry.name, entry.help, entry.type, entry.collect() });
    return families;
}

bool Registry::contains(const QByteArray &name) const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&name](const Entry &entry) { return entry.name == name; });
}

} // namespace Im::Metrics
