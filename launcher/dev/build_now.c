/* build_now.c: a build run to its end on a private loop, for --once and --static. */
#include "dev/builder.h"
#include "dev/echo.h"

typedef struct NowState {
    BuildResult *result;
    bool done;
} NowState;

static void now_done(const BuildResult *r, void *ud)
{
    NowState *st = ud;
    *st->result = *r;
    st->done = true;
}

int builder_build_now(const BuildConfig *cfg, BuildResult *result, Err *err)
{
    *result = (BuildResult){0};
    uv_loop_t loop;
    int rc = uv_loop_init(&loop);
    if (rc != 0)
        return err_set(err, ERR_IO, "cannot start an event loop for the build: %s",
                       uv_strerror(rc));
    NowState st = {result, false};
    Builder *b = builder_create(&loop, cfg, now_done, &st, err);
    if (b) {
        builder_request(b);
        uv_run(&loop, UV_RUN_DEFAULT);
        builder_destroy(b);
    }
    uv_run(&loop, UV_RUN_DEFAULT); /* closes what is left (also of a failed create) */
    echo_flush(5.0); /* the compiler's words before the caller's sentence about them */
    rc = uv_loop_close(&loop);
    if (!b)
        return ERR_INVALID;
    if (rc != 0 && st.done && result->ok)
        return err_set(err, ERR_BUSY, "the build left handles open on its event loop");
    if (!st.done)
        return err_set(err, ERR_BUILD, "the build did not finish");
    if (!result->ok)
        return err_set(err, ERR_BUILD, "%s", result->first_error);
    return 0;
}
