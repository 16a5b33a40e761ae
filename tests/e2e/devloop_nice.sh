# The build's children run nicer than the game (--nice, default 10), so a rebuild that fills
# every core still leaves the frame loop its frames; hotrun's own frame thread keeps its
# niceness. A compiler wrapper records its own niceness and its parent's (hotrun's main
# thread), read from /proc, for each compile (hotrun's start-up questions to the compiler
# are not part of a build).
source "$(dirname "$0")/lib.sh"

spy=$T/cc-spy
cat >"$spy" <<SPY
#!/bin/sh
# field 19 of /proc/PID/stat is the nice value; the 17th after the ") " that ends the name
parent=\$(sed 's/.*) //' /proc/\$PPID/stat | cut -d' ' -f17)
case " \$* " in *" -c "*) echo "\$(nice) \$parent" >>"$T/nice.txt" ;; esac
exec cc "\$@"
SPY
chmod +x "$spy"
base=$(nice)
want=$((base + 10 > 19 ? 19 : base + 10))

# run_once NAME ARGS...: --once on a fresh counter game with the spy as compiler.
run_once() {
  local name=$1; shift
  rm -f "$T/nice.txt"
  copy_fixture counter "$T/$name"
  "$HOTRUN" --once --frames 5 --cc "$spy" "$@" "$T/$name" >"$T/$name.log" 2>&1 ||
    fail "$name: --once failed"
  [ -s "$T/nice.txt" ] || fail "$name: the compiler wrapper did not run"
}

run_once default
while read -r child parent; do
  [ "$child" = "$want" ] || fail "default: a compiler ran at nice $child, not $want"
  [ "$parent" = "$base" ] || fail "default: hotrun's frame thread is at nice $parent, not $base"
done <"$T/nice.txt"
pass "default: $(wc -l <"$T/nice.txt") compile(s) at nice $want, hotrun at $base"

run_once zero --nice 0
while read -r child parent; do
  [ "$child" = "$base" ] || fail "--nice 0: a compiler ran at nice $child, not $base"
done <"$T/nice.txt"
pass "--nice 0: compiles at the game's nice $base"

if "$HOTRUN" --once --nice 25 "$T/zero" >"$T/bad.log" 2>&1; then
  fail "--nice 25 was accepted"
fi
grep -q "option --nice: '25' is not a valid value" "$T/bad.log" || fail "--nice 25: no sentence"
[ "$(wc -l <"$T/bad.log")" -eq 1 ] || fail "--nice 25: more than one line"
pass "--nice 25 refused: $(cat "$T/bad.log")"
