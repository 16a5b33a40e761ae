#!/usr/bin/env bash
# assets_handles: a texture handle kept in HOT_STATE is saved by its asset path. Through a
# code swap, a quicksave and quickload, and a --state-in in a new run (init never runs, so
# only the image knows the picture), the game draws the same texture: its pixels are in
# the screenshot, and `hotrun dump` shows the path.
source "$(dirname "$0")/lib.sh"

png() { python3 "$TESTS_DIR/e2e/make_png.py" "$@"; }
pixel() { python3 "$TESTS_DIR/e2e/bmp_pixel.py" "$@"; }

G=$T/g
mkdir -p "$G/assets"
png 16 16 00c000 "$G/assets/pic.png"
cat >"$G/main.c" <<'C'
#include "hot.h"

#define STATE(X)                                                                       \
    X(FIELD, HotTexture, pic, 0)                                                       \
    X(FIELD, int32_t, frames, 0)
HOT_STATE(S, STATE)

static void init(const HotApi *api, void *state)
{
    ((S *)state)->pic = api->load_texture("pic.png");
}

static void update(const HotApi *api, void *state)
{
    (void)api;
    ((S *)state)->frames++;
}

static void draw(const HotApi *api, const void *state)
{
    const S *s = state;
    api->clear(HOT_RGB(0, 0, 0));
    Vec2 size = api->texture_size(s->pic);
    if (size.x > 0)
        api->draw_sprite(s->pic, (Rect){0, 0, 0, 0}, (Rect){100, 100, 64, 64}, (Vec2){0, 0},
                         0, HOT_FLIP_NONE, HOT_RGB(255, 255, 255));
}

HOT_GAME(S, .name = "handles", .init = init, .update = update, .draw = draw);
C

# A run that saves its state at the end: the image names the picture by its path.
"$HOTRUN" --headless --frames 20 --state-out "$T/a.state" "$G" >"$T/a.log" 2>&1 ||
  fail "the first run failed: $(cat "$T/a.log")"
expect_json "$(dump "$T/a.state")" '.state.pic == "pic.png"' "the handle in the image"

# A new run from that image: init does not run; the handle comes back by its path.
"$HOTRUN" --headless --frames 5 --state-in "$T/a.state" --screenshot "$T/b.bmp" "$G" \
  >"$T/b.log" 2>&1 || fail "the --state-in run failed: $(cat "$T/b.log")"
[ "$(pixel "$T/b.bmp" 130 130)" = "0 192 0" ] ||
  fail "after --state-in the picture is not drawn: $(pixel "$T/b.bmp" 130 130)"
pass "a texture handle in the state: saved as pic.png, drawn again after --state-in"

# In develop mode: a code swap, then a quicksave and a quickload, still the same picture.
start_hotrun g --screenshot "$T/c.bmp" "$G"
wait_event g '.event=="reload" and .ok' >/dev/null
# The new code asks to quit: its first frame is the screenshot.
sed -i 's/((S \*)state)->frames++;/((S *)state)->frames++; api->quit();/' "$G/main.c"
wait_event g '.event=="exit"' >/dev/null
wait "$HOTRUN_PID" || fail "hotrun failed after the swap: $(cat "$T/g.log")"
expect_json "$(jq -c 'select(.event=="exit")' "$T/g.jsonl")" '.gen == 2' "the exit after the swap"
[ "$(pixel "$T/c.bmp" 130 130)" = "0 192 0" ] ||
  fail "after a swap the picture is not drawn: $(pixel "$T/c.bmp" 130 130)"
sed -i 's/ api->quit();//' "$G/main.c"
"$HOTRUN" --headless --frames 40 --press "ctrl+f5@5 ctrl+f9@30" --screenshot "$T/d.bmp" \
  --events "$T/d.jsonl" "$G" >"$T/d.log" 2>&1 || fail "the quickload run failed: $(cat "$T/d.log")"
expect_json "$(jq -c 'select(.event=="load")' "$T/d.jsonl")" '.ok' "the quickload"
[ "$(pixel "$T/d.bmp" 130 130)" = "0 192 0" ] ||
  fail "after a quickload the picture is not drawn: $(pixel "$T/d.bmp" 130 130)"
pass "the same picture after a code swap and after a quicksave and quickload"
