#pragma once

#include "http/electronuploadform.h"
#include "http/httprequest.h"
#include "im/result.h"
#include "store/electronqueries.h"
#include "store/electronstorage.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QPromise>

#include <memory>

namespace Im::Store {
class DbExecutor;
}

namespace Im::Http {

//! A release as an upload created it: its row and its files.
struct PublishedRelease
{
    Store::ElectronRecord record;
    QList<Store::ReleaseFile> files;

    //! The row's fields plus `files: [{field, name, size}]`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! Publishes an uploaded release in steps that keep the network thread free: read the form (a
//! worker), refuse a release that exists (the database), write the files to a staging directory
//! (a worker), then insert the rows and move the files into place in one transaction (the
//! database). A failed upload leaves neither rows nor files behind.
class ElectronPublisher : public QObject
{
public:
    using FormReader = Result<QList<PendingRelease>> (*)(const HttpRequest &,
                                                         const ReleaseUploadLimits &);
    using Outcome = Result<QList<PublishedRelease>>;

    ElectronPublisher(Store::DbExecutor &database, Store::ElectronStorage storage,
                      ReleaseUploadLimits limits, QObject *parent = nullptr);

    //! Publishes the upload \a request, whose form \a readForm reads.
    QFuture<Outcome> publish(const HttpRequest &request, FormReader readForm);

private:
    using Reply = std::shared_ptr<QPromise<Outcome>>;

    void check(const QList<PendingRelease> &releases, const Reply &reply);
    void stage(const QList<PendingRelease> &releases, const Reply &reply);
    void commit(const QList<Store::StagedRelease> &staged, const Reply &reply);

    Store::DbExecutor &m_database;
    const Store::ElectronStorage m_storage;
    const ReleaseUploadLimits m_limits;
};

} // namespace Im::Http
