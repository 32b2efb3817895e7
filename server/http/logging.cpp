#include "http/logging.h"

namespace Im::Http {

Q_LOGGING_CATEGORY(lcHttp, "im.http")

} // namespace Im::Http
