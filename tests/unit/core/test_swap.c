/* test_swap.c: the swap protocol (core/swap.c) with two real libraries the test build
 * compiled (tests/fixtures/swap), opened by the real loader, run by a headless host under
 * the real crash guard: a shape change, a fault in the new code's after_swap, a library
 * that fails to open while the old one keeps running. */
#include "core/swap.h"
#include "dev/guard.h"
#include "dev/loader.h"
#include "testlib.h"

#include <limits.h>

static Loader *loader;
static GameLib cur;

static int guarded(void (*fn)(void *ctx), void *ctx, HostFault *out, void *ud)
{
    (void)ud;
    GuardFault f;
    if (guard_call(fn, ctx, &f) == 0)
        return 0;
    snprintf(out->signal, sizeof(out->signal), "%s", guard_signal_name(&f));
    guard_describe(&f, out->message, sizeof(out->message));
    return -1;
}

static void close_cur(void *ud)
{
    (void)ud;
    loader_close(loader, &cur);
}

/* A number field of the running state, read back through its image. */
static double field(Host *h, const char *path)
{
    StateImage img = {0};
    CHECK(host_encode(h, &img) == 0);
    double v = -1;
    bool found = state_image_number(&img, path, &v);
    state_image_free(&img);
    return found ? v : -12345;
}

static void open_lib(const char *path, GameLib *out)
{
    char err[512];
    if (loader_open(loader, path, out, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s\n", err);
        CHECK(!"the fixture opens");
    }
}

/* Swaps the running library for a fresh copy of `path`; returns swap_run's result. */
static int swap_to(Host *h, const char *path, StateReport *report, Err *err)
{
    GameLib next;
    open_lib(path, &next);
    SwapRequest rq = {.next = next.game, .gen = next.gen, .close_old = close_cur,
                      .hooks = true};
    SwapTimes t;
    int rc = swap_run(h, &rq, report, &t, err);
    if (host_game(h) == next.game)
        cur = next;
    else
        loader_close(loader, &next);
    CHECK(t.total >= 0);
    return rc;
}

static bool reported(const StateReport *r, StateChangeKind kind, const char *path)
{
    for (uint32_t i = 0; i < r->count; i++)
        if (r->changes[i].kind == kind && strcmp(r->changes[i].path, path) == 0)
            return true;
    return false;
}

static Host *start_v1(void)
{
    HostConfig cfg = {.headless = true, .frames = -1, .seed = 1};
    HostHooks hooks = {.call = guarded};
    Err err = {0};
    Host *h = host_create(&cfg, &hooks, &err);
    if (!h)
        fprintf(stderr, "%s\n", err.text);
    CHECK(h != NULL);
    open_lib(SWAP_V1, &cur);
    CHECK(host_start(h, cur.game, cur.gen, &err) == 0);
    CHECK(host_run_frames(h, 5) == 0);
    CHECK_EQ_INT(field(h, "n"), 5);
    return h;
}

static void stop(Host *h)
{
    host_finish(h);
    host_destroy(h);
    loader_close(loader, &cur);
}

static void test_shape_change(void)
{
    Host *h = start_v1();
    StateReport report;
    Err err = {0};
    CHECK_EQ_INT(swap_to(h, SWAP_V2, &report, &err), 0);
    CHECK_EQ_STR(host_game(h)->name, "swap v2");
    CHECK(reported(&report, STATE_ADDED, "extra"));
    CHECK(reported(&report, STATE_DROPPED, "x"));
    CHECK_EQ_INT(field(h, "n"), 5);      /* carried */
    CHECK_EQ_INT(field(h, "extra"), 7);  /* its default */
    CHECK(field(h, "x") == -12345);      /* gone */
    CHECK(!host_paused(h));
    CHECK(host_run_frames(h, 2) == 0);   /* the new code runs: +10 a frame */
    CHECK_EQ_INT(field(h, "n"), 25);
    /* And back: x returns with its default, extra is dropped. */
    CHECK_EQ_INT(swap_to(h, SWAP_V1, &report, &err), 0);
    CHECK(reported(&report, STATE_ADDED, "x"));
    CHECK(reported(&report, STATE_DROPPED, "extra"));
    CHECK(field(h, "x") == 1.5);
    CHECK(host_run_frames(h, 1) == 0);
    CHECK_EQ_INT(field(h, "n"), 26);
    stop(h);
}

static void test_fault_in_hook(void)
{
    Host *h = start_v1();
    StateReport report;
    Err err = {0};
    setenv("SWAP_FIXTURE_FAULT", "1", 1);
    int rc = swap_to(h, SWAP_V2, &report, &err);
    unsetenv("SWAP_FIXTURE_FAULT");
    CHECK_EQ_INT(rc, ERR_FAULT);
    CHECK(strstr(err.text, "faulted") != NULL);
    CHECK(host_paused(h));
    CHECK_EQ_INT(host_faults(h), 1);
    CHECK(strstr(host_last_fault(h), "after_swap faulted: SIGSEGV") != NULL);
    CHECK_EQ_STR(host_game(h)->name, "swap v2"); /* the new code is in, waiting for a fix */
    CHECK_EQ_INT(field(h, "n"), 5);              /* rolled back to what crossed */
    CHECK(host_run_frames(h, 3) == 0);           /* paused: the game does not run */
    CHECK_EQ_INT(field(h, "n"), 5);
    /* A fixed build goes on from there. */
    CHECK_EQ_INT(swap_to(h, SWAP_V2, &report, &err), 0);
    CHECK(!host_paused(h));
    CHECK(host_run_frames(h, 1) == 0);
    CHECK_EQ_INT(field(h, "n"), 15);
    stop(h);
}

static void test_failed_open_keeps_old(void)
{
    Host *h = start_v1();
    char missing[PATH_MAX], err[512];
    snprintf(missing, sizeof(missing), "%s.missing", SWAP_V2);
    GameLib next = {0};
    CHECK(loader_open(loader, missing, &next, err, sizeof(err)) < 0);
    CHECK(next.handle == NULL);
    CHECK_EQ_STR(host_game(h)->name, "swap v1");
    CHECK(host_run_frames(h, 2) == 0); /* the old library still runs */
    CHECK_EQ_INT(field(h, "n"), 7);
    CHECK_EQ_INT(host_faults(h), 0);
    stop(h);
}

int main(void)
{
    char err[512];
    CHECK(guard_init(2.0, true) == 0);
    loader = loader_create(err, sizeof(err));
    CHECK(loader != NULL);
    RUN(test_shape_change);
    RUN(test_fault_in_hook);
    RUN(test_failed_open_keeps_old);
    loader_destroy(loader);
    guard_shutdown();
    fprintf(stderr, "test_swap: %d checks passed\n", testlib_checks);
    return 0;
}
