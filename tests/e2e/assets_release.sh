#!/usr/bin/env bash
# assets_release: hotrun --static carries the game's assets: -o DIR/ puts them in a folder
# beside the executable, a one-file release has them built in. Both run from another
# working directory (and the one file from another folder too), draw their textures and
# TrueType text, and answer none of the developer's keys (F5 writes no quicksave).
# Both runs share one save folder ($XDG_DATA_HOME/hotrun/sprites/): the second counts 2.
source "$(dirname "$0")/lib.sh"
export XDG_DATA_HOME=$T/data

png() { python3 "$TESTS_DIR/e2e/make_png.py" "$@"; }
pixel() { python3 "$TESTS_DIR/e2e/bmp_pixel.py" "$@"; }

G=$T/g
copy_fixture sprites "$G"
mkdir -p "$G/assets" "$T/elsewhere" "$T/cwd"
png 8 8 ff0000 "$G/assets/tile.png"
ln -s /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$G/assets/font.ttf"
echo "cam 100" >"$G/assets/level.txt"

# check_shot SHOT WHAT: the release drew the texture, the level file, the font.
check_shot() {
  [ "$(pixel "$1" 132 132)" = "255 0 0" ] || fail "$2: tile.png not drawn: $(pixel "$1" 132 132)"
  [ "$(pixel "$1" 410 110)" = "0 0 255" ] || fail "$2: level.txt not read (camera)"
  [ "$(pixel "$1" 100 300 200 360)" -gt 200 ] || fail "$2: no TrueType text"
  [ "$(pixel "$1" 301 101)" = "255 0 255" ] || fail "$2: no placeholder for missing.png"
}

"$HOTRUN" --static "$G" -o "$T/rel/" >"$T/build1.log" 2>&1 || fail "--static -o DIR/ failed"
[ -f "$T/rel/assets/tile.png" ] && [ -f "$T/rel/assets/font.ttf" ] && [ ! -L "$T/rel/assets/font.ttf" ] ||
  fail "the assets were not copied beside the executable (links followed)"
(cd "$T/cwd" && "$T/rel/g" --headless --frames 20 --press "f5@5 ctrl+f5@7" --screenshot "$T/a.bmp") \
  >"$T/run1.log" 2>&1 || fail "the release folder's game failed"
check_shot "$T/a.bmp" "release folder"
[ ! -e "$T/cwd/hotrun-quicksave.state" ] || fail "F5 saved a quicksave in a release build"
grep -q "missing.png: no such file" "$T/run1.log" || fail "no sentence for the missing texture"
grep -q "runs 1 saved=1 refused=1 in $T/data/hotrun/sprites/" "$T/run1.log" ||
  fail "the save folder is not SDL's pref path: $(grep runs "$T/run1.log")"
pass "a release folder runs from another directory with its assets"

"$HOTRUN" --static "$G" -o "$T/one" >"$T/build2.log" 2>&1 || fail "--static -o FILE failed"
grep -q "assets built in" "$T/build2.log" || fail "the one-file release says nothing of its assets"
mv "$T/one" "$T/elsewhere/game"
rm -rf "$G/assets" # the sources' assets are gone: only the executable has them
(cd "$T/cwd" && "$T/elsewhere/game" --headless --frames 20 --screenshot "$T/b.bmp") \
  >"$T/run2.log" 2>&1 || fail "the one-file game failed"
check_shot "$T/b.bmp" "one file"
grep -q "runs 2 saved=1" "$T/run2.log" || fail "the second run did not read the first one's save"
pass "a one-file release carries its assets, from any folder and directory"
