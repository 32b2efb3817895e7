#pragma once

#include "restclient.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Im::Bench {

//! A signed-in bench user.
struct Account
{
    QString account;
    Session session;
};

//! Where the bench's users come from: fresh registrations (random numbers), the login of
//! existing accounts, or their registration ahead of such logins. Every way hashes a password
//! with argon2id on the server, so at most a few requests run at once and an answer of "busy"
//! (503) or "throttled" (429) is tried again after a pause instead of failing the run.
class AccountSource : public QObject
{
    Q_OBJECT
public:
    explicit AccountSource(RestClient &rest, QObject *parent = nullptr);

    //! Registers \a count new accounts with random numbers; finished() lists them.
    void registerFresh(int count, const QString &password);
    //! Registers \a accounts, keeping those that exist already; finished() lists them, without
    //! sessions.
    void prepare(const QStringList &accounts, const QString &password);
    //! Logs \a accounts in; finished() lists them in the same order.
    void login(const QStringList &accounts, const QString &password);

    //! Account \a index of the series named \a base: the index zero-padded to 11 characters in
    //! all (the server's rule for new accounts is ^1[3-9]\d{9}$), or appended as it is when
    //! \a base has 11 characters or more.
    [[nodiscard]] static QString namedAccount(const QString &base, int index);

Q_SIGNALS:
    void finished(const QList<Im::Bench::Account> &accounts);
    void failed(const QString &reason);

private:
    enum class Mode { Register, Prepare, Login };

    void begin(Mode mode, const QStringList &accounts, int count, const QString &password);
    void startMore();
    //! Try number \a tries (from 1) of account \a index.
    void attempt(int index, int tries);
    void onReply(int index, int tries, const RestReply &reply);
    void retryLater(int index, int tries);
    void done();

    RestClient &m_rest;
    Mode m_mode = Mode::Register;
    QString m_password;
    QList<Account> m_accounts;
    int m_next = 0; //!< the next account to start on
    int m_running = 0;
    int m_remaining = 0;
    bool m_failed = false;
};

} // namespace Im::Bench
