#pragma once

#include "metrics/histogram.h"

namespace Im::Core {

//! The delivery path's latency histograms, in seconds, shared by every channel of a hub. "Send" is
//! when a committed message reached a live channel (right after its commit); messages read from
//! the database while a channel catches up carry no send time and count only in pushToAck.
struct DeliveryLatency
{
    Metrics::Histogram pushToAck { Metrics::Buckets::latencySeconds() }; //!< push → ack 200
    Metrics::Histogram sendToPush { Metrics::Buckets::latencySeconds() }; //!< first push only
    Metrics::Histogram sendToAck { Metrics::Buckets::latencySeconds() }; //!< retries included
};

} // namespace Im::Core
