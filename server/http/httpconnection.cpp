#include "http/httpconnection.h"

#include "http/bodyspool.h"
#include "http/envelope.h"
#include "http/logging.h"
#include "http/trustedproxies.h"
#include "im/futures.h"

#include <QFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Im::Http {

namespace {

// What one read takes off the socket; Qt's own buffer is bounded by socketReadBuffer.
constexpr qint64 readChunk = 64 * 1024;
constexpr qint64 socketReadBuffer = 256 * 1024;
// Body bytes waiting for the spool file before reading pauses.
constexpr qsizetype spoolHighWater = 1024 * 1024;
// A piece of an answer's body written at once, and read from a file at once.
constexpr qint64 writeChunk = 64 * 1024;
// After a refused body: how long the rest of it is drained so the client sees the answer.

// CR, LF or NUL in a header would end it early or split it: a value carrying client input could
// then inject headers (Set-Cookie) or a whole response.
bool isHeaderSafe(QByteArrayView bytes)
{
    return !bytes.contains('\r') && !bytes.contains('\n') && !bytes.contains('\0');
}

// RFC 6455 §4.2.1: what Qt's WebSocket server would refuse only after logging a warning.
bool isWellFormedWebSocketHandshake(const HttpRequest &request)
{
    const auto key = QByteArray::fromBase64Encoding(request.header("sec-websocket-key"),
                                                    QByteArray::AbortOnBase64DecodingErrors);
    return request.method == HttpRequest::Method::Get && key && key.decoded.size() == 16
        && request.header("sec-websocket-version") == "13";
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Environment environment)
    : QObject(socket)
    , m_socket(socket)
    , m_env(std::move(environment))
    , m_parser(m_env.limits.maxHeadBytes)
{
    m_socket->setReadBufferSize(socketReadBuffer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, [this] {
        m_lastProgress.start();
        pump();
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        m_lastProgress.start();
        flushOutput();
        pump();
    });
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    m_lastProgress.start();
    updateTimer();
}

HttpConnection::~HttpConnection() = default;

HttpConnection *HttpConnection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

// --- reading ---------------------------------------------------------------------------------

void HttpConnection::pump()
{
    // respond() and the handler can call back in here; run the loop once more instead of nesting.
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        pumpOnce();
    } while (m_pumpAgain);
    m_pumping = false;
    updateTimer();
}

void HttpConnection::pumpOnce()
{
    using State = RequestParser::State;
    for (;;) {
        switch (m_phase) {
        case Phase::Closing:
            if (m_lingerOnClose)
                m_socket->skip(m_socket->bytesAvailable());
            m_input.clear();
            return;
        case Phase::Admitting:
        case Phase::Spooling:
        case Phase::Upgraded:
        case Phase::Closed:
            return;
        case Phase::Head: {
            if (m_parser.state() == State::Complete) {
                if (!mayReadNextRequest())
                    return;
                m_parser.next();
            }
            if (m_parser.state() == State::Failed) {
                refuseUnreadable();
                return;
            }
            if (!fillInput())
                return;
            if (m_parser.headBytes() == 0)
                m_headStarted.start();
            m_input.remove(0, m_parser.feed(m_input));
            if (m_parser.state() == State::HeadComplete)
                onHeadComplete();
            else if (m_parser.state() == State::Failed)
                refuseUnreadable();
            break;
        }
        case Phase::Body: {
            if (m_spool && m_spool->pendingBytes() > spoolHighWater)
                return; // BodySpool::drained() resumes
            if (!fillInput())
                return;
            m_input.remove(0, m_parser.feed(m_input));
            consumeBody(m_parser.takeBody());
            if (m_phase != Phase::Body)
                break;
            if (m_parser.state() == State::Complete)
                finishRequest();
            else if (m_parser.state() == State::Failed)
                refuseUnreadable();
            break;
        }
        }
    }
}

