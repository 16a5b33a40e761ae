# The probe server (hotrun-probe --serve, one per hotrun): each library with a constructor
# is loaded in a child it forks. A server killed while idle is replaced and the next build
# reloads; a constructor that exits or kills the server fails its build with a sentence
# while the running game goes on; the fix is the next generation.
source "$(dirname "$0")/lib.sh"

copy_fixture ctor_host "$T/game"
start_hotrun dev --cache "$T/cache" "$T/game"
wait_event dev '.event=="reload" and .gen==1 and .ok' >/dev/null
ev=$(wait_event dev '.event=="build" and .ok')
expect_json "$ev" '.probe_ms > 0' "the constructor's library was not probed"

# server_pid: the probe server, a child of hotrun named hotrun-probe.
server_pid() { pgrep -P "$HOTRUN_PID" -x hotrun-probe | head -n 1; }
deadline=$((SECONDS + 20))
while [ -z "$(server_pid)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
first=$(server_pid)
[ -n "$first" ] || fail "no probe server runs beside hotrun"

# Killed while idle: the next build is probed by a new server and reloads.
kill -KILL "$first"
sleep 0.3
sed -i 's/->frames++;/->frames += 1;/' "$T/game/game.c"
ev=$(wait_event dev '.event=="reload" and .gen==2')
expect_json "$ev" '.ok' "no reload after the probe server was killed"
second=$(server_pid)
[ -n "$second" ] && [ "$second" != "$first" ] || fail "no new probe server ($first, then '$second')"
pass "probe server $first killed; server $second probed gen 2"

# ctor_source BODY: game.c with one more constructor running BODY.
ctor_source() {
  { printf '#include <signal.h>\n#include <stdlib.h>\n#include <unistd.h>\n'
    cat "$FIXTURES/ctor_host/game.c"
    printf '__attribute__((constructor)) static void extra(void) { %s }\n' "$1"; } \
    >"$T/game/.new.c"
  mv "$T/game/.new.c" "$T/game/game.c"
}

mark=$(event_mark dev)
ctor_source 'exit(0);'
ev=$(wait_event_since dev "$mark" '.event=="build"')
expect_json "$ev" '.ok == false and (.error | contains("constructor exited: exit(0) in extra"))' \
  "a constructor calling exit(0) passed the probe"
kill -0 "$HOTRUN_PID" || fail "hotrun died"

mark=$(event_mark dev)
ctor_source 'kill(getppid(), SIGKILL);'
ev=$(wait_event_since dev "$mark" '.event=="build"')
expect_json "$ev" '.ok == false and (.error | contains("the probe died while loading the library"))' \
  "a constructor that kills the probe server"
kill -0 "$HOTRUN_PID" || fail "hotrun died"
grep -qF "hotrun: build failed: " "$T/dev.log" || fail "the terminal says nothing"

ctor_source ''
ev=$(wait_event dev '.event=="reload" and .gen==3')
expect_json "$ev" '.ok' "the fix did not load"
[ "$(count_events dev '.event=="reload" and .ok==false')" -eq 0 ] || fail "a bad library reached the host"
# A destructor that crashes: the probe answers once the constructors ran (the library loads)
# and reports the destructors after; hotrun never closes that generation (its dlclose would
# run them), says so when it would have, and goes on reloading.
dtor_source() {
  { printf '#include <stdlib.h>\n'
    cat "$FIXTURES/ctor_host/game.c"
    printf '__attribute__((destructor)) static void bye(void) { %s }\n' "$1"; } \
    >"$T/game/.new.c"
  mv "$T/game/.new.c" "$T/game/game.c"
}
dtor_source '*(volatile int *)0 = 1;'
ev=$(wait_event dev '.event=="reload" and .gen==4')
expect_json "$ev" '.ok' "a library whose destructor crashes did not load"
dtor_source '/* fixed */'
ev=$(wait_event dev '.event=="warning" and (.message | contains("destructor crashed"))')
expect_json "$ev" '.message | contains("gen 4 is never closed")' "the warning does not name gen 4"
ev=$(wait_event dev '.event=="reload" and .gen==5')
expect_json "$ev" '.ok' "no reload after the destructor's crash"
wait_event dev '.event=="first_frame" and .gen==5' >/dev/null
sleep 0.3
kill -0 "$HOTRUN_PID" || fail "hotrun died (a generation whose destructor crashes was closed?)"
grep -q 'gen-4[.]so' "/proc/$HOTRUN_PID/maps" || fail "gen 4 was closed"
grep -qF "gen 4 is never closed" "$T/dev.log" || fail "the terminal says nothing about gen 4"
pass "a destructor that crashes in the probe: gen 4 loaded and kept open, gen 5 loaded"

last=$(server_pid)
[ -n "$last" ] || fail "no probe server after the fix"
stop_hotrun || fail "hotrun did not exit cleanly"
! kill -0 "$last" 2>/dev/null || fail "the probe server $last outlived hotrun"
pass "constructors that exit or kill the server failed their builds; the fix loaded as gen 3"
