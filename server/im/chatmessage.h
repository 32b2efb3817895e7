#pragma once

#include "im/error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

namespace Im::Core {

//! A chat message as the client sent it, after the edge checked sizes and the sender's identity.
struct NewMessage
{
    QString msgId;
    int sender = 0;
    int groupId = 0; //!< 0: single chat with `receiver`
    int receiver = 0; //!< a user, or the group for group messages
    QString type;
    QString content;
    qint64 timer = 0;
    QVariant ext; //!< null or text
};

//! A stored message with what a push carries: its id, its seq in the conversation and the
//! author's public user info.
struct StoredMessage
{
    qint64 id = 0;
    qint64 seq = 0;
    int conversationId = 0;
    QString msgId;
    int sender = 0;
    int groupId = 0;
    int receiver = 0;
    QString type;
    QString content;
    qint64 timer = 0;
    QVariant ext;
    QJsonObject senderInfo; //!< UserPublic of the author; empty until joined

    //! `{id, seq, msgId, type, sender, groupId, receiver, content, timer, ext, senderInfo}`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! What storing one message ended with.
struct StoreOutcome
{
    enum class Kind {
        Stored, //!< committed now; push it to `recipients`
        Duplicate, //!< the sender retried a stored msgId: ack again, push nothing
        Refused, //!< not allowed or not possible: ack with `refusal`
    };
    Kind kind = Kind::Refused;
    StoredMessage message;
    QList<int> recipients; //!< Stored: every user whose devices get it, the sender included
    Error refusal;
};

//! The rules a message store applies to every send.
struct SendRules
{
    bool requireFriendship = true; //!< single chat only between friends
};

//! Which conversation: a peer user (single chat) or a group.
struct ConversationRef
{
    int peer = 0;
    int groupId = 0;
    [[nodiscard]] bool isGroup() const { return groupId != 0; }
};

//! A read receipt as the client sends it and its peer (or the author) receives it: `sender` read
//! the conversation with `receiver` (single chat) or the group `groupId` up to message `id`.
struct ReadReceipt
{
    qint64 id = 0;
    qint64 sender = 0;
    qint64 groupId = 0;
    qint64 receiver = 0;
};

//! What recording a read receipt changed.
struct ReadMark
{
    qint64 lastRead = 0; //!< the reader's read cursor after the change
    int author = 0; //!< who wrote the message read up to (the receipt goes to them)
};

//! A conversation's read cursors as one participant sees them: 0 where nothing was read.
struct ConversationReads
{
    qint64 mine = 0;
    qint64 peer = 0; //!< single chat only
    qint64 newestId = 0;
};

//! Who of a group has read one of its messages and who has not (members other than its author).
struct MessageReaders
{
    int groupId = 0;
    QList<int> read;
    QList<int> unread;
};

//! One page of the messages waiting for a device, and how many wait in all.
struct PendingPage
{
    qint64 count = 0;
    QList<StoredMessage> messages;
};

//! How far one device of a user has acknowledged its messages (contiguously).
struct DeliveryCursor
{
    int userId = 0;
    QString deviceId;
    qint64 lastAck = 0;
};

} // namespace Im::Core
