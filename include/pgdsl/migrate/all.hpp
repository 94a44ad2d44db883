// SPDX-License-Identifier: BSL-1.0
// The migration runner (docs/migrations.md): migration files and C++ steps, the history table,
// the advisory lock, status, upgrade, downgrade, baseline, repair, offline SQL and autogenerate.
// Only includes. Not here: pgdsl/migrate/autogenerate_command.hpp (the command line of a program's
// `autogenerate`, which prints with <iostream>): the program that offers the command includes it.
#pragma once

#include "pgdsl/migrate/autogenerate.hpp"
#include "pgdsl/migrate/embedded_migrations.hpp"
#include "pgdsl/migrate/migration.hpp"
#include "pgdsl/migrate/migration_errors.hpp"
#include "pgdsl/migrate/migration_set.hpp"
#include "pgdsl/migrate/migration_status.hpp"
#include "pgdsl/migrate/migrator.hpp"
#include "pgdsl/migrate/migrator_options.hpp"
#include "pgdsl/migrate/schema_plan.hpp"
