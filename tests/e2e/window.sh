# A real window on a virtual X display (Xvfb): hotrun opens it with SDL's X11 driver, runs
# frames and saves what the window showed. Skipped (77) where Xvfb is not installed.
source "$(dirname "$0")/lib.sh"
command -v Xvfb >/dev/null || { echo "skipped: Xvfb missing"; exit 77; }

disp=""
for n in $(seq 150 199); do
  [ -e /tmp/.X$n-lock ] && continue
  Xvfb :$n -screen 0 1024x768x24 -nolisten tcp >"$T/xvfb.log" 2>&1 &
  xpid=$!
  BG_PIDS+=("$xpid")
  for _ in $(seq 100); do [ -e /tmp/.X11-unix/X$n ] && break; sleep 0.05; done
  if kill -0 $xpid 2>/dev/null; then disp=:$n; break; fi
done
[ -n "$disp" ] || fail "could not start Xvfb"

DISPLAY=$disp SDL_VIDEODRIVER=x11 "$HOTRUN" --frames 300 --events "$T/win.jsonl" \
  --screenshot "$T/win.bmp" "$SRC_ROOT/game/src" >"$T/win.log" 2>&1 || fail "windowed run failed"
jq -e 'select(.event=="exit") | .status == 0' "$T/win.jsonl" >/dev/null || fail "exit event"
[ -s "$T/win.bmp" ] || fail "no screenshot"
# The picture is not one flat colour: the game drew something.
colours=$(od -An -v -tu1 -j 54 "$T/win.bmp" | tr -s ' ' '\n' | sort -u | wc -l)
[ "$colours" -gt 8 ] || fail "the window shows $colours distinct byte values: nothing drawn"
pass "windowed run on $disp drew a picture ($colours distinct byte values)"
