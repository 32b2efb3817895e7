-- A user's single chats are found from either end (the admin console's cursor view): the unique
-- key (kind, peerA, peerB) finds them by the lower id, this index by the higher one.
CREATE INDEX Conversations_kind_peerB ON Conversations (kind, peerB);
