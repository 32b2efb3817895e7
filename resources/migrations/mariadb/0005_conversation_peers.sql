-- See sqlite/0004_conversation_peers.sql. Can run again after a crash.
ALTER TABLE `Conversations` ADD INDEX IF NOT EXISTS `Conversations_kind_peerB` (`kind`, `peerB`);
