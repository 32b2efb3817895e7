#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Im::App {

//! What the command line asks for. Settings given as options are returned as KEY -> value with
//! the same keys as the environment, so the configuration loader treats them as its top layer.
struct CommandLine
{
    enum class Action { Run, Help, Version, CheckConfig, CreateAdmin, UpgradeDryRun, Invalid };

    Action action = Action::Run;
    QMap<QString, QString> settings;
    QString configFile;
    QString adminAccount;
    QString helpText;
    QString error;

    //! Parses \a arguments (argv, program name first).
    [[nodiscard]] static CommandLine parse(const QStringList &arguments);
};

} // namespace Im::App
