// Moved to pgdsl/error/error.hpp; this path forwards to it.
#pragma once
#include "pgdsl/error/error.hpp"
