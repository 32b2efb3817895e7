#pragma once

#include <QByteArray>
#include <QObject>

#include <chrono>
#include <functional>
#include <optional>

namespace Im::Core {

//! How one push to a device ended.
struct PushOutcome
{
    enum class Kind {
        Answered, //!< the device acked; `status` is what it answered (200 when it holds it)
        TimedOut,
        Disconnected, //!< the link went before an answer
    };
    Kind kind = Kind::Disconnected;
    std::optional<qint64> status; //!< Answered: the ack's status, empty when unreadable

    [[nodiscard]] bool isDelivered() const { return kind == Kind::Answered && status == 200; }
};

//! The messaging domain's view of one connected device: it can be pushed to, with an ack, told of
//! read receipts, closed, and it can be saturated (its client does not read), in which case the
//! domain waits until its observer hears that it drained. The realtime layer implements it on a
//! Socket.IO socket. Network thread.
class DeviceLink : public QObject
{
    Q_OBJECT
public:
    using AckHandler = std::function<void(const PushOutcome &)>;

    //! The one that delivers over the link (its delivery channel). Told by calls, not signals:
    //! every connection costs every session memory.
    class Observer
    {
    public:
        //! The link was saturated and takes pushes again.
        virtual void linkDrained() = 0;
        //! The link disconnected, or is being destroyed without having disconnected; told once.
        virtual void linkEnded() = 0;

    protected:
        ~Observer() = default;
    };

    using QObject::QObject;
    //! Tells the observer that the link ended, unless it was told already.
    ~DeviceLink() override;

    //! \a observer (nullptr for none) hears what follows; it must unset itself before it goes.
    void setObserver(Observer *observer) { m_observer = observer; }

    //! The link's id (the socket's id): tells the sending device apart from the others.
    [[nodiscard]] virtual QString linkId() const = 0;
    [[nodiscard]] virtual bool isConnected() const = 0;
    //! Its send buffer is over the cap: nothing more should be pushed until it drains.
    [[nodiscard]] virtual bool isSaturated() const = 0;
    //! Pushes one chat message; \a onAck runs once, on this thread, unless this link is destroyed
    //! first.
    virtual void push(const QByteArray &payload, std::chrono::milliseconds timeout,
                      AckHandler onAck) = 0;
    //! Tells the device how far someone read (\a payload: the encoded receipt); best effort, no
    //! ack awaited.
    virtual void pushReadReceipt(const QByteArray &payload) = 0;
    //! Ends the connection; the client reconnects (and the device is attached again).
    virtual void close() = 0;

protected:
    //! For implementations: the link takes pushes again.
    void reportDrained();
    //! For implementations: the link disconnected (the observer hears it once).
    void reportDisconnected();

private:
    Observer *m_observer = nullptr;
};

} // namespace Im::Core
