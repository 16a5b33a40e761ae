# TRANSIENT fields are zero after every swap and quickload, and after_swap rebuilds them:
# the example game's star field cache (TRANSIENT StarField stars). A copy of game/src logs
# stars.ready around the rebuild in after_swap; F5 at 20, F9 at 40 (a decode), then a code
# edit (a swap): each time ready is 0 before the rebuild and 1 after, and no image holds it.
# (evolve/v2_transient checks a saved field turned TRANSIENT: state_evolve_nested.sh.)
source "$(dirname "$0")/lib.sh"

mkdir -p "$T/game" && cp -r "$SRC_ROOT/game/src/." "$T/game/"
rebuild='    draw_build_stars(&s->stars, api->screen_size());'
grep -qxF "$rebuild" "$T/game/game.c" || fail "game.c's after_swap does not rebuild the stars"
sed -i "s|^$rebuild\$|    api->log(\"stars %d before\", (int)s->stars.ready);\n&\n\
    api->log(\"stars %d after\", (int)s->stars.ready);|" "$T/game/game.c"
[ "$(grep -c 'stars %d' "$T/game/game.c")" -eq 2 ] || fail "could not add the logs"

stars() { count_events game ".event==\"log\" and .line == \"stars $1\""; }
start_named game --press "ctrl+f5@20 ctrl+f9@40" --save-file "$T/q.sav" --state-out "$T/game.state" \
  "$T/game"
wait_event game '.event=="load"' >/dev/null
expect_json "$(jq -c 'select(.event=="load")' "$T/game.jsonl")" '.ok' "quickload"
[ "$(stars '0 before')" -eq 1 ] && [ "$(stars '1 after')" -eq 1 ] ||
  fail "the quickload did not zero and rebuild the stars"
expect_json "$(dump "$T/q.sav")" '.state.frames == 20 and (.state | has("stars") | not)' \
  "the quicksave"
pass "quickload: stars zero, then rebuilt"

sed 's/"new code at frame /"newer code at frame /' "$T/game/game.c" >"$T/game.c.new"
replace_file "$T/game.c.new" "$T/game/game.c"
expect_json "$(wait_event game '.event=="reload" and .gen==2')" '.ok and .changes == []' "reload 2"
[ "$(stars '0 before')" -eq 2 ] && [ "$(stars '1 after')" -eq 2 ] ||
  fail "the swap did not zero and rebuild the stars"
[ "$(count_events game '.event=="log" and (.line | test("^stars (1 before|0 after)"))')" -eq 0 ] ||
  fail "stars were ready before a rebuild, or not after"
at=$(jq -r 'select(.event=="log") | .line' "$T/game.jsonl" |
  sed -n 's/^newer code at frame \([0-9]*\): .*/\1/p')
[ -n "$at" ] && [ "$at" -gt 20 ] || fail "the new after_swap did not see the game's frames ($at)"
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
expect_json "$(dump "$T/game.state")" \
  "(.state | has(\"stars\") | not) and .state.frames >= $at" "the image at exit"
pass "swap at frame $at: stars zero, then rebuilt; never in an image"
