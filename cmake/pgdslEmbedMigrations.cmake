# SPDX-License-Identifier: BSL-1.0
# pgdsl_embed_migrations(<target> <dir>): compiles the migration files of <dir> (*.sql, not its
# subdirectories) into <target>, which reads them with pgdsl::embedded_migrations()
# (<pgdsl/migrate/embedded_migrations.hpp>). The source is generated at build time and again
# whenever a file of <dir> changes; adding or removing a file re-runs the glob (CONFIGURE_DEPENDS).
# One directory per target.
include_guard(GLOBAL)
set(PGDSL_EMBED_MIGRATIONS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/pgdslEmbedMigrationFiles.cmake")

function(pgdsl_embed_migrations target dir)
  get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "pgdsl_embed_migrations(${target}): no directory ${dir}")
  endif()
  file(GLOB files CONFIGURE_DEPENDS "${dir}/*.sql")
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded_migrations.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" "-DPGDSL_MIGRATIONS_DIR=${dir}" "-DPGDSL_OUTPUT=${output}"
            -P "${PGDSL_EMBED_MIGRATIONS_SCRIPT}"
    DEPENDS ${files} "${PGDSL_EMBED_MIGRATIONS_SCRIPT}"
    COMMENT "Embedding the migrations of ${dir} into ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
