# Compilers under control (issue 15.5), through the real binary with a "compiler" that is
# the real one except that it hangs (a shell and its sleep) on a source saying HANG, or
# floods its output on one saying FLOOD:
# - past the build budget (build-timeout in hotrun.ini) it is killed with a sentence, and
#   the next save builds;
# - a compile superseded by a newer save is killed at once;
# - compiler output to a terminal that takes nothing never stops the frames, and what was
#   dropped is said;
# - a SIGKILLed hotrun's compilers (and their children) die with it;
# - a run whose game never loaded exits non-zero (--frames, headless until stopped), and
#   the terminal shows the compile a reload used when a superseded build did it.
source "$(dirname "$0")/lib.sh"

G=$T/game
logging_counter "$G"
CC_REAL=${CC:-cc}
cat >"$T/cc.sh" <<SH
#!/bin/sh
for a in "\$@"; do case \$a in *.c) src=\$a;; esac; done
if [ -n "\$src" ] && grep -q HANG "\$src" 2>/dev/null; then
  sleep 60 & echo \$! > '$T/sleep.pid'; echo \$\$ > '$T/sh.pid'; wait; exit 1
fi
if [ -n "\$src" ] && grep -q FLOOD "\$src" 2>/dev/null; then
  head -c 3000000 /dev/zero | tr '\\\\0' 'w' | fold -w 100 >&2
fi
if [ -n "\$src" ] && grep -q SLOW "\$src" 2>/dev/null; then sleep 1; fi
exec $CC_REAL "\$@"
SH
chmod +x "$T/cc.sh"

# alive PID: true while PID runs (a zombie is not running).
alive() { [ -e "/proc/$1" ] && ! grep -q '^[^)]*) [ZX]' "/proc/$1/stat" 2>/dev/null; }

# wait_gone PID: up to 5 s for PID to end.
wait_gone() {
  local i
  for i in $(seq 100); do alive "$1" || return 0; sleep 0.05; done
  return 1
}

counter_with() { sed "s|#define MARK .*|#define MARK $1 /* $2 */|" "$G/counter.c" >"$T/next.c" && mv "$T/next.c" "$G/counter.c"; }

# ---- the build budget ------------------------------------------------------------------
# The budget from the game's hotrun.ini, as a user would set it.
printf 'cc = %s\nbuild-timeout = 5\n' "$T/cc.sh" >"$G/hotrun.ini"
start_hotrun dev "$G"
wait_log dev 'value 1$'
m=$(event_mark dev)
counter_with 10 HANG
b=$(wait_event_since dev "$m" '.event=="build" and (.superseded|not)' 20)
echo "$b" | jq -e '(.ok|not) and (.error|test("counter.c ran past the build budget of 5 s"))' \
  >/dev/null || fail "hanging compile: $b"
wait_log dev 'build failed: the compile of counter.c ran past the build budget of 5 s and was killed'
wait_gone "$(cat "$T/sleep.pid")" || fail "the hanging compiler's child still runs"
pass "a compile past --build-timeout is killed with its children, with a sentence"
counter_with 20 fixed
wait_log dev 'value 21$'
pass "the next save builds"

# ---- a superseded compile is killed ----------------------------------------------------
rm -f "$T/sleep.pid"
m=$(event_mark dev)
counter_with 30 HANG
for i in $(seq 100); do [ -s "$T/sleep.pid" ] && break; sleep 0.05; done
[ -s "$T/sleep.pid" ] || fail "the hanging compile did not start"
counter_with 40 fixed
wait_log dev 'value 41$'
wait_gone "$(cat "$T/sleep.pid")" || fail "the superseded compile still runs"
events_since dev "$m" '.event=="build" and .superseded' | grep -q . ||
  fail "no superseded build"
pass "a compile superseded by a newer save is killed, the newer one builds"
stop_hotrun || fail "exit status after SIGTERM"
rm "$G/hotrun.ini"

# ---- a terminal that takes nothing -----------------------------------------------------
# stderr is a pipe nobody reads for 6 s: the 64 KiB pipe fills at once.
mkfifo "$T/tty"
( sleep 6; cat "$T/tty" >"$T/slow.log" ) &
BG_PIDS+=($!)
"$HOTRUN" --headless --events "$T/slow.jsonl" --events-frames --cc "$T/cc.sh" "$G" \
  >/dev/null 2>"$T/tty" &
