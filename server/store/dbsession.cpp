#include "store/dbsession.h"

#include "im/timeformat.h"
#include "store/logging.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Im::Store {

namespace {

// MariaDB client and server codes that mean "this connection is unusable": server gone away, lost
// connection, cannot connect, connection killed, idle timeout.
bool isMariaDbConnectionLoss(int nativeCode)
{
    switch (nativeCode) {
    case 2002:
    case 2003:
    case 2006:
    case 2013:
    case 2055:
    case 1053:
    case 1927:
    case 4031:
        return true;
    default:
        return false;
    }
}

bool isUniqueViolation(Dialect dialect, int nativeCode)
{
    if (dialect == Dialect::MariaDb)
        return nativeCode == 1062;
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY extended codes; the Qt driver
    // reports the primary code (19) on older SQLite builds, with the message naming UNIQUE.
    return nativeCode == 2067 || nativeCode == 1555;
}

// The first words of a statement identify it in logs without its literal values.
QStringView statementHead(QStringView sql)
{
    return sql.trimmed().left(80);
}

} // namespace

DbSession::DbSession(QSqlDatabase database, Dialect dialect, QTimeZone timeZone,
                     StatementCache *statements)
    : m_database(std::move(database))
    , m_dialect(dialect)
    , m_timeZone(std::move(timeZone))
    , m_statements(statements)
{ }

QString DbSession::now() const
{
    return formatWireDateTime(QDateTime::currentDateTimeUtc(), m_timeZone);
}

Error DbSession::failure(const QSqlError &error, QStringView what)
{
    bool numeric = false;
    const int nativeCode = error.nativeErrorCode().toInt(&numeric);
    // Qt's SQLite driver files every failed step under ConnectionError, so the error type only
    // means a lost connection for MariaDB; a file database is lost only when it is not open.
    const bool lost = !m_database.isOpen()
        || (m_dialect == Dialect::MariaDb
            && ((numeric && isMariaDbConnectionLoss(nativeCode))
                || (!numeric && error.type() == QSqlError::ConnectionError)));
    if (lost) {
        m_connectionLost = true;
        qCWarning(lcSql) << "connection lost during" << what << "-" << error.nativeErrorCode();
        return makeError(ErrorCode::Unavailable, u"The database is unavailable."_s);
    }
    const bool unique = (numeric && isUniqueViolation(m_dialect, nativeCode))
        || (m_dialect == Dialect::Sqlite && error.databaseText().contains("UNIQUE constraint"_L1));
    if (unique) {
        qCDebug(lcSql) << "unique key violated by" << what;
        return makeError(ErrorCode::Duplicate, u"Duplicate entry."_s);
    }
    // The database's own text can quote row values (a message body, an account), so only the
    // driver's generic text and the native code are logged.
    ++m_failedStatements;
    qCWarning(lcSql) << "statement failed:" << what << "- code" << error.nativeErrorCode()
                     << error.driverText();
    return makeError(ErrorCode::Internal, u"Database error."_s);
}

Result<QSqlQuery> DbSession::query(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return failure(query.lastError(), statementHead(sql));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(query.lastError(), statementHead(sql));
    return query;
}

Result<int> DbSession::execute(const QString &sql, const QVariantList &values)
{
    auto result = query(sql, values);
    if (!result)
        return result.error();
    return result.value().numRowsAffected();
}

Result<void> DbSession::run(const QString &sql, const QVariantList &values)
{
    auto result = query(sql, values);
    if (!result)
        return result.error();
    return {};
}

Result<QVariant> DbSession::scalar(const QString &sql, const QVariantList &values)
{
    auto result = query(sql, values);
    if (!result)
        return result.error();
    QSqlQuery &rows = result.value();
    return rows.next() ? rows.value(0) : QVariant();
}

Result<QSqlQuery *> DbSession::runCached(const QString &sql, const QVariantList &values,
                                         QSqlQuery &uncached)
{
    QSqlQuery *statement = &uncached;
    if (m_statements) {
        QSqlError error;
        statement = m_statements->statement(m_database, sql, &error);
        if (!statement)
            return failure(error, statementHead(sql));
    } else {
        uncached = QSqlQuery(m_database);
        uncached.setForwardOnly(true);
        if (!uncached.prepare(sql))
            return failure(uncached.lastError(), statementHead(sql));
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        statement->bindValue(int(i), values[i]);
    if (!statement->exec()) {
        const QSqlError error = statement->lastError();
        statement->finish();
        return failure(error, statementHead(sql));
    }
    return statement;
}

Result<void> DbSession::forEachRow(const QString &sql, const QVariantList &values,
                                   const std::function<void(const QSqlQuery &)> &row)
{
    QSqlQuery uncached;
    auto statement = runCached(sql, values, uncached);
    if (!statement)
        return statement.error();
    while (statement.value()->next())
        row(*statement.value());
    statement.value()->finish();
    return {};
}

Result<int> DbSession::executeCached(const QString &sql, const QVariantList &values)
{
    QSqlQuery uncached;
    auto statement = runCached(sql, values, uncached);
    if (!statement)
        return statement.error();
    const int affected = statement.value()->numRowsAffected();
    statement.value()->finish();
    return affected;
}

Result<void> DbSession::transaction(const std::function<Result<void>()> &body)
{
    // SQLite: BEGIN IMMEDIATE takes the write lock up front, under the busy timeout. A plain
    // (deferred) BEGIN that reads and then writes fails at once with SQLITE_BUSY when another
    // connection writes meanwhile, because waiting could deadlock.
    const bool sqlite = m_dialect == Dialect::Sqlite;
    const auto finish = [this, sqlite](bool commit) -> QSqlError {
        if (!sqlite) {
            const bool done = commit ? m_database.commit() : m_database.rollback();
            return done ? QSqlError() : m_database.lastError();
        }
        QSqlQuery statement(m_database);
        return statement.exec(commit ? u"COMMIT"_s : u"ROLLBACK"_s) ? QSqlError()
                                                                    : statement.lastError();
    };
    if (sqlite) {
        QSqlQuery begin(m_database);
        if (!begin.exec(u"BEGIN IMMEDIATE"_s))
            return failure(begin.lastError(), u"BEGIN");
    } else if (!m_database.transaction()) {
        return failure(m_database.lastError(), u"BEGIN");
    }
    Result<void> outcome = body();
    if (!outcome) {
        finish(false);
        return outcome;
    }
    if (const QSqlError error = finish(true); error.isValid()) {
        const Error failed = failure(error, u"COMMIT");
        finish(false);
        return failed;
    }
    return {};
}

} // namespace Im::Store
