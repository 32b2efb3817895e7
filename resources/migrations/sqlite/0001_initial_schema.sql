-- The original server's schema (same tables and columns) with the port's fixes built in: TEXT
-- content, text `ext`, the unique keys it lacked and foreign keys to Users.id. Dates are stored as
-- 'YYYY-MM-DD HH:MM:SS' text in the server's time zone, as the MariaDB DATETIME columns hold them.

CREATE TABLE Roles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(255) NOT NULL UNIQUE,
    `desc` VARCHAR(255),
    createdAt DATETIME,
    updatedAt DATETIME
);

CREATE TABLE Permissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(255) NOT NULL UNIQUE,
    `desc` VARCHAR(255),
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL
);

CREATE TABLE RolePermissions (
    roleId INTEGER NOT NULL REFERENCES Roles (id) ON DELETE CASCADE ON UPDATE CASCADE,
    permId INTEGER NOT NULL REFERENCES Permissions (id) ON DELETE CASCADE ON UPDATE CASCADE,
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL,
    PRIMARY KEY (roleId, permId)
);

CREATE TABLE Users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account VARCHAR(11) UNIQUE,
    pwd VARCHAR(255) NOT NULL,
    avatar VARCHAR(255),
    email VARCHAR(255) UNIQUE,
    regisTime DATETIME,
    updateTime DATETIME,
    roleId INTEGER REFERENCES Roles (id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX Users_roleId ON Users (roleId);
-- User ids start at 10000, as in the original.
INSERT INTO sqlite_sequence (name, seq) VALUES ('Users', 9999);

CREATE TABLE FriendSettings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    userId INTEGER NOT NULL REFERENCES Users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    friendId INTEGER NOT NULL REFERENCES Users (id) ON DELETE NO ACTION ON UPDATE CASCADE,
    remark VARCHAR(255),
    astrolabe TINYINT(1) NOT NULL DEFAULT 0,
    block TINYINT(1) NOT NULL DEFAULT 0,
    createdAt DATETIME,
    updatedAt DATETIME
);
CREATE UNIQUE INDEX FriendSettings_owner_friend_unique ON FriendSettings (userId, friendId);
CREATE INDEX FriendSettings_friendId ON FriendSettings (friendId);

CREATE TABLE Friends (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    createdAt DATETIME,
    updatedAt DATETIME,
    userId INTEGER NOT NULL REFERENCES Users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    friendId INTEGER NOT NULL REFERENCES Users (id) ON DELETE CASCADE ON UPDATE CASCADE
);
-- One row per friendship whichever direction it was created in.
CREATE UNIQUE INDEX Friends_pair_unique ON Friends (min(userId, friendId), max(userId, friendId));
CREATE INDEX Friends_userId ON Friends (userId);
CREATE INDEX Friends_friendId ON Friends (friendId);

CREATE TABLE "Groups" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(255),
    avatar VARCHAR(255),
    type INTEGER NOT NULL,
    creator INTEGER NOT NULL,
    createdAt DATETIME,
    updatedAt DATETIME
);

CREATE TABLE Members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    groupId INTEGER NOT NULL REFERENCES "Groups" (id) ON DELETE CASCADE ON UPDATE CASCADE,
    userId INTEGER NOT NULL REFERENCES Users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    createdAt DATETIME,
    updatedAt DATETIME
);
CREATE UNIQUE INDEX Members_userId_groupId_unique ON Members (groupId, userId);
CREATE INDEX Members_userId ON Members (userId);

CREATE TABLE Messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    msgId VARCHAR(255) NOT NULL UNIQUE,
    type VARCHAR(255) NOT NULL,
    sender INTEGER NOT NULL REFERENCES Users (id) ON DELETE NO ACTION ON UPDATE CASCADE,
    groupId INTEGER,
    receiver INTEGER NOT NULL,
    content TEXT,
    timer BIGINT NOT NULL,
    ext VARCHAR(255),
    createdAt DATETIME,
    updatedAt DATETIME
);
CREATE INDEX Messages_sender ON Messages (sender);
CREATE INDEX Messages_receiver_id ON Messages (receiver, id);
CREATE INDEX Messages_groupId_id ON Messages (groupId, id);

CREATE TABLE MessageAcks (
    receiver INTEGER PRIMARY KEY,
    lastAck BIGINT,
    lastAckErr BIGINT,
    createdAt DATETIME,
    updatedAt DATETIME
);

CREATE TABLE MessageReads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sender INTEGER NOT NULL,
    receiver INTEGER NOT NULL,
    lastRead BIGINT,
    createdAt DATETIME,
    updatedAt DATETIME
);
CREATE UNIQUE INDEX MessageReads_sender_receiver_unique ON MessageReads (sender, receiver);

CREATE TABLE Notifies (
    id VARCHAR(255) PRIMARY KEY,
    type INTEGER,
    sender INTEGER NOT NULL REFERENCES Users (id) ON DELETE NO ACTION ON UPDATE CASCADE,
    receiver INTEGER NOT NULL,
    status INTEGER NOT NULL,
    timer BIGINT NOT NULL,
    remark VARCHAR(255),
    ext VARCHAR(255),
    createdAt DATETIME,
    updatedAt DATETIME
);
CREATE INDEX Notifies_sender ON Notifies (sender);
CREATE INDEX Notifies_receiver ON Notifies (receiver);

CREATE TABLE Electrons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform VARCHAR(255) NOT NULL,
    archs VARCHAR(255) NOT NULL,
    version VARCHAR(255) NOT NULL,
    actived TINYINT(1) DEFAULT 0,
    type VARCHAR(255) NOT NULL,
    ext VARCHAR(255),
    remark VARCHAR(255),
    forceUpdate TINYINT(1) DEFAULT 0,
    createdAt DATETIME,
    updatedAt DATETIME
);
