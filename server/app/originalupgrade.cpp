#include "app/originalupgrade.h"

#include "app/logging.h"
#include "media/originaluploads.h"

using namespace Qt::StringLiterals;

namespace Im::App {

namespace {

QList<Store::Tally> filesReport(const Media::OriginalUploadsTally &tally, bool dryRun)
{
    const QString verb = dryRun ? u"to move"_s : u"moved"_s;
    QList<Store::Tally> files {
        { u"chat media files %1 to chat/"_s.arg(verb), tally.mediaFiles },
        { u"release files %1 to chat/electron/"_s.arg(verb), tally.releaseFiles },
    };
    for (auto it = tally.leftInPlace.cbegin(); it != tally.leftInPlace.cend(); ++it)
        files.append({ u"left in place (%1)"_s.arg(it.key()), it.value() });
    return files;
}

} // namespace

Store::UpgradeOptions upgradeOptionsFor(const Config::ServerConfig &config)
{
    Store::UpgradeOptions options;
    options.keepAdmins = config.keepAdmins;
    options.files = [uploadDir = config.effectiveUploadDir()](bool dryRun) {
        return filesReport(Media::adoptOriginalUploads(uploadDir, dryRun), dryRun);
    };
    return options;
}

void logUpgradeReport(const Store::UpgradeReport &report)
{
    if (!report.fromOriginal)
        return;
    for (const QString &line : report.lines())
        qCInfo(lcApp).noquote() << "upgrade:" << line;
}

} // namespace Im::App
