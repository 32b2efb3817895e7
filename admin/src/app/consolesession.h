#pragma once

#include "app/restartdetector.h"
#include "net/adminapiclient.h"
#include "net/livefeed.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

namespace Im::Admin {

//! The console's connection to one server: login and permission check, the live feed, polling of
//! the overview (every 5 s) and of whatever the feed does not push, reconnection with back-off
//! (1 s .. 30 s) when the server goes away (logging in again with the password, which is kept in
//! memory only), and the administrator's actions. Never blocks; at most one request of each kind
//! is in flight.
class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    static constexpr int overviewIntervalMs = 5000;
    static constexpr int laggingIntervalMs = 10000;
    //! The stuck-delivery board and the minute history (for the 60-minute charts).
    static constexpr int boardIntervalMs = 5000;
    static constexpr int minuteRatesIntervalMs = 60000;
    static constexpr int firstRetryMs = 1000;
    static constexpr int lastRetryMs = 30000;

    explicit ConsoleSession(QObject *parent = nullptr);

    //! Logs in to \a server as \a account, then checks the adminConsole permission.
    void connectTo(const QUrl &server, const QString &account, const QString &password);
    //! Stops everything and forgets the password.
    void disconnectFromServer();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QUrl server() const { return m_server; }
    [[nodiscard]] QString account() const { return m_account; }

    //! DELETE /admin/sessions/:sid
    void disconnectSession(const QString &sid);
    //! DELETE /admin/users/:id/sessions
    void disconnectUser(int userId);
    //! POST /admin/users/:id/revoke-sessions: disconnected, and logged out everywhere.
    void revokeUser(int userId);
    //! GET /admin/users/:ref/cursors → cursorsChanged or cursorsFailed; \a userRef is an id or an
    //! account (11 digits or more, or `account:<account>`), as the server reads the path.
    void loadCursors(const QString &userRef);
    //! GET /admin/cursors/stuck now → boardChanged.
    void loadBoard();
    //! Fetches overview, sessions, queues, rates and lagging devices at once.
    void refreshNow();

Q_SIGNALS:
    void stateChanged(Im::Admin::ConsoleSession::State state);
    //! For the status bar; already human-readable.
    void errorOccurred(const QString &reason);
    void overviewChanged(const QJsonObject &overview);
    void sessionsChanged(const QJsonArray &sessions);
    //! The GET /admin/queues shape (incl. users, rates).
    void queuesChanged(const QJsonObject &queues);
    //! One rates sample (feed `sample` or polled).
    void sampleAdded(const QJsonObject &sample);
    //! The whole rates history (after connect / reconnect).
    void ratesChanged(const QJsonObject &rates);
    void laggingChanged(const QJsonArray &lagging);
    //! The stuck-delivery board (`{at, devices, truncated}`).
    void boardChanged(const QJsonObject &board);
    //! The minute history of the rates (GET /admin/rates?resolution=minute).
    void minuteRatesChanged(const QJsonObject &rates);
    //! The answer to loadCursors(\a userRef).
    void cursorsChanged(const QString &userRef, const QJsonObject &cursors);
    //! loadCursors(\a userRef) failed (unknown user, server away...).
    void cursorsFailed(const QString &userRef, const QString &reason);
    //! The server is another process than the one seen before: it restarted at \a startedAt
    //! (local time of the server's clock) and its counters began again.
    void serverRestarted(const QDateTime &startedAt);
    //! "Session … disconnected." etc.
    void actionFinished(const QString &message);

private:
    using Handler = std::function<void(const QJsonValue &data)>;

    void setState(State state);
    //! Forgets every pending answer, timer and the feed (a new attempt or the end).
    void reset();
    void attempt();
    void logIn();
    void checkPermission(bool freshLogin);
    void enterConnected(const QJsonObject &overview);
    //! An attempt (login or permission check) failed.
    void attemptFailed(const ApiError &error);
    //! A request failed while connected: the server went away, or just this request.
    void requestFailed(const ApiError &error);
    void beginReconnect(const QString &reason);
    void fail(const QString &reason);

    //! GET \a path unless a request of \a kind is still in flight.
    void poll(const QString &kind, const QString &path, Handler handler);
    void pollOverview();
    void pollSessions();
    void pollQueues();
    void pollRates(bool wholeHistory);
    void pollLagging();
    void pollBoard();
    void pollMinuteRates();
    void observeIdentity(const QJsonObject &identity);
    enum class Verb { Get, Delete, Post };
    //! Runs \a verb on \a path as an administrator's action.
    void act(Verb verb, const QString &path, Handler handler);
    [[nodiscard]] bool requireConnected();

    void onFeedEvent(const QString &name, const QJsonValue &payload);
    void emitNewSamples(const QJsonArray &samples);

    AdminApiClient m_api;
    LiveFeed m_feed;
    State m_state = State::Disconnected;
    QUrl m_server;
    QString m_account;
    QString m_password;
    int m_userId = 0;
    QString m_token;
    //! Bumped by reset(): answers of an older generation are ignored.
    quint64 m_generation = 0;
    QSet<QString> m_inFlight;
    QTimer m_overviewTimer;
    QTimer m_laggingTimer;
    QTimer m_boardTimer;
    QTimer m_minuteRatesTimer;
    RestartDetector m_restarts;
    QTimer m_retryTimer;
    int m_retryMs = firstRetryMs;
    //! `at` of the newest rates sample reported, so polled samples are not reported twice.
    QString m_lastSampleAt;
};

} // namespace Im::Admin
