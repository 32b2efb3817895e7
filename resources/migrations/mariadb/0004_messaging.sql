-- Messaging core (see sqlite/0003_messaging.sql for the meaning of each table and column). Every
-- statement can run again after a crash: DDL is not transactional in MariaDB.

CREATE TABLE IF NOT EXISTS `Conversations` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `kind` tinyint(4) NOT NULL,
  `peerA` int(11) NOT NULL,
  `peerB` int(11) NOT NULL,
  `maxSeq` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `Conversations_kind_peers_unique` (`kind`, `peerA`, `peerB`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE `Messages` ADD COLUMN IF NOT EXISTS `conversationId` int(11) DEFAULT NULL,
  ADD COLUMN IF NOT EXISTS `seq` bigint(20) DEFAULT NULL;

INSERT IGNORE INTO `Conversations` (`kind`, `peerA`, `peerB`)
SELECT DISTINCT 2, `groupId`, 0 FROM `Messages` WHERE `groupId` IS NOT NULL;
INSERT IGNORE INTO `Conversations` (`kind`, `peerA`, `peerB`)
SELECT DISTINCT 1, LEAST(`sender`, `receiver`), GREATEST(`sender`, `receiver`) FROM `Messages`
WHERE `groupId` IS NULL;

UPDATE `Messages` m JOIN `Conversations` c
  ON (m.`groupId` IS NOT NULL AND c.`kind` = 2 AND c.`peerA` = m.`groupId`)
  OR (m.`groupId` IS NULL AND c.`kind` = 1 AND c.`peerA` = LEAST(m.`sender`, m.`receiver`)
      AND c.`peerB` = GREATEST(m.`sender`, m.`receiver`))
SET m.`conversationId` = c.`id`
WHERE m.`conversationId` IS NULL;

UPDATE `Messages` m JOIN (
  SELECT `id`, ROW_NUMBER() OVER (PARTITION BY `conversationId` ORDER BY `id`) AS rn
  FROM `Messages`) numbered ON numbered.`id` = m.`id`
SET m.`seq` = numbered.rn
WHERE m.`seq` IS NULL;

UPDATE `Conversations` c SET c.`maxSeq` = (
  SELECT COALESCE(MAX(m.`seq`), 0) FROM `Messages` m WHERE m.`conversationId` = c.`id`);

ALTER TABLE `Messages` ADD UNIQUE KEY IF NOT EXISTS `Messages_conversation_seq_unique`
  (`conversationId`, `seq`), ADD INDEX IF NOT EXISTS `Messages_sender_id` (`sender`, `id`);

CREATE TABLE IF NOT EXISTS `DeliveryCursors` (
  `userId` int(11) NOT NULL,
  `deviceId` varchar(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `lastAck` bigint(20) NOT NULL DEFAULT 0,
  `updatedAt` datetime DEFAULT NULL,
  PRIMARY KEY (`userId`, `deviceId`),
  CONSTRAINT `DeliveryCursors_userId_fk` FOREIGN KEY (`userId`) REFERENCES `Users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO `DeliveryCursors` (`userId`, `deviceId`, `lastAck`, `updatedAt`)
SELECT a.`receiver`, '',
       CASE WHEN a.`lastAckErr` IS NOT NULL AND a.`lastAckErr` - 1 < COALESCE(a.`lastAck`, 0)
            THEN GREATEST(a.`lastAckErr` - 1, 0) ELSE COALESCE(a.`lastAck`, 0) END,
       a.`updatedAt`
FROM `MessageAcks` a JOIN `Users` u ON u.`id` = a.`receiver`;

ALTER TABLE `Members` ADD COLUMN IF NOT EXISTS `joinedAfter` bigint(20) NOT NULL DEFAULT 0;