bool HttpConnection::fillInput()
{
    if (!m_input.isEmpty())
        return true;
    if (m_socket->bytesAvailable() <= 0)
        return false;
    // A WebSocket upgrade hands the socket over with its head unread: record the head's bytes
    // so they can be given back. Only a head that starts a read can be given back whole.
    const bool headStarts = m_phase == Phase::Head && m_parser.headBytes() == 0;
    if (headStarts && !m_socket->isTransactionStarted()) {
        m_socket->startTransaction();
        m_transactionAtRequestStart = true;
    }
    m_input = m_socket->read(readChunk);
    return !m_input.isEmpty();
}

bool HttpConnection::mayReadNextRequest() const
{
    return !m_closeAfterTicket && !m_closeWhenIdle
        && m_nextTicket - m_nextToWrite < quint64(m_env.limits.maxPipelined)
        && m_socket->bytesToWrite() < m_env.limits.writeHighWater;
}

void HttpConnection::onHeadComplete()
{
    const bool canGiveBack = m_transactionAtRequestStart && m_socket->isTransactionStarted();
    m_transactionAtRequestStart = false;
    m_current = m_parser.head();
    m_current.remoteAddress = m_env.proxies
        ? m_env.proxies->clientAddress(m_socket->peerAddress(), m_current.header("x-forwarded-for"))
        : m_socket->peerAddress();
    m_current.connection = this;

    const bool webSocket =
        m_current.header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
    // (The parser may leave the head's last byte unread in m_input; the rollback gives back
    // everything since the head began anyway.)
    std::optional<HttpResponse> upgradeRefusal;
    if (webSocket)
        upgradeRefusal = m_env.handler->refuseUpgrade(m_current);
    const bool wantedUpgrade = webSocket && !upgradeRefusal;
    if (wantedUpgrade && isWellFormedWebSocketHandshake(m_current) && canGiveBack
        && !hasPendingResponses()) {
        m_socket->rollbackTransaction();
        handOverUpgrade();
        return;
    }
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();

    m_currentTicket = m_nextTicket++;
    m_bodyBytes = 0;
    // The rest of an upgrade request's connection is another protocol: answer it, then close.
    if (!m_parser.keepAlive() || m_parser.isUpgrade())
        m_closeAfterTicket = m_currentTicket;
    if (wantedUpgrade) {
        refuse(Envelope::failure(400, u"Malformed WebSocket upgrade request"_s));
        return;
    }
    if (upgradeRefusal) {
        refuse(std::move(*upgradeRefusal));
        return;
    }
    m_currentLimit = m_env.sizes.limitForPath(m_current.path);
    const std::optional<qint64> announced = m_parser.announcedBodyLength();
    if (announced && m_parser.headBytes() + *announced > m_currentLimit) {
        qCInfo(lcHttp) << "request over" << m_currentLimit << "bytes announced by"
                       << m_current.remoteAddress.toString() << "- answered 413";
        refuse(Envelope::failure(413, u"Request entity too large"_s));
        return;
    }
    if (announced == 0) {
        startBody();
        return;
    }
    m_phase = Phase::Admitting;
    const QFuture<std::optional<HttpResponse>> decision =
        m_env.handler->admit(m_current, announced);
    if (decision.isFinished() && decision.resultCount() > 0) {
        admitted(decision.result());
        return;
    }
    whenFinished(
        decision, this,
        [this](const std::optional<HttpResponse> &refusal) {
            admitted(refusal);
            pump();
        },
        [this] {
            refuse(Envelope::internalError());
            pump();
        });
}

void HttpConnection::admitted(const std::optional<HttpResponse> &refusal)
{
    if (m_phase != Phase::Admitting)
        return;
    if (refusal) {
        refuse(*refusal);
        return;
    }
    startBody();
}

void HttpConnection::startBody()
{
    const std::optional<qint64> announced = m_parser.announcedBodyLength();
    const bool nothingBefore = m_nextToWrite == m_currentTicket && !m_outgoing;
    if (m_parser.expectsContinue() && announced != 0 && nothingBefore)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_parser.startBody();
    m_phase = Phase::Body;
    if (announced && *announced > m_env.limits.spoolAboveBytes) {
        m_spool = new BodySpool(m_env.bodyIo, this);
        connect(m_spool, &BodySpool::drained, this, &HttpConnection::pump);
    }
}

