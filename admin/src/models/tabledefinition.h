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
    //! Hidden until the operator shows it (header context menu): ids the details pane still lists,
    //! so the main columns fit a 1280-pixel screen without scrolling.
    bool hiddenByDefault = false;
    //! Shown for a null or missing value ("never" for a last ack that never came); marked like
    //! title. Null: nothing shown.
    const char *missingText = nullptr;

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
[[nodiscard]] TableDefinition stuckDevices(); //!< GET /admin/cursors/stuck `devices`
} // namespace Tables

} // namespace Im::Admin
