#include "metrics/textformat.h"

#include <charconv>
#include <cmath>

namespace Im::Metrics {

namespace {

QByteArray escaped(QByteArrayView text, bool quotes)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (quotes && c == '"')
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

const char *typeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    }
    return "untyped";
}

QByteArray labelSet(const Labels &labels, const QByteArray &extraName = {},
                    const QByteArray &extraValue = {})
{
    if (labels.isEmpty() && extraName.isEmpty())
        return {};
    QByteArray out = "{";
    const auto append = [&out](const QByteArray &name, QByteArrayView value) {
        if (out.size() > 1)
            out += ',';
        out += name + "=\"" + escaped(value, true) + '"';
    };
    for (const auto &[name, value] : labels)
        append(name, value.toUtf8());
    if (!extraName.isEmpty())
        append(extraName, extraValue);
    return out + '}';
}

void appendSample(QByteArray &out, const QByteArray &name, const QByteArray &labels, double value)
{
    out += name + labels + ' ' + formatValue(value) + '\n';
}

void appendHistogram(QByteArray &out, const QByteArray &name, const Series &series)
{
    const Histogram::Snapshot &histogram = *series.histogram;
    const QByteArray bucket = name + "_bucket";
    for (std::size_t i = 0; i < histogram.upperBounds.size(); ++i) {
        appendSample(out, bucket,
                     labelSet(series.labels, "le", formatValue(histogram.upperBounds[i])),
                     double(histogram.cumulativeCounts[i]));
    }
    appendSample(out, bucket, labelSet(series.labels, "le", "+Inf"), double(histogram.count()));
    const QByteArray labels = labelSet(series.labels);
    appendSample(out, name + "_sum", labels, histogram.sum);
    appendSample(out, name + "_count", labels, double(histogram.count()));
}

} // namespace

QByteArray formatValue(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QByteArray(buffer, result.ptr - buffer);
}

QByteArray renderTextFormat(const QList<FamilySnapshot> &families)
{
    QByteArray out;
    for (const FamilySnapshot &family : families) {
        out += "# HELP " + family.name + ' ' + escaped(family.help, false) + '\n';
        out += "# TYPE " + family.name + ' ' + typeName(family.type) + '\n';
        for (const Series &series : family.series) {
            if (series.histogram)
                appendHistogram(out, family.name, series);
            else
                appendSample(out, family.name, labelSet(series.labels), series.value);
        }
    }
    return out;
}

} // namespace Im::Metrics
