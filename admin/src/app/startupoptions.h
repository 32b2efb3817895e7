#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Im::Admin {

//! What im-admin's command line asks for. Without options the console opens its connect dialog;
//! `--server` and `--account` with `--password-stdin` connect at once (the password is read from
//! standard input so that it never shows in a process list).
struct StartupOptions
{
    QUrl server;
    QString account;
    bool passwordFromStdin = false;
    QString view; //!< overview, sessions, queues or cursors
    QString language; //!< en or zh_CN; empty: the remembered choice or the system locale
    QString error; //!< why the arguments were refused; empty when they were accepted

    [[nodiscard]] bool connectsAtStart() const { return server.isValid() && !account.isEmpty(); }

    //! Parses \a arguments (argv, program name first); --help and --version exit the process.
    [[nodiscard]] static StartupOptions parse(const QStringList &arguments);
};

} // namespace Im::Admin
