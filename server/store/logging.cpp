#include "store/logging.h"

namespace Im::Store {

Q_LOGGING_CATEGORY(lcStore, "im.store")
Q_LOGGING_CATEGORY(lcSql, "im.store.sql")

} // namespace Im::Store