void HttpConnection::consumeBody(const QByteArray &piece)
{
    if (piece.isEmpty())
        return;
    m_bodyBytes += piece.size();
    if (m_parser.headBytes() + m_bodyBytes > m_currentLimit) {
        qCInfo(lcHttp) << "request over" << m_currentLimit << "bytes from"
                       << m_current.remoteAddress.toString() << "- answered 413";
        refuse(Envelope::failure(413, u"Request entity too large"_s));
        return;
    }
    if (!m_spool && m_current.body.size() + piece.size() > m_env.limits.spoolAboveBytes) {
        // A chunked body that turned out large: move it to disk.
        m_spool = new BodySpool(m_env.bodyIo, this);
        connect(m_spool, &BodySpool::drained, this, &HttpConnection::pump);
        m_spool->append(std::exchange(m_current.body, {}));
    }
    if (m_spool)
        m_spool->append(piece);
    else
        m_current.body += piece;
    if (m_spool && m_spool->failed())
        refuse(Envelope::failure(503, u"Cannot store the request body"_s));
}

void HttpConnection::finishRequest()
{
    if (!m_spool) {
        m_phase = Phase::Head;
        dispatch(std::exchange(m_current, {}));
        return;
    }
    if (m_spool->pendingBytes() > 0) {
        m_phase = Phase::Spooling;
        disconnect(m_spool, &BodySpool::drained, this, nullptr);
        connect(m_spool, &BodySpool::drained, this, [this] {
            if (m_phase == Phase::Spooling && m_spool->pendingBytes() == 0)
                finishRequest();
            pump();
        });
        return;
    }
    BodySpool::Mapped mapped = m_spool->map();
    const bool ok = mapped.owner != nullptr;
    m_spool->deleteLater();
    m_spool = nullptr;
    if (!ok) {
        refuse(Envelope::failure(503, u"Cannot store the request body"_s));
        return;
    }
    m_current.body = mapped.bytes;
    m_current.bodyOwner = std::move(mapped.owner);
    m_phase = Phase::Head;
    dispatch(std::exchange(m_current, {}));
}

void HttpConnection::dispatch(HttpRequest request)
{
    const quint64 ticket = m_currentTicket;
    if (m_closeAfterTicket == ticket)
        m_phase = Phase::Closing;
    m_env.handler->handle(*this, request, ticket);
}

void HttpConnection::refuse(HttpResponse response)
{
    // The body (or the rest of it) stays unread: answer, then close without reading on.
    m_closeAfterTicket = std::min(m_closeAfterTicket.value_or(m_currentTicket), m_currentTicket);
    m_lingerOnClose = m_parser.state() != RequestParser::State::Complete;
    m_phase = Phase::Closing;
    if (m_spool) {
        m_spool->deleteLater();
        m_spool = nullptr;
    }
    m_env.handler->answer(*this, std::exchange(m_current, {}), m_currentTicket,
                          std::move(response));
}

void HttpConnection::refuseUnreadable()
{
    const RequestParseError error = m_parser.error();
    if (m_parser.headBytes() == 0 && m_input.isEmpty() && m_parser.head().methodToken.isEmpty()) {
        // Nothing of a new request arrived: this is the end after `Connection: close`.
        m_phase = Phase::Closing;
        closeAfterLastAnswer();
        return;
    }
    HttpRequest request = m_parser.head();
    request.remoteAddress = m_socket->peerAddress();
    if (m_phase == Phase::Head)
        m_currentTicket = m_nextTicket++;
    m_closeAfterTicket = m_currentTicket;
    m_lingerOnClose = true;
    m_phase = Phase::Closing;
    qCInfo(lcHttp) << "unreadable request from" << request.remoteAddress.toString() << "-"
                   << error.status << error.message;
    if (error.status == 405 && !request.path.isEmpty()) {
        // An unknown method on a known path: the router names it and lists the allowed ones.
        m_env.handler->handle(*this, request, m_currentTicket);
        return;
    }
    m_env.handler->answer(*this, request, m_currentTicket,
                          Envelope::failure(error.status, error.message));
}

