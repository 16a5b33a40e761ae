# A bad pointer the game passes to a host service (draw_text) faults inside the host: the
# fault names the service and the game's call that passed it ("in ..., called from
# draw_hud (hud.c:LINE)"), is rolled back like any other, and the next good save goes on.
source "$(dirname "$0")/lib.sh"

dir=$T/svc
mkdir -p "$dir"
cat >"$dir/game.c" <<'SRC'
#include "hot.h"
#define SVC(X) X(FIELD, uint64_t, frames, 0)
HOT_STATE(Svc, SVC)
void draw_hud(const HotApi *api, uint64_t frames);
static void update(const HotApi *api, void *state)
{
    (void)api;
    ((Svc *)state)->frames++;
}
static void draw(const HotApi *api, const void *state)
{
    api->clear(HOT_RGB(0, 0, 0));
    draw_hud(api, ((const Svc *)state)->frames);
}
HOT_GAME(Svc, .name = "svc", .update = update, .draw = draw);
SRC
cat >"$dir/hud.c" <<'SRC'
#include "hot.h"
#define BAD 1
void draw_hud(const HotApi *api, uint64_t frames)
{
    const char *volatile text = BAD && frames >= 20 ? (const char *)16 : "hud";
    api->draw_text(text, 10, 10, 2, HOT_RGB(255, 255, 255)); /* LINE_CALL */
}
SRC
line=$(grep -n LINE_CALL "$dir/hud.c" | cut -d: -f1)
start_hotrun svc --state-out "$T/svc.state" "$dir"
ev=$(wait_event svc '.event=="fault"')
expect_json "$ev" ".signal == \"SIGSEGV\" and .function == \"draw_hud\" and
  .where == \"hud.c:$line\" and
  (.message | test(\"SIGSEGV [(]address 0x10[)] in [a-z_]+, called from draw_hud [(]hud[.]c:$line[)] of gen-1[.]so\"))" \
  "the fault in draw_text is not blamed on the game's call at hud.c:$line"
kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died"
sed -i 's/^#define BAD 1$/#define BAD 0/' "$dir/hud.c"
wait_event svc '.event=="reload" and .gen==2 and .ok' >/dev/null
wait_event svc '.event=="first_frame" and .gen==2' >/dev/null
sleep 0.3
stop_hotrun || fail "exit status $? after SIGTERM"
wait_event svc '.event=="exit"' >/dev/null
[ "$(state_field "$T/svc.state" frames)" -gt 20 ] || fail "the game did not go on"
pass "$(echo "$ev" | jq -r .message); the fix went on"
