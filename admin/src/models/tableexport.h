#pragma once

#include <QByteArray>

class QSortFilterProxyModel;

namespace Im::Admin {

class JsonTableModel;

enum class ExportFormat {
    Csv, //!< RFC 4180, a header of column titles, the values as shown (UTF-8, with a BOM for Excel)
    Json, //!< an array of the rows' objects as the server sent them
};

//! The rows of \a model that \a proxy shows (filtered, in the shown order) in \a format.
[[nodiscard]] QByteArray exportRows(const JsonTableModel &model, const QSortFilterProxyModel &proxy,
                                    ExportFormat format);

} // namespace Im::Admin
