#include "store/sqllists.h"

#include <bit>

namespace Im::Store {

qsizetype paddedLength(qsizetype length)
{
    return qsizetype(std::bit_ceil(quint64(std::max<qsizetype>(1, length))));
}

QString repeated(QStringView item, qsizetype count, QStringView separator)
{
    QString text;
    text.reserve(count * (item.size() + separator.size()));
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            text += separator;
        text += item;
    }
    return text;
}

QVariantList paddedValues(const QVariantList &values, qsizetype width)
{
    Q_ASSERT(width > 0 && !values.isEmpty() && values.size() % width == 0);
    const qsizetype entries = values.size() / width;
    QVariantList padded = values;
    padded.reserve(paddedLength(entries) * width);
    const QVariantList last = values.mid(values.size() - width);
    for (qsizetype i = entries; i < paddedLength(entries); ++i)
        padded += last;
    return padded;
}

QList<qsizetype> powerOfTwoChunks(qsizetype rows)
{
    QList<qsizetype> chunks;
    for (qsizetype bit = qsizetype(std::bit_floor(quint64(std::max<qsizetype>(0, rows)))); bit > 0;
         bit >>= 1) {
        if (rows & bit)
            chunks.append(bit);
    }
    return chunks;
}

} // namespace Im::Store
