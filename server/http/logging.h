#pragma once

#include <QLoggingCategory>

namespace Im::Http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp) // "im.http": the front door (never headers, bodies or tokens)

} // namespace Im::Http
