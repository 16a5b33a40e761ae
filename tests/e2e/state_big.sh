# Snapshots of a big state (the bigstate fixture: 12.8 MB, over the 8 MiB line where the
# host packs images on the frame thread and makes them portable on another): a quicksave
# and quickload give the exact state back, a quickload right after a quicksave (its file
# not written yet) loads what the quicksave saved, the file is a portable image that
# --state-in reads, and a rewind through keyframes (packed, their buffers reused once the
# history drops old ones) lands on the exact state. "Exact": the image at exit is byte for
# byte the one of a run that played the same frames without saving, loading or rewinding.
source "$(dirname "$0")/lib.sh"

copy_fixture bigstate "$T/game"

# run NAME FRAMES [ARGS...]: the game headless for FRAMES frames; its image at exit in
# $T/NAME.state, its events in $T/NAME.jsonl.
run() {
  local name=$1 frames=$2
  shift 2
  "$HOTRUN" --headless --fps 0 --frames "$frames" --events "$T/$name.jsonl" --state-out "$T/$name.state" \
    "$@" "$T/game" >"$T/$name.log" 2>&1 || fail "$name: hotrun failed: $(tail -5 "$T/$name.log")"
}
same() { # A B WHAT: the images at exit are the same bytes
  cmp -s "$T/$1.state" "$T/$2.state" ||
    fail "$3: $(dump "$T/$1.state" | jq -c '.state | {frames, x}') is not the reference's $(dump "$T/$2.state" | jq -c '.state | {frames, x}')"
}

# 1. Saved at 30, right held 40..49 (undone by the load), loaded at 60, 20 frames after.
run save 80 --save-file "$T/q.state" --press "ctrl+f5@30 right@40+10 ctrl+f9@60"
[ "$(count_events save '.event=="save" and .ok')" -eq 1 ] || fail "save: not one good save event"
[ "$(count_events save '.event=="load" and .ok')" -eq 1 ] || fail "save: not one good load event"
saved=$(state_field "$T/q.state" frames)
[ "$saved" -eq 30 ] || fail "save: the quicksave holds frame $saved, not 30 (the frame Ctrl+F5 was pressed in)"
expect_json "$(dump "$T/q.state" | jq -c '.state | {x, cells: (.cells | length)}')" \
  '.x == 0 and .cells == 400000' "save: the quicksave file"
run ref_save $((saved + 20))
same save ref_save "saved at $saved, loaded at 60"
pass "quicksave of 12.8 MB at frame $saved, quickload at 60: the exact state, 20 frames on"

# 2. --state-in reads the quicksave (a portable image, not the process's packed form).
run state_in 20 --state-in "$T/q.state"
same state_in ref_save "--state-in of the quicksave"
pass "--state-in reads the quicksave file"

# 3. A quickload the frame after the quicksave, before its thread has written the file:
# it waits for it, and loads what was saved.
rm -f "$T/q2.state"
run soon 50 --save-file "$T/q2.state" --press "right@5+10 ctrl+f5@30 ctrl+f9@31"
save_at=$(jq -s 'map(.event) | index("save")' "$T/soon.jsonl")
load_at=$(jq -s 'map(.event) | index("load")' "$T/soon.jsonl")
[ "$save_at" != null ] && [ "$load_at" != null ] && [ "$save_at" -lt "$load_at" ] ||
  fail "soon: the save was not said before the load (save $save_at, load $load_at)"
expect_json "$(jq -c 'select(.event=="load")' "$T/soon.jsonl")" '.ok' "soon: load event"
saved=$(state_field "$T/q2.state" frames)
expect_json "$(dump "$T/q2.state" | jq -c '.state | {x}')" '.x == 10' "soon: the quicksave"
run ref_soon $((saved + 50 - 31)) --press "right@5+10"
same soon ref_soon "loaded the frame after the save"
pass "quickload right after the quicksave: waits for its file, the exact state"

# 4. Rewind: keyframes every 60 frames of 12.8 MB in a 64 MB history (older ones dropped and
# their buffers reused); F12 held at 380..389 goes back 20 frames to 360, one played on.
run rewind 391 --history-mb 64 --press "right@5+50 right@300+20 ctrl+f12@380+10"
expect_json "$(jq -c 'select(.event=="flow" and .what=="rewind_end")' "$T/rewind.jsonl")" \
  '.frame == 360' "rewind end"
run ref_rewind 361 --press "right@5+50 right@300+20"
same rewind ref_rewind "rewound to 360, one frame on"
pass "rewind of a 12.8 MB state through packed keyframes: the exact state"
