#include "http/electronpublisher.h"

#include "im/futures.h"
#include "store/dbexecutor.h"

#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

using namespace Qt::StringLiterals;

namespace Im::Http {

namespace {

using Outcome = ElectronPublisher::Outcome;
using Reply = std::shared_ptr<QPromise<Outcome>>;

void finish(const Reply &reply, Outcome outcome)
{
    reply->addResult(std::move(outcome));
    reply->finish();
}

//! Calls \a next with the value of \a future on \a context's thread when it succeeded; otherwise
//! the reply carries its error.
template<typename T, typename Next>
void onSuccess(const QFuture<Result<T>> &future, QObject *context, const Reply &reply, Next next)
{
    whenFinished(
        future, context,
        [reply, next = std::move(next)](Result<T> result) mutable {
            if (!result) {
                finish(reply, result.error());
                return;
            }
            if constexpr (std::is_void_v<T>)
                next();
            else
                next(std::move(result).value());
        },
        [reply] { finish(reply, makeError(ErrorCode::Internal, u"The upload was canceled."_s)); });
}

QList<Store::ReleaseKey> keysOf(const QList<Store::StagedRelease> &staged)
{
    QList<Store::ReleaseKey> keys;
    for (const Store::StagedRelease &release : staged)
        keys.append(release.key);
    return keys;
}

bool sameKey(const Store::ReleaseKey &a, const Store::ReleaseKey &b)
{
    return a.type == b.type && a.platform == b.platform && a.archs == b.archs
        && a.version == b.version;
}

} // namespace

QJsonObject PublishedRelease::toJson() const
{
    QJsonArray fileList;
    for (const Store::ReleaseFile &file : files)
        fileList.append(file.toJson());
    QJsonObject json = record.toJson();
    json.insert(u"files"_s, fileList);
    return json;
}

ElectronPublisher::ElectronPublisher(Store::DbExecutor &database, Store::ElectronStorage storage,
                                     ReleaseUploadLimits limits, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_storage(std::move(storage))
    , m_limits(limits)
{ }

QFuture<ElectronPublisher::Outcome> ElectronPublisher::publish(const HttpRequest &request,
                                                               FormReader readForm)
{
    auto reply = std::make_shared<QPromise<Outcome>>();
    reply->start();
    // The worker needs the body and headers only; the connection pointer stays on this thread.
    HttpRequest form = request;
    form.connection.clear();
    auto read = QtConcurrent::run(
        [form = std::move(form), readForm, limits = m_limits] { return readForm(form, limits); });
    onSuccess(read, this, reply,
              [this, reply](const QList<PendingRelease> &releases) { check(releases, reply); });
    return reply->future();
}

void ElectronPublisher::check(const QList<PendingRelease> &releases, const Reply &reply)
{
    // Refused before any file is written; insertReleases() checks again under its lock.
    QList<Store::ReleaseKey> keys;
    for (const PendingRelease &release : releases)
        keys.append(release.key);
    auto checked = m_database.run<void>(
        [keys](Store::DbSession &session) { return Store::checkNotPublished(session, keys); },
        Store::Retry::OnConnectionLoss);
    onSuccess(checked, this, reply, [this, reply, releases] { stage(releases, reply); });
}

void ElectronPublisher::stage(const QList<PendingRelease> &releases, const Reply &reply)
{
    auto staged =
        QtConcurrent::run([storage = m_storage, releases]() -> Result<QList<Store::StagedRelease>> {
            QList<Store::StagedRelease> done;
            for (const PendingRelease &release : releases) {
                auto one = storage.stage(release.key, release.files);
                if (!one) {
                    storage.discard(done);
                    return one.error();
                }
                done.append(one.value());
            }
            return done;
        });
    onSuccess(staged, this, reply,
              [this, reply](const QList<Store::StagedRelease> &files) { commit(files, reply); });
}

void ElectronPublisher::commit(const QList<Store::StagedRelease> &staged, const Reply &reply)
{
    auto inserted = m_database.run<QList<Store::ElectronRecord>>(
        [storage = m_storage, staged](Store::DbSession &session) {
            bool placed = false;
            auto rows = Store::insertReleases(session, keysOf(staged), [&] {
                auto moved = storage.place(staged);
                placed = moved.isOk();
                return moved;
            });
            if (!rows) {
                if (placed) // the commit itself failed
                    storage.unplace(staged);
                storage.discard(staged);
            }
            return rows;
        });
    onSuccess(inserted, this, reply, [reply, staged](const QList<Store::ElectronRecord> &rows) {
        QList<PublishedRelease> published;
        for (const Store::ElectronRecord &row : rows) {
            PublishedRelease release { row, {} };
            for (const Store::StagedRelease &files : staged) {
                if (sameKey(files.key, row.key))
                    release.files = files.files;
            }
            published.append(release);
        }
        finish(reply, published);
    });
}

} // namespace Im::Http
