#pragma once

#include "config/serverconfig.h"

#include <QMap>
#include <QString>

#include <optional>

namespace Im::Config {

//! The database backend the settings ask for, and why. The original server had no DB_DRIVER and
//! only spoke MariaDB, so its DB_* settings choose MariaDB when DB_DRIVER is not set; settings that
//! ask for both backends are a conflict rather than a silent pick.
struct DriverChoice
{
    DatabaseDriver driver = DatabaseDriver::Sqlite;
    //! One sentence for --check-config and the start-up log (keys and where they were set, never
    //! values).
    QString reason;
    //! Non-empty when the settings contradict each other: which keys, where, and what to do.
    QString conflict;
};

//! \a given: every setting with a non-empty value, key -> where it was set (`environment`,
//! `<file>:<line>`, `command line`); \a requested: DB_DRIVER's value when it is among them.
[[nodiscard]] DriverChoice chooseDatabaseDriver(const QMap<QString, QString> &given,
                                                std::optional<DatabaseDriver> requested);

} // namespace Im::Config
