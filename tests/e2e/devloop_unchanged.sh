# A save that changes nothing in the code (a chmod, a writer that keeps the file open past
# the quiet time and closes it later) does not reload the game: its build compiles and links
# nothing, the running generation stays (statics and all), one line says so; a real edit
# after it reloads as usual, and a game paused by a fault still reloads on an unchanged save
# (that is its retry).
source "$(dirname "$0")/lib.sh"

G=$T/game
logging_counter "$G"
start_hotrun dev "$G"
wait_event dev '.event=="reload" and .gen==1 and .ok' >/dev/null

# 1. chmod: no reload.
chmod 600 "$G/tune.h"
sleep 1
[ "$(count_events dev '.event=="reload" and .gen==2')" -eq 0 ] || fail "chmod reloaded the game"
pass "chmod of a source: no reload"

# 2. A writer that keeps the file open past the quiet time (500 ms) and closes it later:
# one reload of the new content (after the quiet time), none at the close.
( exec 3>"$G/tune.h"; printf '#define STEP 1' >&3; sleep 0.2; printf '5\n' >&3; sleep 1.2 )
wait_event dev '.event=="reload" and .gen==2 and .ok' >/dev/null
wait_log dev 'value 15$'
sleep 0.5
[ "$(count_events dev '.event=="reload" and .gen==3')" -eq 0 ] ||
  fail "the close of a file already built reloaded the game again"
[ "$(grep -c 'the code did not change' "$T/dev.log")" -ge 1 ] ||
  fail "the close after the quiet time was not said"
pass "a writer holding the file open: one reload, none at its close"

# 3. A real edit still reloads.
sed -i 's/#define STEP 15/#define STEP 2/' "$G/tune.h"
wait_event dev '.event=="reload" and .gen==3 and .ok' >/dev/null
wait_log dev 'value 2$'
pass "a real edit after them reloads (gen 3)"

# 4. A game paused by a fault: an unchanged save is its retry, and reloads.
sed -i 's/^    s->frames++;$/    s->frames++;\n    if (STEP == 3)\n        *(volatile int *)0 = 1;/' "$G/counter.c"
sed -i 's/#define STEP 2/#define STEP 3/' "$G/tune.h"
wait_event dev '.event=="reload" and .gen==4 and .ok' >/dev/null
wait_event dev '.event=="fault"' >/dev/null
( exec 3>>"$G/tune.h" ) # opened for writing and closed: an unchanged save
wait_event dev '.event=="reload" and .gen==5' >/dev/null
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
pass "paused by a fault: an unchanged save reloads (gen 5)"
