#include "http/httpconnection.h"

#include "http/envelope.h"
#include "http/logging.h"

#include <QTimer>

using namespace std::chrono_literals;

namespace Im::Http {

namespace {

// A request line longer than this gets the default limit (Qt refuses such lines anyway).
constexpr qsizetype maxRequestLineBytes = 8 * 1024;

// CR, LF or NUL in a header would end it early or split it: a value carrying client input could
// then inject headers (Set-Cookie) or a whole response.
bool isHeaderSafe(QByteArrayView bytes)
{
    return !bytes.contains('\r') && !bytes.contains('\n') && !bytes.contains('\0');
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, RequestSizeLimits limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(std::move(limits))
    , m_limitOfCurrentRequest(m_limits.defaultMaxBytes())
{
    // Connected before QAbstractHttpServer connects its own reader, so this sees every chunk first.
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::disconnected);
}

HttpConnection *HttpConnection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void HttpConnection::onReadyRead()
{
    if (m_rejected) {
        // Keep discarding, so a client that ignores the 413 cannot grow our buffers.
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->readAll();
        return;
    }
    const qint64 arrived = m_socket->bytesAvailable();
    if (!m_requestLineKnown)
        readRequestLine(arrived);
    m_bytesOfCurrentRequest += arrived;
    if (m_bytesOfCurrentRequest > m_limitOfCurrentRequest)
        rejectOversizedRequest();
}

void HttpConnection::readRequestLine(qint64 arrived)
{
    // Qt has not read these bytes yet (this slot runs first), so peek() sees exactly them. When a
    // pipelined request began inside an earlier chunk, the bytes are not a request line and the
    // default limit stays.
    const qint64 wanted = std::min<qint64>(arrived, maxRequestLineBytes - m_requestLine.size());
    m_requestLine += m_socket->peek(wanted);
    const qsizetype end = m_requestLine.indexOf('\n');
    if (end >= 0)
        m_limitOfCurrentRequest = m_limits.limitForRequestLine(m_requestLine.first(end));
    if (end >= 0 || m_requestLine.size() >= maxRequestLineBytes) {
        m_requestLineKnown = true;
        m_requestLine.clear();
    }
}

void HttpConnection::rejectOversizedRequest()
{
    m_rejected = true;
    qCInfo(lcHttp) << "request over" << m_limitOfCurrentRequest << "bytes from"
                   << m_socket->peerAddress().toString() << "- answered 413";
    Q_EMIT requestTooLarge();
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    const HttpResponse response =
        Envelope::failure(413, QStringLiteral("Request entity too large"));
    m_socket->write(serialize(response, true));
    m_socket->disconnectFromHost();
    // A peer that never reads our answer must not hold the socket open.
    QTimer::singleShot(5s, m_socket, [socket = QPointer(m_socket)] {
        if (socket)
            socket->abort();
    });
}

quint64 HttpConnection::beginRequest(bool closeAfterResponse)
{
    m_bytesOfCurrentRequest = 0;
    m_requestLineKnown = false;
    m_requestLine.clear();
    m_limitOfCurrentRequest = m_limits.defaultMaxBytes();
    const quint64 ticket = m_nextTicket++;
    if (closeAfterResponse)
        m_closeAfterTicket = std::min(m_closeAfterTicket, ticket);
    return ticket;
}

void HttpConnection::respond(quint64 ticket, const HttpResponse &response)
{
    if (m_rejected || ticket < m_nextToWrite)
        return;
    m_ready.insert_or_assign(ticket, response);
    flushReady();
}

void HttpConnection::closeWhenIdle()
{
    m_closeWhenIdle = true;
    if (!hasPendingResponses())
        m_socket->disconnectFromHost();
}

void HttpConnection::flushReady()
{
    for (auto it = m_ready.find(m_nextToWrite); it != m_ready.end();
         it = m_ready.find(m_nextToWrite)) {
        const bool closing = m_nextToWrite >= m_closeAfterTicket
            || (m_closeWhenIdle && m_nextToWrite + 1 == m_nextTicket);
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->write(serialize(it->second, closing));
        m_ready.erase(it);
        ++m_nextToWrite;
        if (closing) {
            m_socket->disconnectFromHost();
            m_ready.clear();
            return;
        }
    }
}

QByteArray HttpConnection::serialize(const HttpResponse &response, bool closing)
{
    QByteArray out;
    out.reserve(256 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\n";
    if (!response.contentType.isEmpty() && isHeaderSafe(response.contentType))
        out += "Content-Type: " + response.contentType + "\r\n";
    const bool bodyless = response.status == 204 || response.status == 304;
    // An explicit Content-Length is a HEAD answer's: the length of the body it leaves out.
    if (!bodyless && response.header("Content-Length").isEmpty())
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers) {
        // The last line of defence: every header built from client input is validated where it
        // is built, so a header dropped here is a bug worth a warning.
        if (!isHeaderSafe(name) || !isHeaderSafe(value)) {
            qCWarning(lcHttp) << "dropped response header" << name.left(64).toPercentEncoding()
                              << "with CR, LF or NUL in it";
            continue;
        }
        out += name + ": " + value + "\r\n";
    }
    out += closing ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!bodyless)
        out += response.body;
    return out;
}

} // namespace Im::Http
