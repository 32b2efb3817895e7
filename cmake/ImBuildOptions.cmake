# One INTERFACE target carries the language level, warnings and Qt hygiene defines. Every target of
# the project links it PRIVATE, so nothing leaks to third-party code and no global flags are needed.
add_library(im_build_options INTERFACE)
add_library(Im::BuildOptions ALIAS im_build_options)

target_compile_features(im_build_options INTERFACE cxx_std_20)
target_compile_options(im_build_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wformat=2 -Wimplicit-fallthrough)
if(IM_WERROR)
    target_compile_options(im_build_options INTERFACE -Werror)
endif()
target_compile_definitions(im_build_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    IM_VERSION_STRING="${PROJECT_VERSION}")

if(IM_SANITIZE)
    # Applied to every target of the project (also the executables that link the libraries), so the
    # sanitizer runtime is present once and consistently. UBSan without its alignment, null and
    # pointer-overflow checks: they instrument every memory access and took over a third of the test
    # build's compile time (measured on tests/im/tst_deliverychannel.cpp: 8.2 s of CPU with them,
    # 5.4 s without, 5.1 s with AddressSanitizer alone). A null dereference still stops the test with
    # AddressSanitizer's report, and x86-64 does not fault on misaligned access.
    add_compile_options(-fsanitize=address,undefined -fno-sanitize=alignment,null,pointer-overflow
                        -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

if(IM_FUZZ)
    # libFuzzer ships with clang only; gcc would fail later with a less helpful message.
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "IM_FUZZ=ON needs clang (found ${CMAKE_CXX_COMPILER_ID}): configure a "
                            "fresh build directory with CC=clang CXX=clang++, as scripts/fuzz.sh does.")
    endif()
    # Coverage feedback and sanitizers in every library; the fuzz targets add libFuzzer's main.
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# mold links the ~80 sanitizer executables of a test build about five times faster than GNU ld
# (im-server: 7.9 s against 1.4 s here); used for the test build when installed, which
# scripts/install-deps.sh does. Without RELRO: Debian 12's mold 1.10 can start PT_GNU_RELRO inside
# an unmapped page before the data segment (rui314/mold#1151), and the loader then refuses the
# executable ("cannot apply additional memory protection after relocation"). The layout depends on
# the paths, so it struck a different test in each clone. Builds that are installed or run
# (scripts/run.sh, scripts/package.sh) keep GNU ld and full RELRO.
find_program(IM_MOLD ld.mold)
if(IM_MOLD AND IM_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_link_options(-fuse-ld=mold -Wl,-z,norelro)
endif()
