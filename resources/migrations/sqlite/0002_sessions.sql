-- Login sessions (the original kept them in Redis): the SHA-256 of the opaque token the client
-- holds, the server-side JWT, and the expiry in epoch milliseconds. A user's sessions go with the
-- user.

CREATE TABLE Sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    userId INTEGER NOT NULL REFERENCES Users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    tokenHash CHAR(64) NOT NULL UNIQUE,
    jwt TEXT NOT NULL,
    expiresAt BIGINT NOT NULL,
    createdAt DATETIME
);
CREATE INDEX Sessions_userId ON Sessions (userId);
-- For purging the expired sessions without a full scan.
CREATE INDEX Sessions_expiresAt ON Sessions (expiresAt);
