#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <optional>

namespace Im::Test {

//! Real chat clients (socket.io-client in node, tests/admin/socketclients.mjs) for the console's
//! tests: accounts, connected devices and messages, so the admin views have something to show.
//! The calls wait for node's answer while running the event loop, so the code under test keeps
//! working meanwhile. A failed call logs a warning with node's error and returns nullopt.
class SocketClients
{
public:
    struct User
    {
        int id = 0;
        QString account;
        QString token;
    };
    struct Device
    {
        int ref = 0;
        QString socketId;
    };

    SocketClients() = default;
    ~SocketClients();
    SocketClients(const SocketClients &) = delete;
    SocketClients &operator=(const SocketClients &) = delete;

    //! Starts node against \a server (http://host:port); false (with a warning) when node or the
    //! npm packages of tests/interop are missing.
    [[nodiscard]] bool start(const QUrl &server);

    //! Registers a fresh account over REST.
    std::optional<User> registerUser();
    //! Makes \a a and \a b friends (a request from a, agreed by b).
    bool befriend(const User &a, const User &b);
    //! Two fresh accounts that are friends; both nullopt when any step failed.
    std::pair<std::optional<User>, std::optional<User>> registerFriends();
    //! Connects a device of \a user over Socket.IO; returns once the server accepted it. A device
    //! that \a neverAcks receives pushes but acknowledges none (a stuck delivery).
    std::optional<Device> connectDevice(const User &user, const QString &deviceId,
                                        bool neverAcks = false);
    //! Sends \a count text messages from \a from to user \a to at once; how many the server
    //! acknowledged with status 200.
    std::optional<int> burst(const Device &from, int to, int count);
    //! Sends a text message from \a from's socket to user \a to; returns the server's ack
    //! ({statusCode, message, id, seq}).
    std::optional<QJsonObject> sendText(const Device &from, int to, const QString &content);
    //! Closes \a device from the client side.
    bool close(const Device &device);
    //! Waits until the server disconnected \a device; its reason, or nullopt after \a timeoutMs.
    std::optional<QString> waitForServerDisconnect(const Device &device, int timeoutMs = 15000);

    //! Sends \a command (a `tag` is added) and waits for its answer; nullopt on an error answer
    //! or after \a timeoutMs.
    std::optional<QJsonObject> call(QJsonObject command, int timeoutMs = 20000);

private:
    void readLines();

    QProcess m_process;
    QByteArray m_buffer;
    int m_nextTag = 1;
    QList<QJsonObject> m_answers;
    QList<QJsonObject> m_events;
};

} // namespace Im::Test
