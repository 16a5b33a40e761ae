/* fuzz_target.h: the state decoder's fuzz target, shared by the libFuzzer harness
 * (fuzz_state.c) and test_state.c, which replays the committed corpus and regressions. */
#ifndef HOTRUN_FUZZ_TARGET_H
#define HOTRUN_FUZZ_TARGET_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hot.h"
#include "state/state.h"

typedef enum FzMode { FZ_MODE_A, FZ_MODE_B = 7, FZ_MODE_NEG = -3 } FzMode;

#define FZ_VEC(X)                                                                              \
    X(FIELD, float, x, 1.5f)                                                                   \
    X(FIELD, float, y, -2)
HOT_STATE(FzVec, FZ_VEC)

#define FZ_ITEM(X)                                                                             \
    X(FIELD, uint8_t, kind, 3)                                                                 \
    X(STRING, label, 8, "item")                                                                \
    X(STRUCT, FzVec, at)                                                                       \
    X(ARRAY, int16_t, stats, 3)                                                                \
    X(TRANSIENT, void *, cache)
HOT_STATE(FzItem, FZ_ITEM)

#define FZ_STATE(X)                                                                            \
    X(FIELD, bool, alive, true)                                                                \
    X(FIELD, int8_t, i8, -5)                                                                   \
    X(FIELD, int16_t, i16, 300)                                                                \
    X(FIELD, int32_t, i32, -70000)                                                             \
    X(FIELD, int64_t, i64, -5000000000)                                                        \
    X(FIELD, uint8_t, u8, 200)                                                                 \
    X(FIELD, uint16_t, u16, 60000)                                                             \
    X(FIELD, uint32_t, u32, 4000000000u)                                                       \
    X(FIELD, uint64_t, u64, 9000000000000000000u)                                              \
    X(FIELD, float, f, 0.25f)                                                                  \
    X(FIELD, double, d, 1e15)                                                                  \
    X(FIELD, char, c, 'z')                                                                     \
    X(ENUM, FzMode, mode, FZ_MODE_B)                                                           \
    X(STRING, name, 16, "fuzz")                                                                \
    X(STRUCT, FzVec, pos)                                                                      \
    X(ARRAY, float, samples, 6)                                                                \
    X(ARRAY, bool, flags, 4)                                                                   \
    X(ARRAY, FzItem, slots, 3)                                                                 \
    X(LIST, FzItem, items, 5)                                                                  \
    X(LIST, uint64_t, ids, 7)                                                                  \
    X(LIST, int8_t, small, 4)                                                                  \
    X(TRANSIENT, int, frame)
HOT_STATE(FzState, FZ_STATE)

/* Decodes arbitrary bytes and checks the promises of state.h; aborts when one is broken:
 * a refused image leaves the state untouched, a checked image always decodes, a decoded
 * state survives its own round trip with no changes reported, and the JSON dump, path
 * lookups and inspector never fail on what the check accepted. */
static void fuzz_one(const uint8_t *data, size_t size)
{
    StateImage img = {(uint8_t *)data, size};
    FzState *s = state_alloc(&hot_schema_FzState);
    FzState *before = state_alloc(&hot_schema_FzState);
    FzState *again = state_alloc(&hot_schema_FzState);
    if (!s || !before || !again)
        abort();
    memcpy(before, s, sizeof(*s));
    StateReport report;
    int check = state_image_check(&img);
    int rc = state_decode(&hot_schema_FzState, &img, s, &report);
    if (check != rc)
        abort();
    if (rc != 0 && memcmp(s, before, sizeof(*s)) != 0)
        abort();
    if (rc == 0) {
        StateImage out = {0};
        if (state_encode(&hot_schema_FzState, 1, s, &out) != 0)
            abort();
        if (state_decode(&hot_schema_FzState, &out, again, &report) != 0)
            abort();
        if (report.count != 0 || report.dropped != 0 || memcmp(s, again, sizeof(*s)) != 0)
            abort();
        state_image_free(&out);
    }
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    if (null && state_image_to_json(&img, null) != check)
        abort();
    static const char *paths[] = {
        "pos.x", "slots.1.at.y", "items[2].stats.1", "samples.5", "ids.3",
        "name",  "mode",         "items.0.label",    "",          "."};
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        double d;
        char buf[8];
        if (state_image_number(&img, paths[i], &d) && check != 0)
            abort();
        if (state_image_string(&img, paths[i], buf, sizeof(buf)) &&
            (check != 0 || strlen(buf) >= sizeof(buf)))
            abort();
    }
    char lines[300];
    state_inspect(&hot_schema_FzState, s, lines, sizeof(lines));
    if (strlen(lines) >= sizeof(lines))
        abort();
    state_free(s);
    state_free(before);
    state_free(again);
}

#endif
