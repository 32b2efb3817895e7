#pragma once

#include "metrics/histogram.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Im::Metrics {

enum class MetricType { Counter, Gauge, Histogram };

using Labels = QList<std::pair<QByteArray, QString>>;

//! One time series of a family at scrape time: a value, or a histogram's buckets.
struct Series
{
    Labels labels;
    double value = 0;
    std::optional<Histogram::Snapshot> histogram;
};

//! What one family holds at scrape time, ready to be rendered.
struct FamilySnapshot
{
    QByteArray name;
    QByteArray help;
    MetricType type = MetricType::Gauge;
    QList<Series> series;
};

} // namespace Im::Metrics
