#pragma once

#include "config/serverconfig.h"

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <span>

namespace Im::Config {

//! One configurable setting. The table of these is the single source of truth: the loader, the
//! --help text and the README table are all generated from it, so they cannot drift apart.
struct SettingDescriptor
{
    //! The environment-variable name, also used in config files and as the command-line key.
    QLatin1StringView key;
    //! One line, for --help and the README.
    QLatin1StringView description;
    //! The default as shown in documentation; a literal value unless it starts with '(' or '<'.
    QLatin1StringView defaultText;
    //! The value must never be echoed (logs, problem messages, admin views).
    bool secret = false;
    //! Parses `value` into this setting's field of `config`. Returns an empty string on success;
    //! otherwise a short reason (without the value) and leaves `config` untouched.
    QString (*apply)(ServerConfig &config, QStringView value) = nullptr;
    //! Non-empty for a setting the original server had but im-server does not use (yet): why.
    //! Setting one is not an error (an existing .env works unchanged); start-up lists it.
    QLatin1StringView unusedBecause {};
};

//! Every setting, in documentation order.
[[nodiscard]] std::span<const SettingDescriptor> settingDescriptors();

//! The descriptor for `key` (exact, case-sensitive match), or nullptr for an unknown key.
[[nodiscard]] const SettingDescriptor *findSetting(QStringView key);

//! A plain-text table of all settings (key, default, meaning) for --help.
[[nodiscard]] QString settingsHelpText();

//! A markdown table `| key | default | meaning |` of all settings, for the README.
[[nodiscard]] QString settingsMarkdownTable();

} // namespace Im::Config
