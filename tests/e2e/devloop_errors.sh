# A failed build changes nothing in the running game: a syntax error (in a .c or a header)
# or a library that cannot load keeps the old code running (its frames go on, no reload),
# the build event says ok:false with "file:line: message", the compiler's own "error:" line
# reaches the terminal, and the fix resumes with the next generation. Without a terminal, or
# with NO_COLOR in one, the output has no colour escapes; in a terminal it has.
source "$(dirname "$0")/lib.sh"
unset NO_COLOR

G=$T/game
copy_fixture syntax "$G"
# The game logs every 30th frame, so the test sees it keep running.
log_line='    if (s->frames % 30 == 0)\n        api->log("frame %d", (int)s->frames);'
sed -i "s/    (void)api;/$log_line/" "$G/game.c"
grep -q 'api->log' "$G/game.c" || fail "could not add the log to game.c"
ESC=$(printf '\033')

check() { # LINE JQ_EXPR WHAT
  echo "$1" | jq -e "$2" >/dev/null || fail "$3: $1"
}

# broken WHAT ERROR_REGEX COMMAND...: an edit that breaks the build while the game runs.
broken() {
  local what=$1 regex=$2 m b frames errors
  shift 2
  m=$(event_mark dev)
  errors=$(count_log dev 'hotrun: build failed')
  "$@"
  b=$(wait_event_since dev "$m" '.event=="build" and (.superseded|not)')
  check "$b" ".ok==false and (.error | test(\"$regex\"))" "$what: build event"
  wait_log dev 'hotrun: build failed' $((errors + 1))
  grep -qF "hotrun: build failed: $(echo "$b" | jq -r .error)" "$T/dev.log" ||
    fail "$what: the error is not on the terminal"
  frames=$(count_log dev 'frame [0-9]+$')
  wait_log dev 'frame [0-9]+$' $((frames + 2)) # the old code goes on
  [ "$(count_since dev "$m" '.event=="reload" or .event=="fault"')" -eq 0 ] ||
    fail "$what: a reload or fault after a failed build"
  pass "$what: ok:false, $(echo "$b" | jq -r .error); the old code runs on"
}

# fixed WHAT COMMAND...: the edit that fixes it; the next generation loads.
gen=0
fixed() {
  local what=$1 m
  shift
  m=$(event_mark dev)
  "$@"
  gen=$((gen + 1))
  r=$(wait_event_since dev "$m" '.event=="reload"')
  check "$r" ".ok and .gen==$gen" "$what: reload"
  wait_event_since dev "$m" ".event==\"first_frame\" and .gen==$gen" >/dev/null
  pass "$what: reload gen $gen"
}

# refused WHAT ERROR_REGEX COMMAND...: an edit that builds but cannot load. The probe says
# so in the build event; when the builder skips the probe (a library without constructors
# cannot crash while loading), hotrun's own dlopen says it in the reload event, and that
# attempt takes a generation number.
refused() {
  local what=$1 regex=$2 m r frames
  shift 2
  m=$(event_mark dev)
  "$@"
  r=$(wait_event_since dev "$m" '.event=="reload" or (.event=="build" and .ok==false and (.superseded|not))')
  check "$r" ".ok==false and (.error | test(\"$regex\"))" "$what: event"
  [ "$(echo "$r" | jq -r .event)" = reload ] && gen=$((gen + 1))
  frames=$(count_log dev 'frame [0-9]+$')
  wait_log dev 'frame [0-9]+$' $((frames + 2)) # the old code goes on
  [ "$(count_since dev "$m" '.event=="fault"')" -eq 0 ] || fail "$what: a fault"
  pass "$what: refused, $(echo "$r" | jq -r .error); the old code runs on"
}

# ---- the first build fails: nothing runs until the fix ----
start_hotrun dev --state-out "$T/out.state" "$G"
b=$(wait_event dev '.event=="build"')
check "$b" '.ok==false and (.error | test("^broken[.]c:12:"))' "first build"
wait_log dev 'hotrun: build failed: broken\.c:12:'
grep -Eq 'broken\.c:12:[0-9]+: error:' "$T/dev.log" ||
  fail "the compiler's error line is not in the output"
