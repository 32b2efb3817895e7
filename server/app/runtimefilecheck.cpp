#include "app/runtimefilecheck.h"

#include "http/apidocscontroller.h"
#include "media/videoposter.h"

using namespace Qt::StringLiterals;

namespace Im::App {

QStringList missingRuntimeFiles(const Config::ServerConfig &config)
{
    QStringList lines;
    for (const QString &path :
         Http::ApiDocsController::missingFiles(config.effectiveSwaggerUiDir())) {
        lines.append(u"%1 (Swagger UI for /api/docs; see SWAGGER_UI_DIR)"_s.arg(path));
    }
    if (!Media::VideoPoster::ffmpegAvailable(config.ffmpegPath))
        lines.append(u"%1 (ffmpeg for video uploads; see FFMPEG_PATH)"_s.arg(config.ffmpegPath));
    return lines;
}

} // namespace Im::App
