#!/usr/bin/env bash
# run.sh: builds the state decoder's libFuzzer harness with clang and runs it for a bounded
# time over a copy of the committed corpus, after replaying every saved regression.
# FUZZ_SECONDS (default 20) bounds the run; a crash makes it fail and keeps the input.
set -euo pipefail
ROOT="${SRC_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
SECONDS_BUDGET="${FUZZ_SECONDS:-20}"
CLANG="${CLANG:-clang}"

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "skipped: clang/libFuzzer missing (no $CLANG)"
    exit 0
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hotrun-fuzz-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# A harness-less probe tells "no libFuzzer runtime" apart from an error in our code.
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }' \
    >"$WORK/probe.c"
if ! "$CLANG" -fsanitize=fuzzer "$WORK/probe.c" -o "$WORK/probe" >/dev/null 2>&1; then
    echo "skipped: clang/libFuzzer missing ($CLANG cannot link -fsanitize=fuzzer)"
    exit 0
fi

MSGPACK_FLAGS="$(pkg-config --cflags --libs msgpack-c 2>/dev/null ||
    pkg-config --cflags --libs msgpack 2>/dev/null || echo -lmsgpackc)"
# shellcheck disable=SC2086
"$CLANG" -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all -I"$ROOT/shared" -I"$ROOT/launcher" \
    "$ROOT"/launcher/state/{convert,cursor,decode,encode,file,format,handles,image,json,query,schema,sink,table,table_plan,text}.c \
    "$ROOT/launcher/util/json.c" "$ROOT/launcher/util/error.c" "$ROOT/launcher/util/hash.c" \
    "$ROOT/tests/fuzz/fuzz_state.c" $MSGPACK_FLAGS -lm \
    -o "$WORK/fuzz_state"

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$WORK/corpus" "$WORK/artifacts"
cp "$ROOT"/tests/fuzz/corpus/* "$WORK/corpus/" 2>/dev/null || true

regressions=("$ROOT"/tests/fuzz/regressions/*)
if [ -e "${regressions[0]}" ]; then
    echo "replaying ${#regressions[@]} regressions"
    "$WORK/fuzz_state" -runs=1 "${regressions[@]}" >"$WORK/replay.log" 2>&1 || {
        cat "$WORK/replay.log"
        echo "FAIL: a saved regression crashes again"
        exit 1
    }
fi

echo "fuzzing for ${SECONDS_BUDGET}s"
if ! "$WORK/fuzz_state" -max_total_time="$SECONDS_BUDGET" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -artifact_prefix="$WORK/artifacts/" -print_final_stats=1 \
    "$WORK/corpus" >"$WORK/fuzz.log" 2>&1; then
    tail -n 60 "$WORK/fuzz.log"
    mkdir -p "$ROOT/tests/fuzz/regressions"
    for f in "$WORK"/artifacts/*; do
        [ -e "$f" ] || continue
        cp "$f" "$ROOT/tests/fuzz/regressions/"
        echo "crashing input kept as tests/fuzz/regressions/$(basename "$f")"
    done
    echo "FAIL: the fuzzer found a crash"
    exit 1
fi
grep -E '^(Done|stat::number_of_executed_units|#[0-9]+ *DONE)' "$WORK/fuzz.log" || true
echo "fuzz_state: no crash in ${SECONDS_BUDGET}s"
