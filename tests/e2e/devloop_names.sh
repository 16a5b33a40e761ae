# A game's names are the game's own, with gcc and with tcc, with and without a library
# constructor (the probe's path), in the first load and after a reload: a function named
# like one of libc's (rand) or of a library the host links (libuv's uv_version), a variable
# named like libc's (optind), a static and a global of the same name in two files, a table
# of function pointers to the game's functions. hotrun binds them inside the library at
# link time (ld -Bsymbolic, tcc's relocations rewritten), so no host symbol takes their
# place and dlopen looks none of them up. The game still calls libc (snprintf in extra.c).
source "$(dirname "$0")/lib.sh"

G=$T/game
copy_fixture counter "$G"
cat >"$G/names_a.c" <<'SRC'
/* names_a.c: names that libc and libuv have too. */
int rand(void) { return 7; }
unsigned uv_version(void) { return 5; }
int optind = 40;
static int shared_name = 1;
int a_get(void) { return shared_name; }
SRC
cat >"$G/names_b.c" <<'SRC'
/* names_b.c: uses them from another file; a global named like names_a.c's static. */
int rand(void);
unsigned uv_version(void);
extern int optind;
int a_get(void);
int shared_name = 20;
static int b_get(void) { return shared_name; }
int (*const names_table[])(void) = {rand, a_get};
/* 75040128 when every name is the game's own. */
int names_value(void)
{
    return rand() * 10000000 + (int)uv_version() * 1000000 + optind * 1000 + a_get() * 100 +
           b_get() + (names_table[0] == rand) + names_table[0]();
}
SRC
# ctor_seen: 7 from the game's rand, called by a library constructor (the probe's path), or
# 7 without one.
ctor_file() {
  if [ "$1" = with ]; then
    cat >"$G/ctor.c" <<'SRC'
int rand(void);
static int seen;
__attribute__((constructor)) static void names_ctor(void) { seen = rand(); }
int ctor_seen(void) { return seen; }
SRC
  else
    echo 'int ctor_seen(void) { return 7; }' >"$G/ctor.c"
  fi
}
cat >"$G/counter.c" <<'SRC'
/* counter.c (names variant): value = the names' value + the constructor's + STEP + MARK. */
#include "counter.h"
#include "tune.h"

#define MARK 0

int names_value(void);
int ctor_seen(void);

static void counter_update(const HotApi *api, void *state)
{
    CounterState *s = state;
    s->frames++;
    int v = names_value() + ctor_seen() + STEP + MARK;
    if (s->value != v)
        api->log("value %d", v);
    s->value = v;
}

HOT_GAME(CounterState, .name = "counter", .update = counter_update, .draw = counter_draw);
SRC

compilers=("${CC:-cc}")
if command -v tcc >/dev/null 2>&1; then compilers+=(tcc); else echo "note: tcc not installed"; fi
for cc in "${compilers[@]}"; do
  for ctor in with without; do
    name=$(basename "${cc%% *}")-$ctor
    ctor_file "$ctor"
    sed -i 's/#define MARK .*/#define MARK 0/' "$G/counter.c"
    start_hotrun "$name" --cc "$cc" "$G"
    wait_log "$name" 'value 75040136$' 1 60
    sed -i 's/#define MARK .*/#define MARK 10/' "$G/counter.c"
    wait_log "$name" 'value 75040146$' 1 60
    wait_event "$name" '.event=="reload" and .gen==2 and .ok' >/dev/null
    [ "$(count_log "$name" 'value ')" -eq 2 ] ||
      fail "$name: other values than the game's own: $(grep 'value ' "$T/$name.log")"
    stop_hotrun || fail "$name: exit status $? after SIGTERM"
    pass "$cc, $ctor a constructor: the game's rand, uv_version, optind, static and global, function table; after a reload too"
  done
done
