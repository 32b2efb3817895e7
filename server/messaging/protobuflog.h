#pragma once

namespace Im::Messaging {

//! Routes libprotobuf's own log (the ERROR line it prints to stderr for every message that misses
//! a required field, and its warnings) through Qt logging, category "im.protobuf", so those lines
//! reach our log file, its format and its rotation. At most \a maxLinesPerMinute lines are logged
//! per minute (0: none); the rest are counted and reported in one line when the next minute's
//! first line comes. Safe to call again (the latest limit wins); the handler may run on any thread.
//! A protobuf FATAL is logged as critical before libprotobuf aborts, whatever the limit.
void installProtobufLogHandler(int maxLinesPerMinute);

} // namespace Im::Messaging
