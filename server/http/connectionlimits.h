#pragma once

#include <QtGlobal>

#include <chrono>

namespace Im::Http {

//! What one HTTP connection may cost the server: the limits a client that never reads, sends
//! slowly or floats a huge head runs into (settings HTTP_*; see docs/SECURITY.md).
struct ConnectionLimits
{
    //! Request line and headers together; more is answered 431.
    qsizetype maxHeadBytes = 16 * 1024;
    //! From a request's first byte until its head is complete; then 408 and the connection closes.
    std::chrono::milliseconds headerTimeout { 15'000 };
    //! The longest pause while a body arrives; then 408.
    std::chrono::milliseconds bodyTimeout { 30'000 };
    //! A keep-alive connection with nothing to do, or whose client stopped reading its answers,
    //! is closed after this.
    std::chrono::milliseconds idleTimeout { 60'000 };
    //! Bodies larger than this go to a temporary file instead of memory.
    qint64 spoolAboveBytes = 1024 * 1024;
    //! Requests read ahead of their answers on one connection (HTTP/1.1 pipelining).
    int maxPipelined = 16;
    //! Answer bytes queued in the socket before the connection stops writing and reading.
    qint64 writeHighWater = 256 * 1024;
    //! After an answer that leaves a body unread, input is read and dropped this long before
    //! closing: closing at once would reset the connection and the client could lose the answer.
    std::chrono::milliseconds lingerTime { 2000 };
};

} // namespace Im::Http
