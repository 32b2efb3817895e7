#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Im::Admin {

//! What im-admin's command line asks for. Without options the console opens its connect dialog;
//! `--server` and `--account` with `--password-stdin` connect at once (the password is read from
//! standard input so that it never shows in a process list). Parsed before any QApplication
//! exists, so that --help, --version and a refused option need no display.
struct StartupOptions
{
    QUrl server;
    QString account;
    bool passwordFromStdin = false;
    QString view; //!< overview, sessions, queues or cursors
    QString language; //!< en or zh_CN; empty: the remembered choice or the system locale
    QString error; //!< why the arguments were refused; empty when they were accepted
    //! What --help or --version asks to print on standard output (then exit, opening no
    //! window); empty otherwise.
    QString helpOrVersionText;

    [[nodiscard]] bool connectsAtStart() const { return server.isValid() && !account.isEmpty(); }

    //! Parses \a arguments (argv, program name first). Needs no QCoreApplication: the
    //! application's name and version are taken from QCoreApplication's static setters.
    //! Qt's own options (-platform, -style...) are accepted and ignored, as QApplication takes
    //! them out of argv later.
    [[nodiscard]] static StartupOptions parse(const QStringList &arguments);
    //! The same on main()'s raw \a argv.
    [[nodiscard]] static StartupOptions parse(int argc, const char *const *argv);
};

} // namespace Im::Admin
