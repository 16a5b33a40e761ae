# After `meson install`, hotrun finds hot.h, the probe and the runtime archive beside its own
# executable, so a game in any directory builds, reloads and ships with --static.
source "$(dirname "$0")/lib.sh"
: "${BUILD_ROOT:?}"

meson install -C "$BUILD_ROOT" --destdir "$T/inst" --no-rebuild >"$T/install.log" 2>&1 ||
  fail "meson install failed"
installed=$(find "$T/inst" -type f -name hotrun -perm -u+x | head -n 1)
[ -n "$installed" ] || fail "no installed hotrun"
[ -n "$(find "$T/inst" -name hot.h)" ] || fail "hot.h not installed"

# A game outside the source tree, started by the installed binary.
copy_fixture counter "$T/mygame"
"$installed" --once "$T/mygame" >"$T/once.log" 2>&1 || fail "installed hotrun --once failed"
"$installed" --static "$T/mygame" -o "$T/mygame.bin" >"$T/static.log" 2>&1 ||
  fail "installed hotrun --static failed"
"$T/mygame.bin" --headless --frames 5 >"$T/run.log" 2>&1 || fail "the release binary failed"
pass "installed hotrun: --once and --static on a game in $T/mygame"
