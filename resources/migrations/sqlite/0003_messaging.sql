-- Messaging core: one sequence space per conversation, per-device delivery cursors and the point
-- from which a group member sees messages.
--
-- Conversations: kind 1 = single chat between userLow < userHigh (peerA, peerB), kind 2 = group
-- peerA (peerB = 0). maxSeq is the newest seq handed out, bumped in the transaction that stores
-- the message, so seqs are gap-free.
CREATE TABLE Conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TINYINT NOT NULL,
    peerA INTEGER NOT NULL,
    peerB INTEGER NOT NULL,
    maxSeq BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX Conversations_kind_peers_unique ON Conversations (kind, peerA, peerB);

ALTER TABLE Messages ADD COLUMN conversationId INTEGER REFERENCES Conversations (id);
ALTER TABLE Messages ADD COLUMN seq BIGINT;

INSERT INTO Conversations (kind, peerA, peerB)
SELECT DISTINCT 2, groupId, 0 FROM Messages WHERE groupId IS NOT NULL;
INSERT INTO Conversations (kind, peerA, peerB)
SELECT DISTINCT 1, min(sender, receiver), max(sender, receiver) FROM Messages WHERE groupId IS NULL;

UPDATE Messages SET conversationId = (
    SELECT c.id FROM Conversations c
    WHERE (Messages.groupId IS NOT NULL AND c.kind = 2 AND c.peerA = Messages.groupId)
       OR (Messages.groupId IS NULL AND c.kind = 1
           AND c.peerA = min(Messages.sender, Messages.receiver)
           AND c.peerB = max(Messages.sender, Messages.receiver)));

UPDATE Messages SET seq = numbered.rn
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY conversationId ORDER BY id) AS rn FROM Messages)
    AS numbered
WHERE numbered.id = Messages.id;

UPDATE Conversations SET maxSeq = (
    SELECT COALESCE(MAX(seq), 0) FROM Messages WHERE Messages.conversationId = Conversations.id);

CREATE UNIQUE INDEX Messages_conversation_seq_unique ON Messages (conversationId, seq);
-- The sender's own messages, for their other devices.
CREATE INDEX Messages_sender_id ON Messages (sender, id);

-- Delivery cursor of one device of one user: every message visible to the user with id <= lastAck
-- is held by that device. Cumulative and monotonic; '' is the device of clients that send no
-- deviceid. The original's per-user MessageAcks rows become the '' device's cursor, kept below
-- its first failed push.
CREATE TABLE DeliveryCursors (
    userId INTEGER NOT NULL REFERENCES Users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    deviceId VARCHAR(64) NOT NULL,
    lastAck BIGINT NOT NULL DEFAULT 0,
    updatedAt DATETIME,
    PRIMARY KEY (userId, deviceId)
);
INSERT INTO DeliveryCursors (userId, deviceId, lastAck, updatedAt)
SELECT a.receiver, '',
       CASE WHEN a.lastAckErr IS NOT NULL AND a.lastAckErr - 1 < COALESCE(a.lastAck, 0)
            THEN max(a.lastAckErr - 1, 0) ELSE COALESCE(a.lastAck, 0) END,
       a.updatedAt
FROM MessageAcks a JOIN Users u ON u.id = a.receiver;

-- A member sees the group's messages with id > joinedAfter (the newest message id when they
-- joined); members from before this migration see the whole history.
ALTER TABLE Members ADD COLUMN joinedAfter BIGINT NOT NULL DEFAULT 0;
