#include "store/schemapreparation.h"

#include "store/seeder.h"

namespace Im::Store {

Result<MigrationReport> prepareSchema(DbSession &session)
{
    auto report = Migrator(session).migrate();
    if (!report)
        return report;
    if (auto seeded = seedRolesAndPermissions(session); !seeded)
        return seeded.error();
    return report;
}

} // namespace Im::Store
