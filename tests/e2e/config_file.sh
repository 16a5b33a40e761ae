# hotrun.ini in the game's folder: its values take effect (compile flags, a save file path
# relative to the file), the command line wins over it, --config names another file, and a
# bad line is refused with the file and its line number before anything is built.
source "$(dirname "$0")/lib.sh"

mkdir -p "$T/game"
cat >"$T/game/game.c" <<'SRC'
#include "hot.h"
#define S(X) X(FIELD, int32_t, frames, 0)
HOT_STATE(State, S)
static void update(const HotApi *api, void *state)
{
    State *s = state;
    if (s->frames++ == 0)
        api->log("value %d", CONFIG_VALUE);
}
HOT_GAME(State, .name = "configured", .update = update);
SRC
cat >"$T/game/hotrun.ini" <<'INI'
# flags for every build of this game
cflags = -DCONFIG_VALUE=42
save-file = saves/quick.state
INI
mkdir -p "$T/game/saves"

(cd "$T" && "$HOTRUN" --once --press "ctrl+f5@3" --events "$T/once.jsonl" game >"$T/once.log" 2>&1) ||
  fail "--once with hotrun.ini failed"
[ "$(count_events once '.event=="log" and .line=="value 42"')" -eq 1 ] ||
  fail "hotrun.ini's cflags did not reach the compiler"
[ -f "$T/game/saves/quick.state" ] || fail "save-file was not taken relative to hotrun.ini"
pass "hotrun.ini: cflags reach the compiler, save-file is relative to the file's folder"

"$HOTRUN" --once --cflags=-DCONFIG_VALUE=43 --events "$T/cli.jsonl" "$T/game" >"$T/cli.log" 2>&1 ||
  fail "--once with --cflags failed"
[ "$(count_events cli '.event=="log" and .line=="value 43"')" -eq 1 ] ||
  fail "the command line did not win over hotrun.ini"
printf 'cflags = -DCONFIG_VALUE=44\n' >"$T/other.ini"
"$HOTRUN" --once --config "$T/other.ini" --events "$T/other.jsonl" "$T/game" >"$T/other.log" 2>&1 ||
  fail "--once with --config failed"
[ "$(count_events other '.event=="log" and .line=="value 44"')" -eq 1 ] ||
  fail "--config FILE was not read instead of hotrun.ini"
pass "the command line wins over hotrun.ini; --config reads another file"

printf 'cflags = -DCONFIG_VALUE=42\n\ncolour = red\n' >"$T/game/hotrun.ini"
rc=0
"$HOTRUN" --once --events "$T/bad.jsonl" "$T/game" >"$T/bad.log" 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "a bad hotrun.ini gave exit $rc, not 2"
want="hotrun: $T/game/hotrun.ini:3: unknown key 'colour'"
head -n 1 "$T/bad.log" | grep -qF "$want" || fail "not the sentence: $(cat "$T/bad.log")"
[ "$(wc -l <"$T/bad.log")" -eq 1 ] || fail "more than one line for a bad key"
[ ! -s "$T/bad.jsonl" ] || fail "something was built with a bad hotrun.ini"
printf '[build]\ncc = tcc\n' >"$T/game/hotrun.ini"
"$HOTRUN" --once "$T/game" >"$T/section.log" 2>&1 && fail "a section was accepted"
grep -qF "hotrun.ini:2: sections are not used" "$T/section.log" ||
  fail "not the sentence: $(cat "$T/section.log")"
"$HOTRUN" --once --no-config --cflags=-DCONFIG_VALUE=1 "$T/game" >"$T/none.log" 2>&1 ||
  fail "--no-config still read the bad file"
pass "a bad line is refused with file and line (exit 2, nothing built); --no-config skips it"
