/* quicksave.c: F5 saves the state to a file, F9 loads it back (--save-file says where).
 *
 * The frame thread only packs the state (state_layout_pack: an array of structs is one
 * memcpy); the quicksave's own thread (a SessionSaver, session.c) makes it portable and
 * writes it atomically, so a 64 MiB state costs its frame a few milliseconds, not the
 * 170 ms of a portable encode (a state under HOST_BIG is written at once, on the frame
 * thread, as it always was: a few milliseconds at most). F5 saves the state of the frame
 * it was pressed in: a big state's buffer, its pages touched (host_big_buffer), is made
 * ahead, while the game runs, and kept for the next quicksave (one more copy of the state
 * in memory); pressed before it is ready, the pack pays the page faults. A quickload, and
 * the exit, wait for a save not yet written, so F9 right after F5 loads what F5 saved. */
#include <stdio.h>

#include "core/host_internal.h"
#include "core/image_in.h"

static const char *save_path(const Host *h)
{
    return h->cfg.save_file ? h->cfg.save_file : "hotrun-quicksave.state";
}

/* A save's result: the status line, stderr and the "save" event. */
static void say_saved(Host *h, int rc, const char *why)
{
    const char *path = save_path(h);
    if (rc < 0) {
        overlay_status(&h->overlay, h->now, "save failed: %s", why);
        fprintf(stderr, "hotrun: could not save to %s: %s\n", path, why);
    } else {
        overlay_status(&h->overlay, h->now, "saved to %s", path);
        fprintf(stderr, "hotrun: saved to %s\n", path);
    }
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "save");
        ev_bool(&ev, "ok", rc == 0);
        ev_str(&ev, "path", path);
        ev_end(&ev);
    }
}

/* The saves the thread has written since the last look, said. */
static void say_written(Host *h)
{
    int rc;
    char why[256];
    for (unsigned n = session_poll(h->quicksaver, &rc, why, sizeof(why)); n; n--)
        say_saved(h, rc, why);
}

/* The size of a quicksave's packed image: the state and its tables' headers. */
static size_t image_size(const Host *h)
{
    size_t size = h->game->state->size;
    return size + size / 8 + 4096;
}

/* The wanted save packed and handed to the thread. */
static void pack_wanted(Host *h)
{
    if (!h->quicksave_wanted || !h->game || !h->state)
        return;
    size_t size = h->game->state->size;
    h->quicksave_wanted = false;
    if (!h->quicksaver && size >= HOST_BIG) /* a small state is written here, at once */
        h->quicksaver = session_start(save_path(h));
    int rc = host_pack(h, &h->quicksave_image);
    if (rc == 0 && h->quicksaver) {
        session_offer_take(h->quicksaver, &h->quicksave_image); /* its old buffer back */
        h->heavy_frame = size >= HOST_BIG;
        return;
    }
    if (rc == 0) /* small, or no thread: written here */
        rc = state_image_save(save_path(h), &h->quicksave_image);
    say_saved(h, rc, state_error_text(rc));
}

void quicksave_save(Host *h)
{
    h->quicksave_wanted = true;
    pack_wanted(h);
}

void quicksave_frame(Host *h)
{
    if (h->game && h->state) /* the next quicksave's buffer, made ahead */
        host_big_buffer(h, image_size(h), &h->quicksave_image);
    if (h->quicksaver)
        say_written(h);
}

/* A save asked for is on disk (and said) before the file is read or the host ends. */
static void flush(Host *h)
{
    pack_wanted(h);
    session_wait(h->quicksaver);
    say_written(h);
}

void quicksave_finish(Host *h)
{
    flush(h);
    session_stop(h->quicksaver, false); /* the file stays */
    h->quicksaver = NULL;
}

static void load_from(Host *h, const char *path);

void quicksave_load(Host *h)
{
    flush(h);
    load_from(h, save_path(h));
}

void quicksave_resume(Host *h)
{
    if (!h->cfg.resume_file) {
        overlay_status(&h->overlay, h->now, "no killed session to resume");
        return;
    }
    load_from(h, h->cfg.resume_file);
}

static void load_from(Host *h, const char *path)
{
    StateImage img = {0};
    StateReport report = {0};
    Err why = {{0}};
    char status[256] = "";
    int rc = image_in_read(h, path, &img, &why);
    if (rc == 0) {
        rc = host_load_image(h, &img, &report);
        if (rc < 0)
            err_set(&why, rc == STATE_ENOMEM ? ERR_NOMEM : ERR_CORRUPT, "%s",
                    state_error_text(rc));
    }
    state_image_free(&img);
    const char *reason = rc < 0 ? err_text(&why, rc) : NULL;
    if (rc < 0) {
        overlay_status(&h->overlay, h->now, "load failed: %s: %s (state kept)", path, reason);
        fprintf(stderr, "hotrun: could not load %s: %s; the game keeps its state\n", path,
                reason);
    } else {
        fprintf(stderr, "hotrun: loaded %s\n", path);
        image_in_report(h, "loaded", path, &report, status, sizeof(status));
        h->paused = false;
        overlay_fault(&h->overlay, NULL);
        flow_state_jumped(h, "quickload");
        if (host_after_decode(h) == 0)
            snapshot_take(h);
    }
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "load");
        ev_bool(&ev, "ok", rc == 0);
        ev_str(&ev, "path", path);
        ev_str(&ev, "error", reason);
        if (rc == 0) {
            host_ev_changes(&ev, &report);
            ev_str(&ev, "status_line", status);
        }
        ev_end(&ev);
    }
}
