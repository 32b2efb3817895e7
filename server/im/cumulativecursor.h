#pragma once

#include <QtGlobal>

#include <map>

namespace Im::Core {

//! A delivery cursor derived from per-message acks by the TCP / XEP-0198 rule: it advances only
//! over a contiguous run of acknowledged messages, so a push that failed or timed out keeps the
//! cursor below it even when later pushes succeed (delivery_design §2.3 rule 7). Messages are
//! tracked in increasing id order; the cursor never moves backwards and never passes a tracked
//! message that was not acknowledged.
class CumulativeCursor
{
public:
    explicit CumulativeCursor(qint64 start = 0)
        : m_value(start)
        , m_highest(start)
    { }

    //! Starts tracking \a id, which must be above everything tracked so far; returns false (and
    //! ignores it) otherwise.
    bool track(qint64 id);
    //! Records the ack of \a id; returns true when the cursor advanced.
    bool acknowledge(qint64 id);

    [[nodiscard]] qint64 value() const { return m_value; }
    //! The highest id tracked so far (the cursor's start before anything was tracked).
    [[nodiscard]] qint64 highestTracked() const { return m_highest; }
    [[nodiscard]] bool isTracked(qint64 id) const { return m_outstanding.count(id) != 0; }
    //! Messages above the cursor: unacknowledged, or acknowledged behind a hole.
    [[nodiscard]] qsizetype outstanding() const { return qsizetype(m_outstanding.size()); }

private:
    qint64 m_value;
    qint64 m_highest;
    std::map<qint64, bool> m_outstanding; //!< id -> acknowledged
};

} // namespace Im::Core
