// SPDX-License-Identifier: BSL-1.0
// The migration runner (docs/migrations.md): migration files and C++ steps, the history table,
// the advisory lock, status, upgrade, downgrade, baseline, repair and offline SQL. Only includes.
#pragma once

#include "pgdsl/migrate/embedded_migrations.hpp"
#include "pgdsl/migrate/migration.hpp"
#include "pgdsl/migrate/migration_errors.hpp"
#include "pgdsl/migrate/migration_set.hpp"
#include "pgdsl/migrate/migration_status.hpp"
#include "pgdsl/migrate/migrator.hpp"
#include "pgdsl/migrate/migrator_options.hpp"
