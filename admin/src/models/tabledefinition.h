#pragma once

#include "models/valueformat.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Im::Admin {

//! One column of a JsonTableModel: the JSON field it shows, its title and how it is formatted.
struct Column
{
    QString field;
    //! Marked with QT_TRANSLATE_NOOP("Im::Admin::Columns", ...) and translated when shown.
    const char *title = "";
    ValueFormat format = ValueFormat::Text;

    [[nodiscard]] QString translatedTitle() const;
};

//! The columns of one table and the fields that identify a row (so a refresh can update rows in
//! place instead of resetting the model).
struct TableDefinition
{
    QList<Column> columns;
    QStringList keyFields;

    //! The column that shows \a field, or nullptr.
    [[nodiscard]] const Column *columnFor(const QString &field) const;
    //! The index of the column that shows \a field, or -1.
    [[nodiscard]] int columnIndex(const QString &field) const;
};

//! The console's tables over the admin API (see docs in the server's OpenAPI document).
namespace Tables {
[[nodiscard]] TableDefinition sessions(); //!< GET /admin/sessions
[[nodiscard]] TableDefinition queueUsers(); //!< GET /admin/queues `users`
[[nodiscard]] TableDefinition cursorRows(); //!< GET /admin/users/:id/cursors `rows`
[[nodiscard]] TableDefinition laggingDevices(); //!< GET /admin/cursors/lagging
} // namespace Tables

} // namespace Im::Admin
