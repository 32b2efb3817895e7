#include "app/consolesession.h"

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

// Poll kinds: at most one request of each is in flight.
const QString overviewKind = u"overview"_s;
const QString sessionsKind = u"sessions"_s;
const QString queuesKind = u"queues"_s;
const QString ratesKind = u"rates"_s;
const QString laggingKind = u"lagging"_s;
const QString boardKind = u"board"_s;
const QString minuteRatesKind = u"minuteRates"_s;

// What the server's Socket.IO layer answers for a missing or expired session.
constexpr auto feedAuthenticationError = "Authentication error"_L1;

} // namespace

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
{
    m_overviewTimer.setInterval(overviewIntervalMs);
    connect(&m_overviewTimer, &QTimer::timeout, this, [this] {
        pollOverview();
        // What the feed would push, fetched while it is down.
        if (!m_feed.isConnected()) {
            pollSessions();
            pollQueues();
            pollRates(false);
        }
    });
    m_laggingTimer.setInterval(laggingIntervalMs);
    connect(&m_laggingTimer, &QTimer::timeout, this, &ConsoleSession::pollLagging);
    m_boardTimer.setInterval(boardIntervalMs);
    connect(&m_boardTimer, &QTimer::timeout, this, &ConsoleSession::pollBoard);
    m_minuteRatesTimer.setInterval(minuteRatesIntervalMs);
    connect(&m_minuteRatesTimer, &QTimer::timeout, this, &ConsoleSession::pollMinuteRates);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ConsoleSession::attempt);

    connect(&m_feed, &LiveFeed::eventReceived, this, &ConsoleSession::onFeedEvent);
    connect(&m_feed, &LiveFeed::disconnected, this, [this](const QString &reason) {
        beginReconnect(tr("The live feed was lost: %1").arg(reason));
    });
    connect(&m_feed, &LiveFeed::refused, this, [this](const QString &message) {
        if (message == feedAuthenticationError) {
            m_token.clear(); // log in again
            beginReconnect(tr("The live feed was refused: %1").arg(message));
            return;
        }
        // An older server without the feed: polling covers everything, only less often.
        Q_EMIT errorOccurred(
            tr("The live feed was refused (%1); polling the server instead.").arg(message));
    });
}

void ConsoleSession::connectTo(const QUrl &server, const QString &account, const QString &password)
{
    reset();
    // Another server (or the same one anew) is no restart of the one watched before.
    m_restarts.reset();
    m_server = server;
    m_account = account;
    m_password = password;
    m_token.clear();
    m_retryMs = firstRetryMs;
    setState(State::Connecting);
    attempt();
}

void ConsoleSession::disconnectFromServer()
{
    reset();
    m_password.clear();
    m_token.clear();
    setState(State::Disconnected);
}

void ConsoleSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ConsoleSession::reset()
{
    ++m_generation;
    m_inFlight.clear();
    m_overviewTimer.stop();
    m_laggingTimer.stop();
    m_boardTimer.stop();
    m_minuteRatesTimer.stop();
    m_retryTimer.stop();
    m_feed.close();
    m_lastSampleAt.clear();
}

void ConsoleSession::attempt()
{
    m_api.setServer(m_server);
    if (m_token.isEmpty())
        logIn();
    else
        checkPermission(false);
}

void ConsoleSession::logIn()
{
    const quint64 generation = m_generation;
    m_api.login(
        m_account, m_password,
        [this, generation](const QJsonValue &data, const std::optional<ApiError> &error) {
            if (generation != m_generation)
                return;
            if (error) {
                if (error->httpStatus == 401)
                    fail(tr("Login failed: wrong account or password."));
                else
                    attemptFailed(*error);
                return;
            }
            const QJsonObject session = data.toObject();
            m_userId = session.value(u"id"_s).toInt();
            m_token = session.value(u"token"_s).toString();
            if (m_token.isEmpty()) {
                fail(tr("Login failed: the server's answer has no session token."));
                return;
            }
            m_api.setCredentials(m_userId, m_token);
            checkPermission(true);
        },
        this);
}

void ConsoleSession::checkPermission(bool freshLogin)
{
    const quint64 generation = m_generation;
    m_api.get(
        u"/admin/overview"_s,
        [this, generation, freshLogin](const QJsonValue &data,
                                       const std::optional<ApiError> &error) {
            if (generation != m_generation)
                return;
            if (!error) {
                enterConnected(data.toObject());
            } else if (error->httpStatus == 401 && !freshLogin) {
                // The session is gone (expired, or a server restart lost it).
                m_token.clear();
                logIn();
            } else if (error->httpStatus == 403) {
                fail(tr("This account is not an administrator: it lacks the adminConsole "
                        "permission."));
            } else {
                attemptFailed(*error);
            }
        },
        this);
}

