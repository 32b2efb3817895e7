#pragma once

#include <QJsonObject>
#include <QString>

namespace Im::Core {

//! A permission or a role: both have a name, a description and their dates.
struct AccessEntry
{
    int id = 0;
    QString name;
    QString description;
    QString createdAt; //!< `YYYY-MM-DD HH:mm:ss`, empty when the column is null
    QString updatedAt;

    //! `{id, name, desc, createdAt, updatedAt}`, as the original answers a created row; each date
    //! is formatted from its own column (D-15).
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace Im::Core
