# --pkg NAME: a pkg-config library (libcjson, from Debian) in the game's compiles and links,
# in develop, --once and --static builds, also named in hotrun.ini; hotrun keeps it loaded for
# the whole run, so cJSON's own static state (the place of its last parse error) survives a
# swap and --once's close-and-reopen round trip (fixtures/pkg_cjson says how it checks).
source "$(dirname "$0")/lib.sh"

copy_fixture pkg_cjson "$T/game"

# Without --pkg the compiler does not find cJSON.h: the flags come from --pkg.
"$HOTRUN" --once "$T/game" >"$T/nopkg.log" 2>&1 && fail "built without --pkg libcjson"
grep -q "cJSON.h" "$T/nopkg.log" || fail "the build without --pkg failed for another reason"

# --once closes the game library and opens it again halfway: cJSON's state must survive.
"$HOTRUN" --once --pkg libcjson --state-out "$T/once.state" "$T/game" >"$T/once.log" 2>&1 ||
  fail "--once --pkg libcjson failed"
expect_json "$(dump "$T/once.state")" '.state.lost == 0 and .state.kept > 100 and .state.speed == 7' \
  "cJSON's state across --once's round trip"
pass "--once --pkg libcjson: cJSON's static state survives the close and reopen"

# Develop mode with the library named in hotrun.ini; an edit makes a swap.
printf 'pkg = libcjson\n' >"$T/game/hotrun.ini"
start_hotrun dev --state-out "$T/dev.state" "$T/game"
wait_event dev '.event=="reload" and .ok' >/dev/null
sed 's/^#define VERSION 1$/#define VERSION 2/' "$T/game/tune.h" >"$T/tune.h.new"
replace_file "$T/tune.h.new" "$T/game/tune.h"
expect_json "$(wait_event dev '.event=="reload" and .gen==2')" '.ok' "the swap to VERSION 2"
sleep 0.3
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
expect_json "$(dump "$T/dev.state")" \
  '.state.version == 2 and .state.lost == 0 and .state.kept > 0 and .state.speed == 7' \
  "cJSON's state across a develop swap"
[ "$(count_events dev '.event=="log" and (.line | test("forgot"))')" -eq 0 ] ||
  fail "cJSON lost its state in a swap"
pass "develop, pkg in hotrun.ini: a swap keeps cJSON's state, the TRANSIENT tree is rebuilt"

# --static links the library too; the release executable runs.
"$HOTRUN" --static "$T/game" -o "$T/rel" >"$T/static.log" 2>&1 || fail "--static with pkg failed"
"$T/rel" --headless --frames 5 --state-out "$T/rel.state" >"$T/rel.log" 2>&1 ||
  fail "the release executable failed"
expect_json "$(dump "$T/rel.state")" '.state.kept == 4 and .state.speed == 7' "the release run"
pass "--static: the release executable links and runs with libcjson"

# A library pkg-config does not know: one sentence naming it, nothing built.
rc=0
"$HOTRUN" --once --no-config --pkg no-such-library "$T/game" >"$T/bad.log" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fail "--pkg no-such-library was accepted"
grep -q "^hotrun: --pkg no-such-library: pkg-config knows no such library" "$T/bad.log" ||
  fail "no sentence for an unknown --pkg: $(cat "$T/bad.log")"
pass "an unknown --pkg library: one sentence, exit $rc"
