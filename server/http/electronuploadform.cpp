#include "http/electronuploadform.h"

#include "http/multipartparser.h"
#include "im/semanticversion.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

const QString ymlField = u"yml"_s;
const QString appField = u"app"_s;

// platform, archs and version are a few characters each.
constexpr qint64 maxFieldBytes = 1024;
constexpr int maxParts = 32;
constexpr qsizetype maxFileNameLength = 255;

Error badParameter()
{
    return makeError(ErrorCode::Malformed, u"Incorrect request parameter."_s);
}

//! The parts of an upload form: its text fields by name and its files.
struct Form
{
    QHash<QString, QString> fields;
    QList<Store::IncomingReleaseFile> yml;
    QList<Store::IncomingReleaseFile> apps;
};

Result<Form> readForm(const HttpRequest &request, const ReleaseUploadLimits &limits,
                      bool acceptsYml)
{
    MultipartLimits multipart;
    multipart.maxParts = maxParts;
    multipart.maxFileBytes = limits.maxUploadBytes;
    multipart.maxFieldBytes = maxFieldBytes;
    auto parts = parseMultipart(request, multipart);
    if (!parts)
        return parts.error();
    Form form;
    QSet<QString> names;
    for (const MultipartPart &part : std::as_const(parts.value())) {
        if (!part.isFile()) {
            // Unknown fields are ignored, as in JSON bodies; a repeated one is ambiguous.
            if (form.fields.contains(part.name))
                return badParameter();
            form.fields.insert(part.name, QString::fromUtf8(part.body));
            continue;
        }
        const bool yml = acceptsYml && part.name == ymlField;
        if (!yml && part.name != appField)
            return badParameter(); // a file we would not keep
        Store::IncomingReleaseFile file { part.name, sanitisedFileName(part.fileName), part.body };
        // The feed finds files by name: each needs one, and only one file may have it.
        if (file.name.isEmpty() || file.content.isEmpty() || names.contains(file.name))
            return badParameter();
        if (yml && file.content.size() > limits.maxYmlBytes) {
            return makeError(ErrorCode::TooLarge,
                             u"File too large: at most %1 bytes."_s.arg(limits.maxYmlBytes));
        }
        names.insert(file.name);
        (yml ? form.yml : form.apps).append(file);
    }
    if (form.yml.size() > 1 || form.apps.isEmpty() || form.apps.size() > limits.maxAppFiles)
        return badParameter();
    return form;
}

//! The `platform` and `version` every upload carries, checked.
bool readCommonFields(const Form &form, Store::ReleaseKey *key)
{
    key->platform = form.fields.value(u"platform"_s);
    key->version = form.fields.value(u"version"_s);
    return Store::Electron::isPlatform(key->platform) && SemanticVersion::parse(key->version);
}

} // namespace

QString sanitisedFileName(const QString &clientName)
{
    // Browsers send only the last component, but some tools send a path (with either slash).
    const qsizetype slash = std::max(clientName.lastIndexOf(u'/'), clientName.lastIndexOf(u'\\'));
    QString name;
    for (char32_t codePoint : clientName.sliced(slash + 1).toUcs4()) {
        if (QChar::isPrint(codePoint))
            name += QString::fromUcs4(&codePoint, 1);
    }
    name = name.trimmed();
    if (name == u"."_s || name == u".."_s || name.size() > maxFileNameLength)
        return {};
    return name;
}

Result<QList<PendingRelease>> readFullReleaseForm(const HttpRequest &request,
                                                  const ReleaseUploadLimits &limits)
{
    auto form = readForm(request, limits, true);
    if (!form)
        return form.error();
    PendingRelease release;
    release.key.type = Store::Electron::Full;
    release.key.archs = form->fields.value(u"archs"_s);
    if (!readCommonFields(form.value(), &release.key)
        || !Store::Electron::isFullReleaseArchs(release.key.platform, release.key.archs)) {
        return badParameter();
    }
    release.files = form->yml + form->apps;
    return QList<PendingRelease> { release };
}

Result<QList<PendingRelease>> readAsarReleaseForm(const HttpRequest &request,
                                                  const ReleaseUploadLimits &limits)
{
    auto form = readForm(request, limits, false);
    if (!form)
        return form.error();
    Store::ReleaseKey common;
    common.type = Store::Electron::Asar;
    if (!readCommonFields(form.value(), &common))
        return badParameter();
    // One row per file, its archs named by the file (`x64.zip` is x64), as the original intended.
    QList<PendingRelease> releases;
    QSet<QString> archs;
    for (const Store::IncomingReleaseFile &file : std::as_const(form->apps)) {
        PendingRelease release;
        release.key = common;
        release.key.archs = file.name.section(u'.', 0, 0);
        if (!Store::Electron::isArchitecture(release.key.archs)
            || archs.contains(release.key.archs))
            return badParameter();
        archs.insert(release.key.archs);
        release.files = { file };
        releases.append(release);
    }
    return releases;
}

} // namespace Im::Http
