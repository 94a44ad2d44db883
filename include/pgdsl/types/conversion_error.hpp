// Moved to pgdsl/error/conversion_error.hpp; this path forwards to it.
#pragma once
#include "pgdsl/error/conversion_error.hpp"
