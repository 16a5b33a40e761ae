# The develop loop rebuilds incrementally: a .c edit recompiles one object, a header edit
# exactly its includers, a new subdirectory's .c is picked up (and later edits in it), a
# deleted one dropped, and a second start on an unchanged tree compiles nothing. Each edit is
# one atomic rename (sed -i, mv), so each must give exactly one build and one reload, and the
# game's log ("value N", see logging_counter) shows that the new code runs.
source "$(dirname "$0")/lib.sh"

G=$T/game
logging_counter "$G"
gen=0

check() { # LINE JQ_EXPR WHAT
  echo "$1" | jq -e "$2" >/dev/null || fail "$3: $1"
}

# edit NAME WHAT COMPILED OBJECTS COMMAND...: runs one edit; expects exactly one build (ok,
# COMPILED objects compiled of OBJECTS) and the reload of the next generation.
edit() {
  local name=$1 what=$2 compiled=$3 objects=$4 m b r n
  shift 4
  m=$(event_mark "$name")
  "$@"
  b=$(wait_event_since "$name" "$m" '.event=="build"')
  check "$b" ".ok and (.superseded|not) and .compiled==$compiled and .objects==$objects" "$what"
  gen=$((gen + 1))
  r=$(wait_event_since "$name" "$m" '.event=="reload"')
  check "$r" ".ok and .gen==$gen" "$what: reload"
  wait_quiet "$name" 1
  n=$(count_since "$name" "$m" '.event=="build"')
  [ "$n" -eq 1 ] || fail "$what: $n builds for one edit"
  n=$(count_since "$name" "$m" '.event=="reload"')
  [ "$n" -eq 1 ] || fail "$what: $n reloads for one edit"
  pass "$what: compiled $compiled of $objects, reload gen $gen"
}

# start NAME ARGS...: starts hotrun and checks its first build (COMPILED of OBJECTS).
start() { # NAME COMPILED OBJECTS ARGS...
  local name=$1 compiled=$2 objects=$3 b
  shift 3
  start_hotrun "$name" "$@"
  b=$(wait_event "$name" '.event=="build"')
  check "$b" ".ok and .compiled==$compiled and .objects==$objects" "$name: first build"
  wait_event "$name" '.event=="reload" and .gen==1 and .ok' >/dev/null
  wait_event "$name" '.event=="first_frame" and .gen==1' >/dev/null
  gen=1
  pass "$name: first build compiled $compiled of $objects"
}

stop() { # NAME
  stop_hotrun || fail "$1: hotrun exited with an error after SIGTERM"
  jq -e 'select(.event=="exit") | .status == 0' "$T/$1.jsonl" >/dev/null || fail "$1: exit event"
}

# ---- one session on the counter game ----
start dev 2 2 --state-out "$T/out.state" "$G"
wait_log dev 'value 1$'

edit dev "counter.c edited" 1 2 sed -i 's/#define MARK 0/#define MARK 10/' "$G/counter.c"
wait_log dev 'value 11$'
edit dev "extra.c edited" 1 2 sed -i 's/20, 20, 2/24, 20, 2/' "$G/extra.c"
edit dev "tune.h (included by counter.c only) edited" 1 2 \
  sed -i 's/#define STEP 1/#define STEP 2/' "$G/tune.h"
wait_log dev 'value 12$'
edit dev "counter.h (included by both) edited" 2 2 sed -i '$a /* edited */' "$G/counter.h"

# A new directory, then a new source moved into it (one rename, as a checkout does).
mkdir "$G/sub"
printf 'int new_file_marker = 42;\n' >"$T/new.c"
edit dev "new sub/new.c" 1 3 mv "$T/new.c" "$G/sub/new.c"
edit dev "sub/new.c edited" 1 3 sed -i 's/42/43/' "$G/sub/new.c"

