#pragma once

#include <QString>
#include <QVariantList>

namespace Im::Store {

//! Statements over a list of values (`IN (?, ?, …)`, multi-row `VALUES`) have one text per list
//! length. Padding each list up to a power of two keeps the texts, and so the prepared statements
//! of a connection, to a handful (1, 2, 4, … 256 for a batch of 256).
[[nodiscard]] qsizetype paddedLength(qsizetype length);

//! \a count copies of \a item joined by \a separator: `repeated("?", 3, ", ")` is `?, ?, ?`.
[[nodiscard]] QString repeated(QStringView item, qsizetype count, QStringView separator);

//! \a values (one list entry of \a width values each) padded to paddedLength() entries by
//! repeating the last entry, which changes no `IN` or `OR` result. \a values must not be empty.
[[nodiscard]] QVariantList paddedValues(const QVariantList &values, qsizetype width = 1);

//! How a multi-row statement of \a rows rows is split into chunks whose lengths are powers of two
//! (largest first), so its texts stay few without padding (which would insert rows twice).
[[nodiscard]] QList<qsizetype> powerOfTwoChunks(qsizetype rows);

} // namespace Im::Store
