// pgdsl: the umbrella header, `#include <pgdsl/pgdsl.hpp>` and nothing else is needed.
// It only includes; every capability lives in its own header under pgdsl/<layer>/.
#pragma once

#include "pgdsl/version.hpp"

#include "pgdsl/util/error.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/type_list.hpp"
