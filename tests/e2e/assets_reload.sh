#!/usr/bin/env bash
# assets_reload: textures, a data file and a font from the asset folder, through the real
# binary and SDL2_image/SDL2_ttf. A PNG replaced while hotrun runs is drawn in the next
# frames without a code build; a corrupt one keeps the old picture with one sentence; a
# missing one draws the magenta placeholder; an edited level file is read again by the
# game (it moves the camera, then quits); TrueType text and a render target show in the screenshot.
source "$(dirname "$0")/lib.sh"

png() { python3 "$TESTS_DIR/e2e/make_png.py" "$@"; }
pixel() { python3 "$TESTS_DIR/e2e/bmp_pixel.py" "$@"; }

G=$T/g
copy_fixture sprites "$G"
mkdir -p "$G/assets"
png 8 8 ff0000 "$G/assets/tile.png"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$G/assets/font.ttf"
echo "cam 0" >"$G/assets/level.txt"

start_hotrun g --screenshot "$T/shot.bmp" "$G"
wait_event g '.event=="log" and .line=="level v1 cam=0"' >/dev/null
wait_log g 'texture missing\.png: no such file .*drawing a placeholder'

# A new picture behind the same handle, no build.
png 8 8 00ff00 "$G/assets/tile.png"
line=$(wait_event g '.event=="asset" and .path=="tile.png" and .reload')
expect_json "$line" '.ok and .version == 2 and .ms >= 0 and .decode_ms >= 0' "reload of tile.png"

# A corrupt file: the old texture stays, one sentence.
printf 'this is not a png' >"$G/assets/tile.png"
wait_event g '.event=="asset" and .path=="tile.png" and (.ok | not)' >/dev/null
wait_log g 'texture tile\.png: not an image .*; keeping the previous one'

# The level file, saved again: the game sees version 2, moves its camera and asks to quit
# (api->quit): that frame is the screenshot.
echo "cam 100 quit 1" >"$G/assets/level.txt"
wait_event g '.event=="log" and .line=="level v2 cam=100"' >/dev/null
wait_event g '.event=="exit"' >/dev/null
wait "$HOTRUN_PID" || fail "hotrun exited with an error after the game's quit"

[ "$(count_events g '.event=="build"')" -eq 1 ] || fail "an asset save started a code build"
[ "$(pixel "$T/shot.bmp" 132 132)" = "0 255 0" ] || fail "tile.png's new green is not drawn: $(pixel "$T/shot.bmp" 132 132)"
[ "$(pixel "$T/shot.bmp" 301 101)" = "255 0 255" ] || fail "no magenta placeholder for missing.png"
[ "$(pixel "$T/shot.bmp" 310 101)" = "0 0 0" ] || fail "the placeholder is not a checkerboard"
[ "$(pixel "$T/shot.bmp" 410 110)" = "0 0 255" ] || fail "the camera did not move the square to x 400"
[ "$(pixel "$T/shot.bmp" 510 110)" = "0 0 0" ] || fail "the square is still at x 500"
[ "$(pixel "$T/shot.bmp" 610 310)" = "255 0 0" ] || fail "the render target is not drawn"
ink=$(pixel "$T/shot.bmp" 100 300 200 360)
[ "$ink" -gt 200 ] || fail "no TrueType text at (100,300): $ink light pixels"
[ "$(pixel "$T/shot.bmp" 100 400 200 460)" -eq 0 ] || fail "light pixels where no text is"
pass "texture reload, corrupt and missing textures, level file, camera, font, target"
