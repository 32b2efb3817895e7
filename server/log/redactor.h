#pragma once

#include <QString>

namespace Im::Log {

//! Masks secrets in a log message with `***`: defence in depth, so that no token, password or
//! key reaches a log even when a caller slips. Masked are
//! - the value of a key that is, or ends in, `authorization`, `token`, `pwd`, `password`,
//!   `passwd`, `secret`, `secret_key` or `_pass` (so also `accessToken`, `DB_PASS`, `REDIS_PWD`,
//!   `SECRET_KEY`), or is `pass`; keys are case-insensitive; in the forms `key: value`,
//!   `key=value`, JSON `"key":"value"` (also with a number value or escaped quotes) and quoted
//!   `key='value'`; an `Authorization: Bearer x` value is masked whole;
//! - JWT-looking strings (three base64url segments joined by dots, the first starting `eyJ`);
//! - the password of a URL `scheme://user:password@host`.
//! A message with none of the trigger words is returned unchanged after a few substring scans,
//! without running any regular expression. Thread-safe.
[[nodiscard]] QString redactSecrets(QString message);

} // namespace Im::Log
