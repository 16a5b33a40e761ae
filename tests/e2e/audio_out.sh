#!/usr/bin/env bash
# audio_out: sound through the real binary and SDL2_mixer, headless (no audio device), heard
# through --audio-out. The WAV is silent until the game plays a tone and a 440 Hz tone after,
# with no gap; a replay mixes the same file twice; a missing sound is one sentence and
# silence; music plays; in develop mode the looped tone goes on through a code swap, and a
# tone.wav saved at 880 Hz replaces it behind its handle; it goes on through a fault and its
# rollback; its handle, kept in the state, survives a quicksave/quickload and --state-in by
# its path; a bad --audio-out path is refused.
source "$(dirname "$0")/lib.sh"

wav() { python3 "$TESTS_DIR/e2e/make_wav.py" "$@"; }
stats() { python3 "$TESTS_DIR/e2e/wav_stats.py" "$@"; }
field() { echo "$1" | tr ' ' '\n' | grep -A1 -x "$2" | tail -n 1; }
plus() { python3 -c "print(round($1 + $2, 3))"; }

G=$T/g
copy_fixture sounds "$G"
mkdir -p "$G/assets"
wav 440 0.5 "$G/assets/tone.wav"
wav 220 2 "$G/assets/music.wav" 0.3

# 1. Silent before the game plays, the tone after, without a gap, at the game's pace.
echo "play 60 missing 0 music 0 quit 0" >"$G/assets/plan.txt"
"$HOTRUN" --headless --frames 120 --fps 60 --record "$T/run.rec" --audio-out "$T/a.wav" "$G" \
  >"$T/a.log" 2>&1 || fail "hotrun --audio-out exited with an error"
grep -q 'tone voice [1-9][0-9]* at frame 60' "$T/a.log" || fail "the game played no tone"
onset=$(stats "$T/a.wav" onset)
all=$(stats "$T/a.wav")
secs=$(field "$all" seconds)
python3 -c "import sys; sys.exit(not (0.9 < $onset < $secs - 0.8))" ||
  fail "the tone starts at $onset s of $secs s (frame 60 of 120 at 60 fps)"
before=$(stats "$T/a.wav" 0 "$onset")
[ "$(field "$before" peak)" = "0.0000" ] || fail "not silent before the tone: $before"
after=$(stats "$T/a.wav" "$(plus "$onset" 0.05)" "$secs")
hz=$(field "$after" hz)
python3 -c "import sys; sys.exit(not (430 < $hz < 450))" || fail "not 440 Hz after the tone starts: $after"
python3 -c "import sys; sys.exit(not (0.2 < $(field "$after" peak) < 0.3))" ||
  fail "the tone at volume 0.5 should peak near 0.25: $after"
[ "$(stats "$T/a.wav" gaps "$onset")" = "0.00" ] || fail "the looped tone has a gap"
pass "silent for $onset s, then $hz Hz ($after)"

# 2. The same recording mixes the same samples, twice.
"$HOTRUN" --replay "$T/run.rec" --audio-out "$T/r1.wav" "$G" >"$T/r1.log" 2>&1 || fail "replay 1"
"$HOTRUN" --replay "$T/run.rec" --audio-out "$T/r2.wav" "$G" >"$T/r2.log" 2>&1 || fail "replay 2"
cmp -s "$T/r1.wav" "$T/r2.wav" || fail "two replays of one recording wrote different audio: $(stats "$T/r1.wav"; stats "$T/r2.wav"; cmp "$T/r1.wav" "$T/r2.wav")"
[ "$(stats "$T/r1.wav" onset)" != "-1" ] || fail "the replay's audio is silent"
pass "two replays wrote the same WAV ($(stats "$T/r1.wav"))"

# 3. A missing sound: one sentence, silence, no failure. Music plays.
echo "play 0 missing 1 music 0 quit 0" >"$G/assets/plan.txt"
"$HOTRUN" --once --audio-out "$T/m.wav" "$G" >"$T/m.log" 2>&1 || fail "--once with a missing sound failed"
[ "$(grep -c 'sound missing.wav: no such file .*silent until it is fixed' "$T/m.log")" -eq 1 ] ||
  fail "no one sentence about missing.wav"
[ "$(stats "$T/m.wav" onset)" = "-1" ] || fail "a missing sound is not silent: $(stats "$T/m.wav")"
echo "play 0 missing 0 music 1 quit 0" >"$G/assets/plan.txt"
"$HOTRUN" --headless --frames 30 --fps 60 --audio-out "$T/music.wav" "$G" >"$T/music.log" 2>&1 ||
  fail "music run failed"
grep -q 'music playing 1' "$T/music.log" || fail "music_playing is not true after play_music"
m=$(stats "$T/music.wav" "$(plus "$(stats "$T/music.wav" onset)" 0.02)" 10)
python3 -c "import sys; sys.exit(not (210 < $(field "$m" hz) < 230))" || fail "the music is not 220 Hz: $m"
pass "missing sound silent with one sentence; music at $(field "$m" hz) Hz"

