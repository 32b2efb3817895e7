#pragma once

#include "config/serverconfig.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Im::Store {
class DbExecutor;
class SqlMessageStore;
class SqlNotificationStore;
class SqlFriendStore;
class SqlGroupStore;
class SqlAccountStore;
class SqlAccessStore;
} // namespace Im::Store

namespace Im::Http {
class HttpServer;
class Router;
} // namespace Im::Http

namespace Im::Auth {
class SessionStore;
}

namespace Im::SocketIo {
class EngineIoServer;
}

namespace Im::Core {
class DeliveryHub;
class NotificationInbox;
class GroupsService;
} // namespace Im::Core

namespace Im::Cache {
class ApiCache;
}

namespace Im::App {

//! Builds the server from its configuration and runs its life cycle: migrate and seed the database
//! (on a worker thread), then listen; on shutdown stop accepting, let in-flight requests finish,
//! stop the database executor (closing each connection on its own thread), then report stopped().
class Application : public QObject
{
    Q_OBJECT
public:
    explicit Application(Config::ServerConfig config, QObject *parent = nullptr);
    ~Application() override;

    //! Asynchronous: ends with exactly one of started() or failed().
    void start();
    //! Graceful stop; ends with stopped(). Safe to call more than once.
    void shutdown();

    //! The routes being served, once started (for the API document's test); null before.
    [[nodiscard]] const Http::Router *router() const;

Q_SIGNALS:
    void started(quint16 port);
    void failed(const QString &reason);
    void stopped();

private:
    void listen();
    void finishShutdown();

    Config::ServerConfig m_config;
    std::unique_ptr<Store::DbExecutor> m_database;
    std::unique_ptr<Auth::SessionStore> m_sessions; // uses m_database: declared after it
    //! The messaging domain's message and cursor stores; uses m_database.
    std::unique_ptr<Store::SqlMessageStore> m_messageStore;
    //! The notifications, on m_database, and their rules.
    std::unique_ptr<Store::SqlNotificationStore> m_notificationStore;
    std::unique_ptr<Core::NotificationInbox> m_inbox;
    //! Friendships, requests and settings, on m_database; its changes evict from m_cache.
    std::unique_ptr<Store::SqlFriendStore> m_friendStore;
    //! Groups and their members, on m_database; a group's changes evict it from m_cache.
    std::unique_ptr<Store::SqlGroupStore> m_groupStore;
    std::unique_ptr<Core::GroupsService> m_groupsService;
    //! Accounts, and permissions with roles, on m_database; a user's changes evict from m_cache.
    std::unique_ptr<Store::SqlAccountStore> m_accountStore;
    std::unique_ptr<Store::SqlAccessStore> m_accessStore;
    //! Cached API answers; database jobs evict from it, so it outlives the executor's jobs.
    std::unique_ptr<Cache::ApiCache> m_cache;
    Http::HttpServer *m_http = nullptr;
    QPointer<SocketIo::EngineIoServer> m_engine; // a child of m_http
    QPointer<Core::DeliveryHub> m_hub; // a child of m_http
    bool m_shuttingDown = false;
    bool m_closing = false;
};

} // namespace Im::App
