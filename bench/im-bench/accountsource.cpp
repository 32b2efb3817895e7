#include "accountsource.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Im::Bench {

namespace {

// Requests at once: the server hashes on a few threads and answers 503 past a short queue
// (PASSWORD_HASH_QUEUE), and counts running logins of one address (LOGIN_MAX_PER_ADDRESS).
constexpr int parallelRequests = 8;
// Tries of one account through 503/429 answers, and of a fresh number through taken ones.
constexpr int maxAttempts = 40;
constexpr int retryPauseMs = 250;
constexpr int accountLength = 11;

bool isBusy(const RestReply &reply)
{
    return reply.httpStatus == 503 || reply.httpStatus == 429;
}

// A random account the client's rule accepts (^1[3-9]\d{9}$), so runs against one server do
// not collide.
QString randomAccount()
{
    return u"139%1"_s.arg(QRandomGenerator::global()->bounded(100000000), 8, 10, QLatin1Char('0'));
}

} // namespace

AccountSource::AccountSource(RestClient &rest, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
{ }

QString AccountSource::namedAccount(const QString &base, int index)
{
    const qsizetype width = std::max<qsizetype>(accountLength - base.size(), 0);
    return base + u"%1"_s.arg(index, int(width), 10, QLatin1Char('0'));
}

void AccountSource::registerFresh(int count, const QString &password)
{
    begin(Mode::Register, {}, count, password);
}

void AccountSource::prepare(const QStringList &accounts, const QString &password)
{
    begin(Mode::Prepare, accounts, int(accounts.size()), password);
}

void AccountSource::login(const QStringList &accounts, const QString &password)
{
    begin(Mode::Login, accounts, int(accounts.size()), password);
}

void AccountSource::begin(Mode mode, const QStringList &accounts, int count,
                          const QString &password)
{
    m_mode = mode;
    m_password = password;
    m_accounts = QList<Account>(count);
    for (int i = 0; i < count; ++i)
        m_accounts[i].account = accounts.value(i);
    m_next = 0;
    m_running = 0;
    m_remaining = count;
    m_failed = false;
    if (count == 0)
        return Q_EMIT finished(m_accounts);
    startMore();
}

void AccountSource::startMore()
{
    while (!m_failed && m_running < parallelRequests && m_next < m_accounts.size()) {
        ++m_running;
        attempt(m_next++, 1);
    }
}

void AccountSource::attempt(int index, int tries)
{
    Account &account = m_accounts[index];
    if (m_mode == Mode::Register)
        account.account = randomAccount(); // a fresh number per try: a taken one was used
    const QJsonObject body { { u"account"_s, account.account }, { u"pwd"_s, m_password } };
    const QString path = m_mode == Mode::Login ? u"/users/login"_s : u"/users/create"_s;
    m_rest.post(path, body, {},
                [this, index, tries](const RestReply &reply) { onReply(index, tries, reply); });
}

void AccountSource::onReply(int index, int tries, const RestReply &reply)
{
    if (m_failed)
        return;
    Account &account = m_accounts[index];
    const QString verb = m_mode == Mode::Login ? u"log in"_s : u"register"_s;
    if (isBusy(reply) && tries < maxAttempts)
        return retryLater(index, tries);
    if (reply.httpStatus == 409 && m_mode == Mode::Prepare)
        return done(); // there already: what preparing wants
    if (reply.httpStatus == 409 && m_mode == Mode::Register && tries < maxAttempts)
        return attempt(index, tries + 1);
    if (!reply.isOk()) {
        m_failed = true;
        return Q_EMIT failed(u"cannot %1 %2: %3"_s.arg(verb, account.account, reply.describe()));
    }
    if (m_mode != Mode::Prepare) {
        account.session.userId = reply.data().value(u"id"_s).toInteger();
        account.session.token = reply.data().value(u"token"_s).toString().toUtf8();
        if (account.session.userId <= 0 || account.session.token.isEmpty()) {
            m_failed = true;
            return Q_EMIT failed(u"%1 of %2 answered no id or token: %3"_s.arg(
                verb, account.account, reply.describe()));
        }
    }
    done();
}

void AccountSource::retryLater(int index, int tries)
{
    QTimer::singleShot(retryPauseMs * std::min(tries, 8), this, [this, index, tries] {
        if (!m_failed)
            attempt(index, tries + 1);
    });
}

void AccountSource::done()
{
    --m_running;
    if (--m_remaining == 0)
        return Q_EMIT finished(m_accounts);
    startMore();
}

} // namespace Im::Bench