# 4. Develop mode: the tone goes on through a swap; a saved tone.wav replaces it.
echo "play 10 missing 0 music 0 quit 0" >"$G/assets/plan.txt"
start_hotrun dev --audio-out "$T/d.wav" "$G"
wait_log dev 'tone voice [1-9][0-9]* at frame 10'
sed -i 's/"frame %d playing %d"/"frame %d still playing %d"/' "$G/game.c"
wait_event dev '.event=="reload" and .gen==2 and .ok' >/dev/null
wait_log dev 'frame [0-9]+ still playing 1' 2
wav 880 0.5 "$G/assets/tone.wav"
wait_event dev '.event=="asset" and .path=="tone.wav" and .reload and .ok' >/dev/null
n=$(count_log dev 'still playing 1')
wait_log dev 'frame [0-9]+ still playing 1' $((n + 2))
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
onset=$(stats "$T/d.wav" onset)
[ "$onset" != "-1" ] || fail "develop mode wrote silence"
[ "$(stats "$T/d.wav" gaps "$onset")" = "0.00" ] || fail "the tone stopped during the swap or reload"
first=$(stats "$T/d.wav" "$(plus "$onset" 0.02)" "$(plus "$onset" 0.3)")
secs=$(field "$(stats "$T/d.wav")" seconds)
last=$(stats "$T/d.wav" "$(plus "$secs" -0.3)" "$secs")
python3 -c "import sys; sys.exit(not (430 < $(field "$first" hz) < 450))" || fail "not 440 Hz first: $first"
python3 -c "import sys; sys.exit(not (860 < $(field "$last" hz) < 900))" || fail "not 880 Hz after the save: $last"
pass "one tone through a swap, $(field "$first" hz) Hz then $(field "$last" hz) Hz after tone.wav was saved"

# 5. A fault in the game: the state rolls back, the game waits for a fix, the tone plays on.
echo "play 10 missing 0 music 0 quit 0 fault 40" >"$G/assets/plan.txt"
start_hotrun fault --audio-out "$T/f.wav" "$G"
wait_event fault '.event=="fault"' >/dev/null
sleep 1
stop_hotrun || fail "hotrun exited with an error after the fault and SIGTERM"
onset=$(stats "$T/f.wav" onset)
secs=$(field "$(stats "$T/f.wav")" seconds)
python3 -c "import sys; sys.exit(not ($secs - $onset > 1))" || fail "the run after the fault is too short: $secs s"
[ "$(stats "$T/f.wav" gaps "$onset")" = "0.00" ] || fail "the tone stopped at the fault"
pass "the tone plays on through a fault and its rollback ($onset s to $secs s)"

# 6. The tone's handle is saved in the state as its path: a quicksave at frame 20, a
# quickload at 60 (frames back to 20), and at frame 100 the handle from the image plays.
echo "play 100 missing 0 music 0 quit 0 fault 0" >"$G/assets/plan.txt"
"$HOTRUN" --headless --frames 150 --fps 60 --press "ctrl+f5@20 ctrl+f9@60" --save-file "$T/q.state" \
  --audio-out "$T/q.wav" "$G" >"$T/q.log" 2>&1 || fail "the quicksave run failed"
[ "$(dump "$T/q.state" | jq -r '.state.tone')" = "tone.wav" ] ||
  fail "the quicksave does not name tone.wav: $(dump "$T/q.state" | jq -c .state)"
grep -q 'tone voice [1-9][0-9]* at frame 100' "$T/q.log" || fail "no tone after the quickload: $(cat "$T/q.log")"
[ "$(stats "$T/q.wav" onset)" != "-1" ] || fail "the tone after the quickload is silent"
# Another run from that image: init never runs, the handle comes from the path alone.
"$HOTRUN" --headless --frames 100 --fps 60 --state-in "$T/q.state" --audio-out "$T/s.wav" "$G" \
  >"$T/s.log" 2>&1 || fail "the --state-in run failed"
grep -q 'tone voice [1-9][0-9]* at frame 100' "$T/s.log" || fail "no tone from --state-in: $(cat "$T/s.log")"
hz=$(field "$(stats "$T/s.wav" "$(plus "$(stats "$T/s.wav" onset)" 0.02)" 100)" hz)
python3 -c "import sys; sys.exit(not (860 < $hz < 900))" || fail "the tone from the image is not tone.wav (880 Hz now): $hz"
pass "the tone's handle survives a quicksave and quickload, and --state-in, by its path"

# 7. A WAV that cannot be written: one sentence before anything runs.
rc=0
"$HOTRUN" --once --audio-out "$T/no/such/dir/x.wav" "$G" >"$T/bad.log" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fail "an unwritable --audio-out was accepted"
grep -q "^hotrun: .*cannot write $T/no/such/dir/x.wav: No such file or directory" "$T/bad.log" ||
  fail "no sentence about the unwritable WAV: $(cat "$T/bad.log")"
pass "an unwritable --audio-out is refused"
