// The fuzzing driver: one C file, so that SwiftPM links libFuzzer's own `main` untouched (it
// renames the `main` of a Swift executable, which then collides with libFuzzer's).
// - scripts/fuzz builds it with -sanitize=fuzzer,address and -D FUZZING: libFuzzer's `main`
//   calls LLVMFuzzerTestOneInput with every input; BEIAN_FUZZ_TARGET names the target.
// - a plain `swift build` makes a replay tool: `beian-fuzz TARGET FILE…` runs each file once
//   through the target (no sanitizer, no libFuzzer), to debug an input in a normal build.
// Both call into Swift: Fuzz/Sources/BeianFuzz/Entry.swift.
#include <stddef.h>
#include <stdint.h>

int beian_fuzz_test_one_input(const uint8_t *data, size_t size);
int beian_fuzz_replay(int argc, char **argv);

#ifdef FUZZING
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return beian_fuzz_test_one_input(data, size);
}
#else
int main(int argc, char **argv) {
    return beian_fuzz_replay(argc, argv);
}
#endif
