# After `meson install`, hotrun finds hot.h, the probe and the runtime archive beside its own
# executable, so a game in any directory builds, reloads and ships with --static; the
# prefix also holds hotrun.pc, the man page and bash completion.
source "$(dirname "$0")/lib.sh"
: "${BUILD_ROOT:?}"

meson install -C "$BUILD_ROOT" --destdir "$T/inst" --no-rebuild >"$T/install.log" 2>&1 ||
  fail "meson install failed"
installed=$(find "$T/inst" -type f -name hotrun -perm -u+x | head -n 1)
[ -n "$installed" ] || fail "no installed hotrun"
for f in hotrun-probe hot.h libhotrun_runtime.a libhotrun_main.a hotrun.pc hotrun.1; do
  [ -n "$(find "$T/inst" -name "$f")" ] || fail "$f not installed"
done
[ -n "$(find "$T/inst" -path '*/include/hotrun/hot.h')" ] || fail "hot.h not under include/hotrun"
pass "installed: hotrun, hotrun-probe, include/hotrun/hot.h, both archives, hotrun.pc, hotrun.1"

# The man page is --help's text.
man=$(find "$T/inst" -name hotrun.1)
for o in --static --once --frames; do
  grep -q -- "${o//-/\\\\-}" "$man" || grep -q -- "$o" "$man" || fail "hotrun.1 lacks $o"
done
# Bash completion offers the options --help lists and the modes.
comp=$(find "$T/inst" -path '*/bash-completion/completions/hotrun')
[ -n "$comp" ] || fail "no bash completion installed"
got=$(bash -c 'source "$1"; COMP_WORDS=("$2" --sta); COMP_CWORD=1; _hotrun
  printf "%s\n" "${COMPREPLY[@]}"; COMP_WORDS=("$2" ne); _hotrun; printf "%s\n" "${COMPREPLY[@]}"' \
  _ "$comp" "$installed")
echo "$got" | grep -qx -- --static || fail "completion of --sta: $got"
echo "$got" | grep -qx -- --state-in || fail "completion of --sta: $got"
echo "$got" | grep -qx new || fail "completion of ne: $got"
pass "man page from --help, bash completion of options and modes"

# A game outside the source tree, started by the installed binary.
copy_fixture counter "$T/mygame"
"$installed" --once "$T/mygame" >"$T/once.log" 2>&1 || fail "installed hotrun --once failed"
"$installed" --static "$T/mygame" -o "$T/mygame.bin" >"$T/static.log" 2>&1 ||
  fail "installed hotrun --static failed"
"$T/mygame.bin" --headless --frames 5 >"$T/run.log" 2>&1 || fail "the release binary failed"
pass "installed hotrun: --once and --static on a game in $T/mygame"

# pkg-config from the prefix: a game built by its own command against the installed runtime.
pcdir=$(dirname "$(find "$T/inst" -name hotrun.pc)")
export PKG_CONFIG_PATH=$pcdir
pkg-config --cflags hotrun | grep -q -- "-I$T/inst" || fail "hotrun.pc cflags: $(pkg-config --cflags hotrun)"
mkdir -p "$T/tiny"
cat >"$T/tiny/tiny.c" <<'SRC'
#include <hot.h>
#define TINY_STATE(X) X(FIELD, uint32_t, frames, 0)
HOT_STATE(TinyState, TINY_STATE)
static void tiny_update(const HotApi *api, void *state)
{
    TinyState *s = state;
    if (++s->frames == 3)
        api->log("tiny ran 3 frames");
}
HOT_GAME(TinyState, .name = "tiny", .update = tiny_update);
SRC
# shellcheck disable=SC2046
cc -std=c11 -o "$T/tiny/tiny" "$T/tiny/tiny.c" $(pkg-config --cflags --libs hotrun) \
  >"$T/tiny.log" 2>&1 || fail "cc with pkg-config --cflags --libs hotrun failed"
"$T/tiny/tiny" --headless --frames 3 --events "$T/tiny.jsonl" >>"$T/tiny.log" 2>&1 ||
  fail "the tiny program failed"
jq -se 'any(.[]; .event=="log" and .line == "tiny ran 3 frames")' "$T/tiny.jsonl" >/dev/null ||
  fail "the tiny program did not run its update"
pass "pkg-config --cflags --libs hotrun builds and links a program against the installed runtime"

# hotrun new with the installed hotrun, outside the source tree: the template is installed,
# the new game passes --once and --static at once, and clangd resolves every include.
(cd "$T" && "$installed" new newgame) >"$T/new.log" 2>&1 || fail "installed hotrun new failed"
for f in main.c hotrun.ini README.md .gitignore .clangd assets/coin.png assets/coin.wav; do
  [ -f "$T/newgame/$f" ] || fail "hotrun new wrote no $f"
done
grep -q '"newgame"' "$T/newgame/main.c" || fail "the game's name is not in main.c"
[ "$(wc -l <"$T/newgame/README.md")" -le 3 ] || fail "the README is more than two lines"
grep -qF -- "-I$T/inst" "$T/newgame/.clangd" || fail ".clangd does not name the installed hot.h"
"$installed" new "$T/newgame" >"$T/new2.log" 2>&1 && fail "hotrun new wrote into a full folder"
grep -q "exists and is not empty" "$T/new2.log" || fail "no sentence for a full folder"
(cd "$T" && "$installed" --once --audio-out "$T/new.wav" newgame) >"$T/new_once.log" 2>&1 ||
  fail "--once on the new game failed"
cmp -s "$T/newgame/assets/coin.wav" "$SRC_ROOT/templates/new/coin.wav" || fail "coin.wav is not copied byte for byte"
grep -qE "(texture|sound) coin\.(png|wav):" "$T/new_once.log" &&
  fail "the new game's sprite or sound does not load: $(cat "$T/new_once.log")"
[ -s "$T/new.wav" ] || fail "--audio-out wrote nothing for the new game"
(cd "$T" && "$installed" --static newgame -o newgame.tar.gz) >"$T/new_static.log" 2>&1 ||
  fail "--static on the new game failed"
mkdir -p "$T/player" && tar -xzf "$T/newgame.tar.gz" -C "$T/player" ||
  fail "cannot unpack newgame.tar.gz"
[ -x "$T/player/newgame/newgame" ] || fail "the release archive holds no newgame/newgame"
[ -f "$T/player/newgame/assets/coin.wav" ] || fail "the release archive holds no assets/coin.wav"
"$T/player/newgame/newgame" --headless --frames 3 >"$T/new_run.log" 2>&1 ||
  fail "the new game's release failed"
pass "hotrun new outside the tree: --once and --static -o newgame.tar.gz pass at once"

command -v clangd >/dev/null || fail "clangd is not installed (scripts/setup installs it)"
(cd "$T/newgame" && clangd --check=main.c) >"$T/clangd.log" 2>&1 || true
grep -q "All checks completed, 0 errors" "$T/clangd.log" ||
  fail "clangd --check main.c: $(grep -E 'E\[|error' "$T/clangd.log" | head -n 5)"
pass "clangd --check on the new game's main.c: 0 errors"
