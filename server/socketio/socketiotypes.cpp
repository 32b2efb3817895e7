#include "socketio/socketiotypes.h"

#include <algorithm>

namespace Im::SocketIo {

QByteArray Handshake::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void Handshake::keepOnly(const QList<QByteArray> &names)
{
    QList<std::pair<QByteArray, QByteArray>> kept;
    for (const auto &header : std::as_const(headers)) {
        const bool named = std::any_of(names.cbegin(), names.cend(), [&](const QByteArray &name) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (named)
            kept.append(header);
    }
    kept.squeeze();
    headers = std::move(kept);
    query = QUrlQuery();
}

} // namespace Im::SocketIo
