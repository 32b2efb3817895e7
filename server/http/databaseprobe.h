#pragma once

#include "store/dbexecutor.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>

namespace Im::Http {

//! What one round trip to the database showed.
struct DatabaseHealth
{
    bool up = false;
    //! `{driver: "sqlite"|"mariadb", status: "up"|"down", latencyMs}` (latencyMs only when up).
    QJsonObject json;
};

//! Runs `SELECT 1` on a database worker and measures it: the database part of `GET /api/v1/health`
//! and of the admin overview. The result is delivered on \a context's thread.
[[nodiscard]] QFuture<DatabaseHealth> probeDatabase(Store::DbExecutor &database, QObject *context);

} // namespace Im::Http
