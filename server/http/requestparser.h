#pragma once

#include "http/httprequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace Im::Http {

//! Why a request could not be read, as the answer it gets before the connection is closed.
struct RequestParseError
{
    int status = 400; //!< 400, 405 (unknown method), 431, 501 (transfer coding) or 505
    QString message;
};

//! Reads HTTP/1.1 requests from a byte stream with Node's http-parser (libhttp-parser): the
//! request line and headers into an HttpRequest, then the (de-chunked) body in pieces. It stops
//! after each head and after each complete request, so the connection decides between them (route,
//! authenticate and size-check before any body byte is read; one request at a time).
//!
//! Stricter than the library alone: the head has a size cap (431), the version must be HTTP/1.x
//! (505), the target must be an origin-form path (or `*` for OPTIONS), and a method the library
//! does not know is reported with its real name (405).
class RequestParser
{
public:
    enum class State {
        Head, //!< reading a request line and headers
        HeadComplete, //!< head() is ready; call startBody() to read on
        Body, //!< reading the body; takeBody() hands over what arrived
        Complete, //!< the request ended; call next() for the next one
        Failed, //!< error() says why; the connection cannot be read any further
    };

    explicit RequestParser(qsizetype maxHeadBytes);
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    //! Reads from \a data as far as the current state allows; returns how many bytes were used.
    //! The rest must be fed again (with what arrives after it) once the state moved on.
    qsizetype feed(QByteArrayView data);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const HttpRequest &head() const { return m_head; }
    [[nodiscard]] const RequestParseError &error() const { return m_error; }

    //! The body length the head announced: nullopt when chunked, 0 when there is none.
    [[nodiscard]] std::optional<qint64> announcedBodyLength() const;
    [[nodiscard]] bool keepAlive() const { return m_keepAlive; }
    [[nodiscard]] bool expectsContinue() const;
    //! True when the request asks for a protocol upgrade (its body is not HTTP any more).
    [[nodiscard]] bool isUpgrade() const;
    //! Bytes of the current head read so far.
    [[nodiscard]] qsizetype headBytes() const { return m_headBytes; }

    //! HeadComplete → Body. The library stops on the head's last byte, so feed() always has at
    //! least that byte to read next; a request without a body is Complete after it.
    void startBody();
    //! The body bytes read since the last call.
    [[nodiscard]] QByteArray takeBody();
    //! Complete → Head: the next request on the connection.
    void next();

private:
    struct Callbacks;

    void fail(int status, const QString &message);
    void failFromLibrary();
    qsizetype readRefusedRequestLine(QByteArrayView data);
    void decideRefusedMethod();
    void completeHead();
    void flushHeader();

    struct Library;
    std::unique_ptr<Library> m_library;
    qsizetype m_maxHeadBytes;
    State m_state = State::Head;
    qsizetype m_headBytes = 0;
    QByteArray m_firstBytes; //!< the head's first bytes, to name a method the library refused
    QByteArray m_target;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_methodRefused = false; //!< reading the rest of a line the library refused
    bool m_keepAlive = true;
    bool m_bodyEnded = false;
    HttpRequest m_head;
    QByteArray m_body;
    RequestParseError m_error;
};

} // namespace Im::Http
