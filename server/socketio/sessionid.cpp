#include "socketio/sessionid.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace Im::SocketIo {

QString randomSessionId()
{
    QByteArray bytes(15, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace Im::SocketIo
