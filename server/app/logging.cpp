#include "app/logging.h"

namespace Im::App {

Q_LOGGING_CATEGORY(lcApp, "im.app")

} // namespace Im::App
