#pragma once

#include "metrics/counter.h"
#include "metrics/family.h"
#include "metrics/histogram.h"
#include "metrics/snapshot.h"

#include <functional>

namespace Im::Metrics {

//! The metrics a scrape exposes. Nothing is stored here: each family is a function read at scrape
//! time, either of an instrument its module owns (counters and histograms updated as things
//! happen) or of figures the server keeps anyway (queue depths, connections), so registering costs
//! nothing between scrapes. Registration happens once at start-up; collect() runs on the thread
//! that scrapes (the network thread), so functions may read network-thread objects.
class Registry
{
public:
    using Collect = std::function<QList<Series>()>;

    //! \a name must be a valid Prometheus metric name and unique in the registry.
    void add(const QByteArray &name, const QByteArray &help, MetricType type, Collect collect);

    void add(const QByteArray &name, const QByteArray &help, const Counter &counter);
    void add(const QByteArray &name, const QByteArray &help, const Histogram &histogram);
    void add(const QByteArray &name, const QByteArray &help, const Family<Counter> &family);
    void add(const QByteArray &name, const QByteArray &help, const Family<Histogram> &family);
    //! A gauge or counter read from elsewhere when scraped.
    void addValue(const QByteArray &name, const QByteArray &help, MetricType type,
                  std::function<double()> read);

    [[nodiscard]] QList<FamilySnapshot> collect() const;
    [[nodiscard]] bool contains(const QByteArray &name) const;

private:
    struct Entry
    {
        QByteArray name;
        QByteArray help;
        MetricType type;
        Collect collect;
    };
    QList<Entry> m_entries;
};

//! Whether \a name is a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`); label names are the same
//! without ':'.
[[nodiscard]] bool isValidMetricName(QByteArrayView name);
[[nodiscard]] bool isValidLabelName(QByteArrayView name);

} // namespace Im::Metrics