pass "first build: $(echo "$b" | jq -r .error); the compiler's error line reached the terminal"
sleep 0.5
[ "$(count_events dev '.event=="reload"')" -eq 0 ] || fail "a reload after a failed first build"
fixed "broken.c fixed" sed -i 's/(1 + )/(1)/' "$G/broken.c"

# ---- broken while running ----
broken "broken.c:12 broken again" '^broken[.]c:12:' sed -i 's/(1)/(1 + )/' "$G/broken.c"
fixed "broken.c fixed, step 1000" sed -i 's/(1 + )/(1000)/' "$G/broken.c"

# An error in a header both sources include: the error names the header and its line.
line=$(($(grep -n '^#endif' "$G/syntax.h" | cut -d: -f1)))
broken "syntax.h:$line broken" "^syntax[.]h:$line:.*syntax[.]h is broken" \
  sed -i 's/^#endif/#error syntax.h is broken\n#endif/' "$G/syntax.h"
fixed "syntax.h fixed" sed -i '/^#error/d' "$G/syntax.h"

# Compiles and links, but cannot load (an undefined function).
refused "undefined function" 'unresolved symbol: no_such_function' \
  sed -i -e '/^int32_t syntax_value/i int no_such_function(void);' \
  -e 's/return v + step;/return v + step + no_such_function();/' "$G/broken.c"
fixed "undefined function removed" \
  sed -i -e '/no_such_function(void);/d' -e 's/ + no_such_function()//' "$G/broken.c"

stop_hotrun || fail "hotrun exited with an error after SIGTERM"
frames=$(state_field "$T/out.state" frames)
value=$(state_field "$T/out.state" value)
# 1 a frame before the fix to 1000, 1000 after: the frames run by the old code across the
# failed builds and by the new code after the fixes both count.
[ "$value" -gt "$frames" ] && [ "$value" -lt $((1000 * frames)) ] ||
  fail "value $value after $frames frames: not 1 then 1000 a frame"
[ $((value % 1000)) -ne 0 ] || fail "value $value: the step-1 frames are lost"
grep -q "$ESC" "$T/dev.log" && fail "colour escapes in output that is not a terminal"
pass "state kept across failed builds: frames $frames, value $value; no colour escapes"

# ---- in a terminal: coloured, unless NO_COLOR ----
if ! command -v script >/dev/null; then
  echo "skip: no 'script' command to give hotrun a terminal"
  exit 0
fi
copy_fixture syntax "$T/tty"
# tty_run NAME ENV...: hotrun on the broken game in a pseudo-terminal until its first build.
tty_run() {
  local name=$1 cmd
  shift
  cmd=$(printf '%q ' env "$@" "$HOTRUN" --headless --events "$T/$name.jsonl" "$T/tty")
  script -qec "echo \$\$ >$(printf '%q' "$T/$name.pid"); exec $cmd" /dev/null >"$T/$name.log" 2>&1 &
  BG_PIDS+=($!)
  HOTRUN_PID=$!
  wait_event "$name" '.event=="build"' >/dev/null
  wait_log "$name" 'hotrun: build failed'
  kill -TERM "$(cat "$T/$name.pid")"
  wait "$HOTRUN_PID" || true
}
tty_run colour
grep -Eq 'broken\.c:12:[0-9]+: .*error' "$T/colour.log" || fail "no error line in a terminal"
grep -q "$ESC\[" "$T/colour.log" || fail "no colour escapes in a terminal"
pass "in a terminal: the compiler's error line, coloured"
tty_run nocolour NO_COLOR=1
grep -Eq 'broken\.c:12:[0-9]+: error:' "$T/nocolour.log" || fail "no error line with NO_COLOR"
grep -q "$ESC" "$T/nocolour.log" && fail "colour escapes in a terminal with NO_COLOR"
pass "in a terminal with NO_COLOR: the compiler's error line, no escapes"
