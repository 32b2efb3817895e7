#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <list>

namespace Im::Store {

//! The prepared statements of one connection, by SQL text, so a hot statement is parsed (and, on
//! MariaDB, sent to the server as COM_STMT_PREPARE) once per connection instead of once per run.
//! Bounded: beyond its capacity the least recently used statement is finalized. Cleared when the
//! connection closes. Only used on the thread that owns the connection.
class StatementCache
{
public:
    explicit StatementCache(qsizetype capacity = 96);
    Q_DISABLE_COPY_MOVE(StatementCache)

    //! The statement for \a sql on \a database, prepared now or earlier; nullptr (with \a error
    //! set) when preparing failed.
    QSqlQuery *statement(QSqlDatabase &database, const QString &sql, QSqlError *error);

    void clear();
    [[nodiscard]] qsizetype size() const { return m_statements.size(); }
    [[nodiscard]] qsizetype capacity() const { return m_capacity; }
    //! Statements prepared since the cache was created (misses), for tests and metrics.
    [[nodiscard]] qint64 prepared() const { return m_prepared; }

private:
    struct Entry
    {
        QString sql;
        QSqlQuery query;
    };
    using Recency = std::list<Entry>; //!< most recently used first

    const qsizetype m_capacity;
    Recency m_recency;
    QHash<QString, Recency::iterator> m_statements;
    qint64 m_prepared = 0;
};

} // namespace Im::Store