void ConsoleSession::enterConnected(const QJsonObject &overview)
{
    m_retryMs = firstRetryMs;
    setState(State::Connected);
    observeIdentity(overview);
    Q_EMIT overviewChanged(overview);
    m_feed.open(m_server, m_userId, m_token);
    m_overviewTimer.start();
    m_laggingTimer.start();
    m_boardTimer.start();
    m_minuteRatesTimer.start();
    // Everything once; then the feed pushes sessions, queues and samples.
    pollSessions();
    pollQueues();
    pollRates(true);
    pollLagging();
    pollBoard();
    pollMinuteRates();
}

void ConsoleSession::attemptFailed(const ApiError &error)
{
    const bool serverAway = error.isNetwork() || error.httpStatus >= 500;
    if (m_state != State::Reconnecting || !serverAway) {
        fail(error.reason);
        return;
    }
    Q_EMIT errorOccurred(tr("Reconnecting in %1 s: %2").arg(m_retryMs / 1000).arg(error.reason));
    m_retryTimer.start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, lastRetryMs);
}

void ConsoleSession::requestFailed(const ApiError &error)
{
    if (error.isNetwork()) {
        beginReconnect(error.reason);
    } else if (error.httpStatus == 401) {
        m_token.clear(); // log in again
        beginReconnect(error.reason);
    } else {
        Q_EMIT errorOccurred(error.reason);
    }
}

void ConsoleSession::beginReconnect(const QString &reason)
{
    reset();
    setState(State::Reconnecting);
    Q_EMIT errorOccurred(tr("Connection lost: %1").arg(reason));
    m_retryTimer.start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, lastRetryMs);
}

void ConsoleSession::fail(const QString &reason)
{
    reset();
    m_password.clear();
    m_token.clear();
    setState(State::Disconnected);
    Q_EMIT errorOccurred(reason);
}

void ConsoleSession::poll(const QString &kind, const QString &path, Handler handler)
{
    if (m_state != State::Connected || m_inFlight.contains(kind))
        return;
    m_inFlight.insert(kind);
    const quint64 generation = m_generation;
    m_api.get(
        path,
        [this, generation, kind, handler = std::move(handler)](
            const QJsonValue &data, const std::optional<ApiError> &error) {
            if (generation != m_generation)
                return;
            m_inFlight.remove(kind);
            if (error)
                requestFailed(*error);
            else
                handler(data);
        },
        this);
}

void ConsoleSession::pollOverview()
{
    poll(overviewKind, u"/admin/overview"_s, [this](const QJsonValue &data) {
        observeIdentity(data.toObject());
        Q_EMIT overviewChanged(data.toObject());
    });
}

void ConsoleSession::pollSessions()
{
    poll(sessionsKind, u"/admin/sessions"_s,
         [this](const QJsonValue &data) { Q_EMIT sessionsChanged(data.toArray()); });
}

void ConsoleSession::pollQueues()
{
    poll(queuesKind, u"/admin/queues"_s,
         [this](const QJsonValue &data) { Q_EMIT queuesChanged(data.toObject()); });
}

void ConsoleSession::pollRates(bool wholeHistory)
{
    poll(ratesKind, u"/admin/rates"_s, [this, wholeHistory](const QJsonValue &data) {
        const QJsonObject rates = data.toObject();
        const QJsonArray samples = rates.value(u"samples"_s).toArray();
        if (!wholeHistory) {
            emitNewSamples(samples);
            return;
        }
        if (!samples.isEmpty())
            m_lastSampleAt = samples.last().toObject().value(u"at"_s).toString();
        Q_EMIT ratesChanged(rates);
    });
}

void ConsoleSession::pollLagging()
{
    poll(laggingKind, u"/admin/cursors/lagging"_s,
         [this](const QJsonValue &data) { Q_EMIT laggingChanged(data.toArray()); });
}

void ConsoleSession::pollBoard()
{
    poll(boardKind, u"/admin/cursors/stuck?limit=500"_s,
         [this](const QJsonValue &data) { Q_EMIT boardChanged(data.toObject()); });
}

void ConsoleSession::pollMinuteRates()
{
    poll(minuteRatesKind, u"/admin/rates?resolution=minute"_s, [this](const QJsonValue &data) {
        // An older server ignores the query and answers seconds: no minute history then.
        const QJsonObject rates = data.toObject();
        if (rates.value(u"resolution"_s).toString() == "minute"_L1)
            Q_EMIT minuteRatesChanged(rates);
    });
}

