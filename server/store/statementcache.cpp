#include "store/statementcache.h"

#include <QSqlError>

namespace Im::Store {

StatementCache::StatementCache(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(1, capacity))
{ }

QSqlQuery *StatementCache::statement(QSqlDatabase &database, const QString &sql, QSqlError *error)
{
    if (const auto found = m_statements.constFind(sql); found != m_statements.cend()) {
        m_recency.splice(m_recency.begin(), m_recency, found.value());
        return &m_recency.front().query;
    }
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError();
        return nullptr;
    }
    ++m_prepared;
    if (m_statements.size() >= m_capacity) {
        m_statements.remove(m_recency.back().sql);
        m_recency.pop_back();
    }
    m_recency.push_front({ sql, std::move(query) });
    m_statements.insert(sql, m_recency.begin());
    return &m_recency.front().query;
}

void StatementCache::clear()
{
    m_statements.clear();
    m_recency.clear();
}

} // namespace Im::Store
