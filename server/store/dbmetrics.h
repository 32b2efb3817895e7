#pragma once

#include "metrics/counter.h"
#include "metrics/histogram.h"

namespace Im::Store {

//! The executor's figures for Prometheus. Updated by the worker threads, hence lock-free.
struct DbMetrics
{
    //! Seconds a job waited in the queue for a free worker (the pool's wait).
    Metrics::Histogram poolWait { Metrics::Buckets::latencySeconds() };
    //! Connections that could not be opened or were found dead during a job.
    Metrics::Counter connectionErrors;
    //! Statements the database refused for another reason than a duplicate key.
    Metrics::Counter statementErrors;
};

} // namespace Im::Store
