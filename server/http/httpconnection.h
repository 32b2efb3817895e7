#pragma once

#include "http/httpresponse.h"
#include "http/requestsizelimits.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <map>

namespace Im::Http {

//! The front door's state of one TCP connection, owned by (a child of) its socket, so it dies with
//! it and a late answer finds a null QPointer instead of a dangling socket.
//!
//! It writes answers itself, in request order (HTTP/1.1 pipelining): a request's answer waits until
//! every earlier one on the connection has been written. It also bounds what a client may send:
//! the bytes of one request are counted as they arrive, before Qt buffers them, and a request past
//! the limit gets 413 and the connection is closed while the rest is discarded. The limit is the
//! one of the request's path (uploads may be larger), read from its request line.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, RequestSizeLimits limits);

    //! The connection object of \a socket, or nullptr.
    [[nodiscard]] static HttpConnection *of(QTcpSocket *socket);

    //! Called for each complete request in arrival order; returns its ticket for respond().
    quint64 beginRequest(bool closeAfterResponse);
    //! Sends \a response for ticket \a ticket as soon as all earlier tickets are answered.
    void respond(quint64 ticket, const HttpResponse &response);

    [[nodiscard]] bool hasPendingResponses() const { return m_nextToWrite != m_nextTicket; }
    //! Closes the connection now if it is idle, or after its last pending answer.
    void closeWhenIdle();

    [[nodiscard]] static QByteArray serialize(const HttpResponse &response, bool closing);

Q_SIGNALS:
    void requestTooLarge();
    //! The client closed the connection or it broke; pending answers will be dropped.
    void disconnected();

private:
    void onReadyRead();
    //! Collects the current request's first line from \a arrived bytes and, once complete,
    //! picks the request's limit.
    void readRequestLine(qint64 arrived);
    void rejectOversizedRequest();
    void flushReady();

    QTcpSocket *m_socket;
    RequestSizeLimits m_limits;
    qint64 m_limitOfCurrentRequest;
    qint64 m_bytesOfCurrentRequest = 0;
    QByteArray m_requestLine; //!< the current request's first bytes until its first line is known
    bool m_requestLineKnown = false;
    bool m_rejected = false;
    bool m_closeWhenIdle = false;
    quint64 m_nextTicket = 0;
    quint64 m_nextToWrite = 0;
    quint64 m_closeAfterTicket = ~quint64(0);
    std::map<quint64, HttpResponse> m_ready;
};

} // namespace Im::Http