# mkdir -p and a file written into the new directory at once: the directory's watch may start
# after the file is made, and the file must still be found. Several events, so a superseded
# build may come first: only the build that counts is checked.
m=$(event_mark dev)
mkdir -p "$G/deep/er" && printf 'int deep_marker = 1;\n' >"$G/deep/er/x.c"
b=$(wait_event_since dev "$m" '.event=="build" and (.superseded|not)')
check "$b" '.ok and .objects==4' "new deep/er/x.c picked up"
gen=$((gen + 1))
r=$(wait_event_since dev "$m" '.event=="reload"')
check "$r" ".ok and .gen==$gen" "deep/er/x.c: reload"
wait_quiet dev 1
[ "$(count_since dev "$m" '.event=="reload"')" -eq 1 ] || fail "deep/er/x.c: more than one reload"
pass "new deep/er/x.c picked up: objects 4"
edit dev "deep/er/x.c edited" 1 4 sed -i 's/= 1;/= 2;/' "$G/deep/er/x.c"
edit dev "deep/ removed" 0 3 rm -r "$G/deep"

# Editor temp files and other extensions are not sources: no build at all.
m=$(event_mark dev)
printf 'x' >"$G/notes.txt"
printf 'x' >"$G/counter.c.swp"
printf 'x' >"$G/counter.c~"
sleep 1
[ "$(count_since dev "$m" '.event=="change" or .event=="build"')" -eq 0 ] ||
  fail "a non-source file started a build"
pass "notes.txt, counter.c.swp, counter.c~: no build"

stop dev
[ "$(state_field "$T/out.state" value)" -eq 12 ] || fail "final value: $(dump "$T/out.state")"
[ "$(state_field "$T/out.state" frames)" -gt 0 ] || fail "no frames: $(dump "$T/out.state")"
pass "final state: value 12 (STEP 2 + MARK 10)"

# ---- the same tree and cache again: nothing to compile ----
start again 0 3 "$G"
wait_log again 'value 12$'
stop again

# An edit made while hotrun was not running is compiled at the next start, alone.
sed -i 's/#define STEP 2/#define STEP 3/' "$G/tune.h"
start third 1 3 "$G"
wait_log third 'value 13$'
stop third

# In a terminal the compiler is asked for coloured diagnostics: that alone must not make the
# objects built without a terminal stale (nor the other way round).
if command -v script >/dev/null; then
  script -qec "$(printf '%q ' "$HOTRUN" --once --events "$T/tty.jsonl" "$G")" /dev/null \
    >"$T/tty.log" 2>&1 || fail "--once in a terminal failed"
  check "$(wait_event tty '.event=="build"')" '.ok and .compiled==0' "build in a terminal"
  pass "a start in a terminal after starts without one: compiled 0"
else
  echo "skip: no 'script' command to give hotrun a terminal"
fi

# ---- sources in subdirectories (the multi fixture) ----
copy_fixture multi "$T/multi"
start multi 3 3 --state-out "$T/multi.state" "$T/multi"
edit multi "sub/deeper/deep.c edited" 1 3 \
  sed -i 's/return 3;/return 5;/' "$T/multi/sub/deeper/deep.c"
wait_event multi ".event==\"first_frame\" and .gen==$gen" >/dev/null
edit multi "sub/more.h (included by all three) edited" 3 3 \
  sed -i '$a /* edited */' "$T/multi/sub/more.h"
wait_event multi ".event==\"first_frame\" and .gen==$gen" >/dev/null
stop multi
frames=$(state_field "$T/multi.state" frames)
value=$(state_field "$T/multi.state" value)
# 3 a frame before the deep.c edit, 5 after: more than 3 a frame shows the new code ran.
[ "$value" -gt $((3 * frames)) ] && [ "$value" -lt $((5 * frames)) ] ||
  fail "multi: value $value after $frames frames: not both 3 and 5 a frame"
pass "multi: value $value after $frames frames (deep.c's new increment ran)"
