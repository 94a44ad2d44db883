// SPDX-License-Identifier: BSL-1.0
// all: every type mapping pgdsl ships, for code that binds or reads values of any supported type
// (the execution layer, the umbrella header). Include a single family's header to compile less.
#pragma once

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/array.hpp"
#include "pgdsl/types/boolean.hpp"
#include "pgdsl/types/bytea.hpp"
#include "pgdsl/types/chrono.hpp"
#include "pgdsl/types/enumeration.hpp"
#include "pgdsl/types/floating.hpp"
#include "pgdsl/types/integer.hpp"
#include "pgdsl/types/json.hpp"
#include "pgdsl/types/numeric.hpp"
#include "pgdsl/types/record_array.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/text.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"
#include "pgdsl/types/uuid.hpp"
#include "pgdsl/types/wire.hpp"
