#pragma once

#include <QString>

namespace Im::Auth {

//! The rules the desktop client enforces before it sends credentials; accounts outside them could
//! never log in from the client, so the server holds new accounts to the same rules.
//! Account: a mainland-China mobile number, `^1[3-9]\d{9}$`.
[[nodiscard]] bool isValidAccount(const QString &account);
//! Password: 6 to 16 characters from `[a-zA-Z0-9-*/+.~!@#$%^&*()]`, at least one letter and one
//! digit.
[[nodiscard]] bool isValidPassword(const QString &password);

} // namespace Im::Auth
