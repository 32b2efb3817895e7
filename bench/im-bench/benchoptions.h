#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Im::Bench {

//! What one run of im-bench does, from its command line.
struct BenchOptions
{
    QUrl url { QStringLiteral("http://127.0.0.1:3000") };
    QString socketPath = QStringLiteral("/socket/v1/IM/"); //!< the server's SOCKET_PATH
    int users = 50;
    int devices = 1; //!< sockets per user, each with its own device id
    int messagesPerUser = 200;
    double groupShare = 0.2; //!< share of the messages sent to the sender's group
    int groupSize = 10;
    int concurrency = 4; //!< closed loop: sends awaiting their ack per sender
    double rate = 0; //!< open loop: sends a second offered in all; 0 for the closed loop
    int maxOutstanding = 10000; //!< open loop: sends awaiting their ack before more are dropped
    int ackTimeoutMs = 30000;
    int drainTimeoutMs = 30000; //!< how long deliveries may trail the last ack
    quint32 seed = 1;
    QString serverBinary; //!< empty: use the server at url
    QMap<QString, QString> serverEnvironment; //!< settings for the started server
    // Existing accounts instead of registrations: loginBase + index (see AccountSource).
    QString loginBase; //!< empty: register fresh accounts
    int loginCount = 0;
    QString loginPassword;
    bool prepareAccounts = false; //!< register the login accounts first (existing ones are kept)
    int catchUp = 0; //!< backlog of the catch-up device; 0: no catch-up scenario
    int catchUpWindow = 256; //!< backlog sends in flight while filling it
    int catchUpAfterMs = 1000; //!< when the catch-up device connects, after the chat starts
    qint64 serverPid = 0; //!< a server started by hand, for its CPU; 0: none
    qint64 databasePid = 0; //!< the database server, for its CPU; 0: none
    QString jsonPath; //!< where to write the JSON report; empty: nowhere
};

//! Parses \a arguments (argv, program name first). On a mistake or --help, returns nullopt and
//! sets \a exitCode (2 for a mistake, 0 for help) after printing why to stderr/stdout.
[[nodiscard]] std::optional<BenchOptions> parseBenchOptions(const QStringList &arguments,
                                                            int *exitCode);

} // namespace Im::Bench