void HttpConnection::handOverUpgrade()
{
    m_phase = Phase::Upgraded;
    m_timer.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    QTcpSocket *socket = m_socket;
    // WebSocket frames may be larger than an HTTP read chunk; their limits are the WebSocket's.
    socket->setReadBufferSize(0);
    setParent(nullptr);
    deleteLater();
    m_env.handler->upgrade(socket, m_current);
}

// --- writing ---------------------------------------------------------------------------------

void HttpConnection::respond(quint64 ticket, const HttpResponse &response)
{
    if (m_phase == Phase::Closed || m_phase == Phase::Upgraded || ticket < m_nextToWrite)
        return;
    m_ready.insert_or_assign(ticket, response);
    flushOutput();
    pump();
}

void HttpConnection::flushOutput()
{
    if (m_phase == Phase::Closed || m_phase == Phase::Upgraded)
        return;
    for (;;) {
        if (m_outgoing) {
            Outgoing &out = *m_outgoing;
            const qint64 size = out.response.bodySize();
            if (out.response.file) {
                if (out.written < size) {
                    if (!out.readPending && m_socket->bytesToWrite() < m_env.limits.writeHighWater)
                        writeFileChunk();
                    return;
                }
            } else {
                while (out.written < size
                       && m_socket->bytesToWrite() < m_env.limits.writeHighWater) {
                    const qint64 piece = std::min(writeChunk, size - out.written);
                    m_socket->write(out.response.body.constData() + out.written, piece);
                    out.written += piece;
                }
                if (out.written < size)
                    return;
            }
            if (finishOutgoing())
                return;
            continue;
        }
        if (m_socket->bytesToWrite() >= m_env.limits.writeHighWater)
            return;
        const auto next = m_ready.find(m_nextToWrite);
        if (next == m_ready.end())
            return;
        const bool closing = (m_closeAfterTicket && m_nextToWrite >= *m_closeAfterTicket)
            || (m_closeWhenIdle && m_nextToWrite + 1 == m_nextTicket);
        Outgoing out { std::move(next->second), 0, nullptr, false, closing };
        m_ready.erase(next);
        if (out.response.status == 204 || out.response.status == 304) {
            out.response.body.clear();
            out.response.file.reset();
        }
        m_socket->write(serializeHead(out.response, closing));
        m_outgoing = std::move(out);
    }
}

void HttpConnection::writeFileChunk()
{
    Outgoing &out = *m_outgoing;
    const HttpResponse::FileBody body = *out.response.file;
    if (!out.file)
        out.file = std::make_shared<QFile>(body.path);
    out.readPending = true;
    const qint64 at = body.offset + out.written;
    const qint64 length = std::min(writeChunk * 4, body.length - out.written);
    QFuture<QByteArray> chunk = QtConcurrent::run(m_env.bodyIo, [file = out.file, at, length] {
        if (!file->isOpen() && !file->open(QIODevice::ReadOnly))
            return QByteArray();
        if (!file->seek(at))
            return QByteArray();
        return file->read(length);
    });
    whenFinished(chunk, this, [this](const QByteArray &bytes) {
        if (!m_outgoing || m_phase == Phase::Closed)
            return;
        m_outgoing->readPending = false;
        if (bytes.isEmpty()) {
            // The file shrank or vanished under us: the promised length cannot be kept.
            qCWarning(lcHttp) << "file being sent became unreadable; connection closed";
            m_socket->abort();
            return;
        }
        m_socket->write(bytes);
        m_outgoing->written += bytes.size();
        flushOutput();
        pump();
    });
}

bool HttpConnection::finishOutgoing()
{
    const bool closing = m_outgoing->closing;
    m_outgoing.reset();
    ++m_nextToWrite;
    if (closing) {
        m_ready.clear();
        m_phase = Phase::Closing;
        closeAfterLastAnswer();
    }
    return closing;
}

