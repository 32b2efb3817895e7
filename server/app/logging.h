#pragma once

#include <QLoggingCategory>

namespace Im::App {

Q_DECLARE_LOGGING_CATEGORY(lcApp) // "im.app": start-up, shutdown, commands

} // namespace Im::App
