#include "media/logging.h"

namespace Im::Media {

Q_LOGGING_CATEGORY(lcMedia, "im.media")

} // namespace Im::Media
