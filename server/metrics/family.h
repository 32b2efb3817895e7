#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

namespace Im::Metrics {

//! One metric per combination of label values (`route`, `status`...). Looking a child up takes a
//! mutex (uncontended in practice: the network thread does it); the child itself is lock-free and
//! never moves, so a caller may keep the reference for label sets it uses all the time.
template<typename Metric>
class Family
{
public:
    using Factory = std::function<std::unique_ptr<Metric>()>;

    explicit Family(
        QList<QByteArray> labelNames, Factory make = [] { return std::make_unique<Metric>(); })
        : m_labelNames(std::move(labelNames))
        , m_make(std::move(make))
    { }

    [[nodiscard]] const QList<QByteArray> &labelNames() const { return m_labelNames; }

    //! The child for \a values (one per label name, in order), created on first use.
    Metric &with(const QStringList &values)
    {
        Q_ASSERT(values.size() == m_labelNames.size());
        QMutexLocker lock(&m_mutex);
        auto found = m_children.find(values);
        if (found == m_children.end())
            found = m_children.emplace(values, m_make()).first;
        return *found->second;
    }

    //! Calls \a visit for every child, ordered by label values (a stable exposition).
    void forEach(const std::function<void(const QStringList &, const Metric &)> &visit) const
    {
        QMutexLocker lock(&m_mutex);
        for (const auto &[values, metric] : m_children)
            visit(values, *metric);
    }

private:
    struct Less
    {
        bool operator()(const QStringList &a, const QStringList &b) const
        {
            return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
        }
    };

    const QList<QByteArray> m_labelNames;
    const Factory m_make;
    mutable QMutex m_mutex;
    std::map<QStringList, std::unique_ptr<Metric>, Less> m_children;
};

} // namespace Im::Metrics
