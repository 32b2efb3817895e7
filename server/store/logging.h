#pragma once

#include <QLoggingCategory>

namespace Im::Store {

Q_DECLARE_LOGGING_CATEGORY(lcStore) // "im.store": executor, connections, migrations
Q_DECLARE_LOGGING_CATEGORY(lcSql) // "im.store.sql": failed statements (never their bound values)

} // namespace Im::Store