void ConsoleSession::observeIdentity(const QJsonObject &identity)
{
    if (const QDateTime startedAt = m_restarts.observe(identity); startedAt.isValid())
        Q_EMIT serverRestarted(startedAt);
}

void ConsoleSession::emitNewSamples(const QJsonArray &samples)
{
    // Samples come oldest first with ISO-8601 UTC times of one format: newer sorts later.
    for (const QJsonValue &value : samples) {
        const QJsonObject sample = value.toObject();
        const QString at = sample.value(u"at"_s).toString();
        if (at > m_lastSampleAt) {
            m_lastSampleAt = at;
            Q_EMIT sampleAdded(sample);
        }
    }
}

void ConsoleSession::onFeedEvent(const QString &name, const QJsonValue &payload)
{
    if (name == sessionsKind)
        Q_EMIT sessionsChanged(payload.toArray());
    else if (name == queuesKind)
        Q_EMIT queuesChanged(payload.toObject());
    else if (name == "sample"_L1)
        emitNewSamples(QJsonArray { payload });
    else if (name == "server"_L1)
        observeIdentity(payload.toObject());
}

bool ConsoleSession::requireConnected()
{
    if (m_state == State::Connected)
        return true;
    Q_EMIT errorOccurred(tr("Not connected to a server."));
    return false;
}

void ConsoleSession::act(Verb verb, const QString &path, Handler handler)
{
    if (!requireConnected())
        return;
    const quint64 generation = m_generation;
    AdminApiClient::Callback done =
        [this, generation, handler = std::move(handler)](const QJsonValue &data,
                                                         const std::optional<ApiError> &error) {
            if (generation != m_generation)
                return;
            if (!error)
                handler(data);
            else if (error->isNetwork() || error->httpStatus == 401)
                requestFailed(*error);
            else
                Q_EMIT errorOccurred(tr("The action failed: %1").arg(error->reason));
        };
    switch (verb) {
    case Verb::Get:
        m_api.get(path, std::move(done), this);
        break;
    case Verb::Delete:
        m_api.del(path, std::move(done), this);
        break;
    case Verb::Post:
        m_api.post(path, std::move(done), this);
        break;
    }
}

void ConsoleSession::disconnectSession(const QString &sid)
{
    act(Verb::Delete, u"/admin/sessions/"_s + QString::fromLatin1(QUrl::toPercentEncoding(sid)),
        [this, sid](const QJsonValue &) {
            Q_EMIT actionFinished(tr("Session %1 disconnected.").arg(sid));
            if (!m_feed.isConnected())
                pollSessions();
        });
}

void ConsoleSession::disconnectUser(int userId)
{
    act(Verb::Delete, u"/admin/users/%1/sessions"_s.arg(userId),
        [this, userId](const QJsonValue &data) {
            const int closed = data.toObject().value(u"closed"_s).toInt();
            Q_EMIT actionFinished(
                tr("User %1 disconnected: %n session(s) closed.", nullptr, closed).arg(userId));
            if (!m_feed.isConnected())
                pollSessions();
        });
}

void ConsoleSession::revokeUser(int userId)
{
    act(Verb::Post, u"/admin/users/%1/revoke-sessions"_s.arg(userId),
        [this, userId](const QJsonValue &data) {
            const int closed = data.toObject().value(u"closed"_s).toInt();
            Q_EMIT actionFinished(
                tr("User %1 logged out everywhere: %n session(s) closed.", nullptr, closed)
                    .arg(userId));
            if (!m_feed.isConnected())
                pollSessions();
        });
}

void ConsoleSession::loadCursors(const QString &userRef)
{
    if (!requireConnected()) {
        Q_EMIT cursorsFailed(userRef, tr("Not connected to a server."));
        return;
    }
    const quint64 generation = m_generation;
    m_api.get(
        u"/admin/users/%1/cursors"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(userRef))),
        [this, generation, userRef](const QJsonValue &data, const std::optional<ApiError> &error) {
            if (generation != m_generation)
                return;
            if (!error) {
                Q_EMIT cursorsChanged(userRef, data.toObject());
                return;
            }
            Q_EMIT cursorsFailed(
                userRef, error->httpStatus == 404 ? tr("No user %1.").arg(userRef) : error->reason);
            if (error->isNetwork() || error->httpStatus == 401)
                requestFailed(*error);
        },
        this);
}

void ConsoleSession::loadBoard()
{
    pollBoard();
}

void ConsoleSession::refreshNow()
{
    if (!requireConnected())
        return;
    pollOverview();
    pollSessions();
    pollQueues();
    pollRates(true);
    pollLagging();
    pollBoard();
    pollMinuteRates();
}

} // namespace Im::Admin
