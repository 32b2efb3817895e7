#pragma once

#include "im/result.h"
#include "store/databasesettings.h"
#include "store/statementcache.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariantList>

#include <functional>

namespace Im::Store {

//! One worker thread's view of its database connection, handed to every job the DbExecutor runs.
//! Its helpers run statements, log failures under `im.store.sql` (statement text only, never bound
//! values) and translate them into the closed ErrorCode set: a unique-key violation becomes
//! Duplicate, a lost connection Unavailable (and marks the session so the executor reconnects),
//! anything else Internal. Only ever used on the thread that owns the connection.
class DbSession
{
public:
    //! \a statements, when given, is the connection's cache that forEachRow() and
    //! executeCached() keep their prepared statements in.
    DbSession(QSqlDatabase database, Dialect dialect, QTimeZone timeZone = QTimeZone::utc(),
              StatementCache *statements = nullptr);

    [[nodiscard]] QSqlDatabase &database() { return m_database; }
    [[nodiscard]] Dialect dialect() const { return m_dialect; }
    [[nodiscard]] bool isMariaDb() const { return m_dialect == Dialect::MariaDb; }
    //! The current time as the DATETIME columns store it (`YYYY-MM-DD HH:mm:ss`, configured zone).
    [[nodiscard]] QString now() const;
    //! The zone the DATETIME columns are written in (the TIMEZONE setting).
    [[nodiscard]] const QTimeZone &timeZone() const { return m_timeZone; }

    //! Prepares \a sql, binds \a values positionally and executes it; the query is returned for
    //! reading rows.
    Result<QSqlQuery> query(const QString &sql, const QVariantList &values = {});
    //! Like query() for statements whose rows are not needed; returns the number of affected rows.
    Result<int> execute(const QString &sql, const QVariantList &values = {});
    //! Like execute() when the number of affected rows does not matter.
    Result<void> run(const QString &sql, const QVariantList &values = {});
    //! Returns the first column of the first row, or a null QVariant when there is no row.
    Result<QVariant> scalar(const QString &sql, const QVariantList &values = {});

    //! Like query() with the statement prepared once per connection (the hot paths' statements):
    //! every row goes to \a row, then the statement is finished, so a cached statement never
    //! holds a read snapshot or a cursor open between runs.
    Result<void> forEachRow(const QString &sql, const QVariantList &values,
                            const std::function<void(const QSqlQuery &)> &row);
    //! Like execute() with the statement prepared once per connection.
    Result<int> executeCached(const QString &sql, const QVariantList &values);

    //! Runs \a body inside a transaction: committed when it succeeds, rolled back when it fails.
    Result<void> transaction(const std::function<Result<void>()> &body);

    //! True once a statement failed because the connection is gone; the executor then reopens it.
    [[nodiscard]] bool isConnectionLost() const { return m_connectionLost; }
    //! Statements that failed for another reason than a lost connection or a duplicate key.
    [[nodiscard]] int failedStatements() const { return m_failedStatements; }

    //! Classifies a driver error and logs it; \a what names the statement for the log.
    Error failure(const QSqlError &error, QStringView what);

private:
    //! The executed cached statement for \a sql (or a fresh one without a cache).
    Result<QSqlQuery *> runCached(const QString &sql, const QVariantList &values,
                                  QSqlQuery &uncached);

    QSqlDatabase m_database;
    Dialect m_dialect;
    QTimeZone m_timeZone;
    StatementCache *m_statements = nullptr;
    bool m_connectionLost = false;
    int m_failedStatements = 0;
};

} // namespace Im::Store
