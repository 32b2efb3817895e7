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
    int messagesPerUser = 200;
    double groupShare = 0.2; //!< share of the messages sent to the sender's group
    int groupSize = 10;
    int concurrency = 4; //!< sends awaiting their ack per sender
    int ackTimeoutMs = 30000;
    int drainTimeoutMs = 30000; //!< how long deliveries may trail the last ack
    quint32 seed = 1;
    QString serverBinary; //!< empty: use the server at url
    QMap<QString, QString> serverEnvironment; //!< settings for the started server
};

//! Parses \a arguments (argv, program name first). On a mistake or --help, returns nullopt and
//! sets \a exitCode (2 for a mistake, 0 for help) after printing why to stderr/stdout.
[[nodiscard]] std::optional<BenchOptions> parseBenchOptions(const QStringList &arguments,
                                                            int *exitCode);

} // namespace Im::Bench
