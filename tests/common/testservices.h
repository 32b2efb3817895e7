#pragma once

#include "store/databasesettings.h"

#include <QString>

namespace Im::Test {

//! Where the test script's throwaway MariaDB and Redis are (IM_TEST_* variables). Without them a
//! test that needs one skips on a laptop; with IM_TEST_REQUIRE_SERVICES=1 (set by the test script,
//! so in CI) it fails instead, so nothing is ever skipped there.
struct TestServices
{
    [[nodiscard]] static bool hasMariaDb();
    [[nodiscard]] static bool servicesRequired();
    //! Settings for a MariaDB database named \a databaseName on the test server.
    [[nodiscard]] static Store::DatabaseSettings mariaDb(const QString &databaseName);
    //! The original server's database (`tests/fixtures/im_server_original.sql`, made by
    //! `tests/fixtures/make-original-fixture.mjs`).
    [[nodiscard]] static QString originalFixturePath();
    [[nodiscard]] static QString serverBinary();
};

} // namespace Im::Test

//! Skips (laptop) or fails (test script, CI) when MariaDB is not available.
#define IM_REQUIRE_MARIADB()                                                                       \
    do {                                                                                           \
        if (!Im::Test::TestServices::hasMariaDb()) {                                               \
            if (Im::Test::TestServices::servicesRequired())                                        \
                QFAIL("IM_TEST_MARIADB_* is not set but IM_TEST_REQUIRE_SERVICES=1");              \
            QSKIP("MariaDB not configured (run the README's test command)");                       \
        }                                                                                          \
    } while (false)