void HttpConnection::closeAfterLastAnswer()
{
    if (!m_lingerOnClose) {
        m_socket->disconnectFromHost();
        return;
    }
    // Unread body bytes may still arrive: closing now would make the kernel reset the
    // connection, and the client could lose the answer. Half-close once the answer is out, then
    // drain what comes for a little while.
    auto halfClose = [this] {
        if (m_socket->bytesToWrite() > 0)
            return;
        disconnect(m_socket, &QTcpSocket::bytesWritten, this, nullptr);
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    };
    connect(m_socket, &QTcpSocket::bytesWritten, this, halfClose);
    halfClose();
    QTimer::singleShot(m_env.limits.lingerTime, m_socket, [socket = QPointer(m_socket)] {
        if (socket)
            socket->abort();
    });
}

void HttpConnection::closeWhenIdle()
{
    m_closeWhenIdle = true;
    if (!hasPendingResponses() && !m_outgoing) {
        m_phase = Phase::Closing;
        m_socket->disconnectFromHost();
    }
}

QByteArray HttpConnection::serializeHead(const HttpResponse &response, bool closing)
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\n";
    if (!response.contentType.isEmpty() && isHeaderSafe(response.contentType))
        out += "Content-Type: " + response.contentType + "\r\n";
    const bool bodyless = response.status == 204 || response.status == 304;
    // An explicit Content-Length is a HEAD answer's: the length of the body it leaves out.
    if (!bodyless && response.header("Content-Length").isEmpty())
        out += "Content-Length: " + QByteArray::number(response.bodySize()) + "\r\n";
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
    return out;
}

// --- time limits -----------------------------------------------------------------------------

std::optional<std::chrono::milliseconds> HttpConnection::timeLeft() const
{
    using std::chrono::milliseconds;
    const ConnectionLimits &limits = m_env.limits;
    if (m_phase == Phase::Closed || m_phase == Phase::Upgraded)
        return std::nullopt;
    if (isWriting())
        return limits.idleTimeout - milliseconds(m_lastProgress.elapsed());
    if (m_phase == Phase::Body)
        return limits.bodyTimeout - milliseconds(m_lastProgress.elapsed());
    if (isHeadUnderway())
        return limits.headerTimeout - milliseconds(m_headStarted.elapsed());
    // Otherwise the server is at work (a held long-poll, a database job), or it is idle.
    if (m_phase != Phase::Head || hasPendingResponses())
        return std::nullopt;
    return limits.idleTimeout - milliseconds(m_lastProgress.elapsed());
}

bool HttpConnection::isWriting() const
{
    return m_socket->bytesToWrite() > 0 || m_outgoing.has_value();
}

bool HttpConnection::isHeadUnderway() const
{
    return m_phase == Phase::Head && (m_parser.headBytes() > 0 || !m_input.isEmpty());
}

void HttpConnection::updateTimer()
{
    const auto left = timeLeft();
    if (!left)
        m_timer.stop();
    else
        m_timer.start(std::max(*left, std::chrono::milliseconds(0)));
}

void HttpConnection::onTimeout()
{
    const auto left = timeLeft();
    if (!left)
        return;
    if (*left > std::chrono::milliseconds(0)) {
        m_timer.start(*left); // progress was made since the timer was set
        return;
    }
    const QString peer = m_socket->peerAddress().toString();
    if (isWriting()) {
        qCInfo(lcHttp) << "client" << peer << "stopped reading its answers; connection closed";
        m_socket->abort();
    } else if (m_phase == Phase::Body || isHeadUnderway()) {
        qCInfo(lcHttp) << "request from" << peer << "took too long; answered 408";
        if (m_phase == Phase::Head) {
            m_currentTicket = m_nextTicket++;
            m_current = m_parser.head();
            m_current.remoteAddress = m_socket->peerAddress();
        }
        refuse(Envelope::failure(408, u"Request timeout"_s));
        updateTimer();
    } else {
        m_phase = Phase::Closing;
        m_socket->disconnectFromHost();
    }
}

void HttpConnection::onDisconnected()
{
    m_phase = Phase::Closed;
    m_timer.stop();
    m_ready.clear();
    m_outgoing.reset();
    Q_EMIT disconnected();
    m_socket->deleteLater();
}

} // namespace Im::Http
