#include "http/databaseprobe.h"

#include "im/futures.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace Im::Http {

QFuture<DatabaseHealth> probeDatabase(Store::DbExecutor &database, QObject *context)
{
    const bool sqlite = database.settings().dialect == Store::Dialect::Sqlite;
    auto probe = database.run<qint64>(
        [](Store::DbSession &session) -> Result<qint64> {
            QElapsedTimer timer;
            timer.start();
            if (auto done = session.scalar(u"SELECT 1"_s); !done)
                return done.error();
            return timer.nsecsElapsed();
        },
        Store::Retry::OnConnectionLoss);
    return thenOn(probe, context, [sqlite](Result<qint64> outcome) {
        DatabaseHealth health;
        health.up = bool(outcome);
        health.json.insert(u"driver"_s, sqlite ? u"sqlite"_s : u"mariadb"_s);
        health.json.insert(u"status"_s, health.up ? u"up"_s : u"down"_s);
        if (health.up)
            health.json.insert(u"latencyMs"_s, double(outcome.value()) / 1e6);
        return health;
    });
}

} // namespace Im::Http
