#pragma once

#include "config/serverconfig.h"

#include <QString>

#include <cstdio>

namespace Im::App {

//! `im-server --create-admin ACCOUNT`: reads the password from \a input (one line, never echoed to
//! a terminal, never logged), prepares the database like a start would, and creates the account
//! with the admin role, or gives an existing account that role and the new password. Runs before
//! any event loop, so it may block. Returns the process exit code.
int runCreateAdmin(const Config::ServerConfig &config, const QString &account, FILE *input);

} // namespace Im::App
