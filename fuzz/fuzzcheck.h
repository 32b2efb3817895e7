#pragma once

#include <cstdio>
#include <cstdlib>

namespace Im::Fuzz {

//! An invariant of the code under test. Stops the run like a crash, so that libFuzzer keeps the
//! input, also in release builds where assert() is compiled out.
inline void check(bool holds, const char *invariant)
{
    if (holds)
        return;
    std::fprintf(stderr, "fuzz invariant violated: %s\n", invariant);
    std::abort();
}

} // namespace Im::Fuzz
