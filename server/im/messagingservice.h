#pragma once

#include "im/chatmessage.h"
#include "im/messagefanout.h"
#include "im/messagestore.h"
#include "im/result.h"
#include "im/sendquota.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace Im::Core {

class MessageWriter;

//! Who sends: the authenticated user (never what the payload claims), their public info for the
//! pushes, and the link they sent on (that device holds the message already).
struct Sender
{
    int userId = 0;
    QJsonObject publicInfo;
    QString linkId;
};

//! The sizes a message may have (content: setting MESSAGE_MAX_CONTENT; msgId and ext: the
//! original's columns).
struct SendLimits
{
    int maxContent = 10000; //!< characters
    int maxMsgId = 64;
    int maxExt = 255;
};

//! Sending a chat message, with its rules in one place: the sender is the authenticated user,
//! msgId, type, content and ext within their limits, a group message addressed to its group, the
//! quota; then the batched writer stores it, the sender learns the outcome after the commit, and
//! the committed message goes to the fan-out with the author's public info. Network thread.
class MessagingService : public QObject
{
    Q_OBJECT
public:
    //! The outcome of a send: Stored or Duplicate (acked with the message's id and seq), or an
    //! error whose code says why: Malformed, PermissionDenied, TooLarge, TooManyRequests, a
    //! refusal of the store's rules, Unavailable (the write path is full or the database
    //! unreachable) or Internal (the database failed).
    using SendDone = std::function<void(const Result<StoreOutcome> &)>;
    //! The outcome of a read receipt: done, or PermissionDenied, NotFound (not a message of a
    //! conversation of the reader) or Internal.
    using ReadDone = std::function<void(const Result<void> &)>;

    MessagingService(MessageWriter &writer, MessageStore &store, MessageFanOut &fanOut,
                     SendQuota &quota, SendLimits limits, QObject *parent = nullptr);

    //! Sends \a message of \a sender; \a done runs once, at once when the message breaks a rule,
    //! otherwise after its batch committed.
    void send(const Sender &sender, NewMessage message, SendDone done);

    //! \a readerId read up to \a receipt's message: the read cursor moves forward, then the peer
    //! (single chat) or the message's author (group) is told how far, unless that is the reader.
    void markRead(int readerId, const ReadReceipt &receipt, ReadDone done);

    [[nodiscard]] const SendLimits &limits() const { return m_limits; }
    //! The message types a client may send.
    [[nodiscard]] static const QStringList &messageTypes();

private:
    //! The first rule \a message of \a sender breaks, if any.
    [[nodiscard]] std::optional<Error> brokenRule(const Sender &sender,
                                                  const NewMessage &message) const;

    MessageWriter &m_writer;
    MessageStore &m_store;
    MessageFanOut &m_fanOut;
    SendQuota &m_quota;
    const SendLimits m_limits;
};

} // namespace Im::Core