HOTRUN_PID=$!
BG_PIDS+=("$HOTRUN_PID")
wait_event slow '.event=="reload" and .ok' >/dev/null
counter_with 50 FLOOD
wait_event slow '.event=="build" and .compiled>0 and (.superseded|not) and .ok' >/dev/null
m=$(event_mark slow)
sleep 2
frames=$(count_since slow "$m" '.event=="frame"')
[ "$frames" -ge 30 ] || fail "only $frames frames in 2 s while the terminal took nothing"
pass "compiler output to a stalled terminal: $frames frames in 2 s"
kill -TERM "$HOTRUN_PID"
wait "$HOTRUN_PID" || true
for i in $(seq 200); do grep -q 'bytes of compiler output were dropped' "$T/slow.log" 2>/dev/null && break; sleep 0.05; done
grep -q 'bytes of compiler output were dropped: the terminal took them too slowly' \
  "$T/slow.log" || fail "no note about the dropped output"
pass "the dropped output is said"
counter_with 60 fixed

# ---- SIGKILL -----------------------------------------------------------------------------
rm -f "$T/sleep.pid" "$T/sh.pid"
start_hotrun kill --cc "$T/cc.sh" "$G"
wait_log kill 'value 61$'
counter_with 70 HANG
for i in $(seq 100); do [ -s "$T/sh.pid" ] && [ -s "$T/sleep.pid" ] && break; sleep 0.05; done
[ -s "$T/sleep.pid" ] || fail "the hanging compile did not start"
# The spawner thread (niced like the compilers) lists the group right after the spawn; on a
# loaded machine it may run a little after the child: give it that moment.
sleep 0.5
kill -KILL "$HOTRUN_PID"
wait "$HOTRUN_PID" 2>/dev/null || true
wait_gone "$(cat "$T/sh.pid")" || fail "the compiler of a SIGKILLed hotrun still runs"
wait_gone "$(cat "$T/sleep.pid")" || fail "the compiler's child of a SIGKILLed hotrun still runs"
pass "the compilers of a SIGKILLed hotrun die with it"

# ---- a game that never loaded --------------------------------------------------------------
counter_with 80 'broken'
echo 'int broken(void) { return }' >"$G/broken.c"
rc=0
"$HOTRUN" --headless --frames 20 "$G" >"$T/never.log" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fail "--frames 20 with a build that never succeeded exited 0"
grep -q 'the game never loaded' "$T/never.log" || fail "no sentence: $(cat "$T/never.log")"
pass "--frames N whose game never loaded exits $rc"
start_hotrun never "$G"
wait_event never '.event=="build" and (.ok|not)' >/dev/null
rc=0
stop_hotrun || rc=$?
[ "$rc" -ne 0 ] || fail "headless until stopped, never loaded: exit 0"
jq -e 'select(.event=="exit") | .status != 0' "$T/never.jsonl" >/dev/null ||
  fail "the exit event says status 0"
pass "headless until stopped, never loaded: exit $rc"
rm "$G/broken.c"
rc=0
"$HOTRUN" --headless --frames 20 "$G" >"$T/loaded.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "--frames 20 of a good game exited $rc"
pass "--frames N of a game that loaded exits 0"

# ---- the compile a reload used ---------------------------------------------------------------
# counter.c compiles slowly (SLOW); a header nothing includes is saved while it compiles: the
# first build is superseded after its compile, the second compiles nothing, and the reload's
# line names the compile of the first.
start_hotrun used --cc "$T/cc.sh" "$G"
wait_log used 'value 81$'
m=$(event_mark used)
counter_with 90 SLOW
sleep 0.4
echo '/* nothing includes it */' >"$G/unused.h"
wait_log used 'value 91$'
wait_event_since used "$m" '.event=="reload" and .ok' >/dev/null
if [ "$(count_since used "$m" '.event=="build" and .superseded')" -ge 1 ]; then
  grep -E 'reload 2 in .* \(compiled 1 in [0-9]+ ms' "$T/used.log" >/dev/null ||
    fail "the reload's line does not show the superseded build's compile: $(grep 'reload 2' "$T/used.log")"
  pass "a reload after a superseded build shows the compile it used: $(grep -o 'compiled 1 in [0-9]* ms' "$T/used.log")"
else
  pass "(the header save came after the build; nothing superseded to check)"
fi
stop_hotrun || fail "exit status after SIGTERM"
