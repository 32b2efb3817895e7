-- Login sessions (the original kept them in Redis): the SHA-256 of the opaque token the client
-- holds, the server-side JWT, and the expiry in epoch milliseconds. A user's sessions go with the
-- user. IF NOT EXISTS: DDL is not transactional, so the step must survive a crash and a rerun.

CREATE TABLE IF NOT EXISTS `Sessions` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `userId` int(11) NOT NULL,
  `tokenHash` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `jwt` text NOT NULL,
  `expiresAt` bigint(20) NOT NULL,
  `createdAt` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `Sessions_tokenHash_unique` (`tokenHash`),
  KEY `Sessions_userId` (`userId`),
  KEY `Sessions_expiresAt` (`expiresAt`),
  CONSTRAINT `Sessions_userId_fk` FOREIGN KEY (`userId`) REFERENCES `Users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
