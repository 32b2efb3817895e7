#pragma once

#include "im/result.h"

#include <QString>

namespace Im::Log {

//! Turns the configured default level and per-category rules into a filter string for
//! QLoggingCategory::setFilterRules().
//!
//! - `defaultLevel` (debug, info, warning or critical; `warn` and `error` are accepted as aliases,
//!   case-insensitive) applies to the `im.*` and `admin.*` categories and to Qt's unnamed
//!   `default` category (plain qDebug()): that level and above are enabled, below it disabled.
//! - Qt's own `qt.*` categories stay at warning unless a rule names them.
//! - `rules` is a `;`-separated list of `category=level` (whitespace around items ignored, empty
//!   items allowed). A category is a dotted name made of letters, digits, `_` and `-`, with an
//!   optional `*` wildcard at its start and/or end (`im.*`, `*.sql`, `*`). Later rules win.
//!
//! Returns a Malformed error naming the offending part for an unknown level or a bad rule.
[[nodiscard]] Result<QString> categoryFilterRules(const QString &defaultLevel,
                                                  const QString &rules);

} // namespace Im::Log
