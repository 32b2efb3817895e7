#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace Im::Admin {

//! When a live figure turns amber or red: at or above each limit (a limit of 0 is off).
struct Limits
{
    double amber = 0;
    double red = 0;

    enum class Level { Normal, Amber, Red };
    [[nodiscard]] Level levelOf(double value) const
    {
        if (red > 0 && value >= red)
            return Level::Red;
        if (amber > 0 && value >= amber)
            return Level::Amber;
        return Level::Normal;
    }
    friend bool operator==(const Limits &, const Limits &) = default;
};

//! The operator's limits for the live figures, remembered per server in QSettings
//! (`limits/<host:port>/<field>/amber|red`); fields without saved limits use the defaults.
class ThresholdStore
{
public:
    //! The console's defaults (latencies in ms, rates per second).
    [[nodiscard]] static QHash<QString, Limits> defaults();

    //! The limits for \a server (its QUrl authority, host:port).
    [[nodiscard]] static QHash<QString, Limits> load(const QString &server);
    static void save(const QString &server, const QString &field, const Limits &limits);
};

} // namespace Im::Admin
