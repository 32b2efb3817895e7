#pragma once

#include <QtGlobal>

#include <atomic>

namespace Im::Metrics {

//! A monotonic count. Lock-free, so database workers and the network thread may both add to it;
//! relaxed ordering is enough, as a scrape only needs each value eventually.
class Counter
{
public:
    void add(quint64 amount = 1) { m_value.fetch_add(amount, std::memory_order_relaxed); }
    [[nodiscard]] quint64 value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<quint64> m_value { 0 };
};

} // namespace Im::Metrics
