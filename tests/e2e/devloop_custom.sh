# The develop loop with a game's own build system (--build "make ..." --lib PATH) and with
# another compiler (--cc tcc): the first build loads, an edit rebuilds through it (with tcc a
# one-file edit is compiled and linked in one run) and the new code runs (the game logs
# "value N", see logging_counter), and a failed build of the game's own command keeps the
# old code with the compiler's file:line.
source "$(dirname "$0")/lib.sh"

check() { # LINE JQ_EXPR WHAT
  echo "$1" | jq -e "$2" >/dev/null || fail "$3: $1"
}

gen=0
# reload NAME WHAT VALUE COMMAND...: an edit; expects the next generation and "value VALUE".
reload() {
  local name=$1 what=$2 value=$3 m r
  shift 3
  m=$(event_mark "$name")
  "$@"
  gen=$((gen + 1))
  r=$(wait_event_since "$name" "$m" '.event=="reload"')
  check "$r" ".ok and .gen==$gen" "$what: reload"
  wait_log "$name" "value $value\$"
  pass "$what: reload gen $gen, value $value"
}

# started NAME: the first build loaded (gen 1) and its code runs (value 1).
started() {
  check "$(wait_event "$1" '.event=="reload"')" '.ok and .gen==1' "$1: first build"
  wait_log "$1" 'value 1$'
  gen=1
  pass "$1: first build loaded, value 1"
}

# ---- make ----
G=$T/game
logging_counter "$G"
cat >"$G/Makefile" <<'MAKE'
# The game's own build: one shared library in out/ from all its sources.
CFLAGS = -std=gnu11 -g -fPIC -I$(HOT_INCLUDE)
out/libgame.so: counter.c extra.c counter.h tune.h
	mkdir -p out
	$(CC) -shared $(CFLAGS) -o $@ counter.c extra.c
MAKE
start_hotrun make --state-out "$T/make.state" \
  --build "make -s HOT_INCLUDE=$SRC_ROOT/shared" --lib out/libgame.so "$G"
started make
[ -f "$G/out/libgame.so" ] || fail "make did not build out/libgame.so"
reload make "make: tune.h edited" 2 sed -i 's/#define STEP 1/#define STEP 2/' "$G/tune.h"
reload make "make: counter.c edited" 12 sed -i 's/#define MARK 0/#define MARK 10/' "$G/counter.c"

m=$(event_mark make)
sed -i 's/    char text\[64\];/    char text[64] = ;/' "$G/extra.c"
line=$(grep -n 'char text\[64\] = ;' "$G/extra.c" | cut -d: -f1)
b=$(wait_event_since make "$m" '.event=="build" and (.superseded|not)')
check "$b" ".ok==false and (.error | test(\"^extra[.]c:$line:\"))" "make: extra.c broken"
wait_quiet make 1
[ "$(count_since make "$m" '.event=="reload"')" -eq 0 ] || fail "make: reload after a failed build"
grep -Eq "extra\.c:$line:[0-9]+: error:" "$T/make.log" || fail "make: no compiler error line"
pass "make: extra.c broken: $(echo "$b" | jq -r .error); old code kept"
m=$(event_mark make)
sed -i 's/char text\[64\] = ;/char text[64];/' "$G/extra.c"
gen=$((gen + 1))
check "$(wait_event_since make "$m" '.event=="reload"')" ".ok and .gen==$gen" "make: extra.c fixed"
pass "make: extra.c fixed: reload gen $gen"
reload make "make: tune.h edited again" 13 sed -i 's/#define STEP 2/#define STEP 3/' "$G/tune.h"
wait_event make ".event==\"first_frame\" and .gen==$gen" >/dev/null
stop_hotrun || fail "make: hotrun exited with an error after SIGTERM"
[ "$(state_field "$T/make.state" value)" -eq 13 ] || fail "make: $(dump "$T/make.state")"
pass "make: final state value 13"

# ---- tcc ----
if ! command -v tcc >/dev/null; then
  echo "skip: tcc is not installed"
  exit 0
fi
gen=0
logging_counter "$T/tcc"
start_hotrun tcc --cc tcc --state-out "$T/tcc.state" "$T/tcc"
check "$(wait_event tcc '.event=="build"')" '.ok and .compiled==2' "tcc: first build"
started tcc
m=$(event_mark tcc)
reload tcc "tcc: tune.h edited" 5 sed -i 's/#define STEP 1/#define STEP 5/' "$T/tcc/tune.h"
check "$(events_since tcc "$m" '.event=="build"' | tail -n 1)" '.compiled==1' \
  "tcc: tune.h's build (header dependencies from tcc -MD)"
m=$(event_mark tcc)
reload tcc "tcc: counter.c edited" 25 \
  sed -i 's/#define MARK 0/#define MARK 20/' "$T/tcc/counter.c"
check "$(events_since tcc "$m" '.event=="build"' | tail -n 1)" '.compiled==1 and .one_run' \
  "tcc: a one-file edit compiled and linked in one tcc run"
pass "tcc: the one-file edit was one tcc run"
# A compile error in that run: the file's line, and the old code runs on; fixed, it reloads.
m=$(event_mark tcc)
sed -i 's/#define MARK 20/#define MARK 20 +/' "$T/tcc/counter.c"
check "$(wait_event_since tcc "$m" '.event=="build" and (.superseded|not)')" \
  '(.ok|not) and (.error|test("counter.c:[0-9]+: error"))' "tcc: a compile error"
wait_log tcc 'counter.c:[0-9]*: error'
pass "tcc: a compile error in the one run names counter.c's line"
reload tcc "tcc: counter.c fixed" 35 sed -i 's/#define MARK 20 +/#define MARK 30/' "$T/tcc/counter.c"
wait_event tcc ".event==\"first_frame\" and .gen==$gen" >/dev/null
stop_hotrun || fail "tcc: hotrun exited with an error after SIGTERM"
[ "$(state_field "$T/tcc.state" value)" -eq 35 ] || fail "tcc: $(dump "$T/tcc.state")"
pass "tcc: final state value 35"
