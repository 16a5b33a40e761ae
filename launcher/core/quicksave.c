/* quicksave.c: F5 saves the state to a file, F9 loads it back (--save-file says where). */
#include <stdio.h>

#include "core/host_internal.h"
#include "core/image_in.h"

static const char *save_path(const Host *h)
{
    return h->cfg.save_file ? h->cfg.save_file : "hotrun-quicksave.state";
}

void quicksave_save(Host *h)
{
    const char *path = save_path(h);
    StateImage img = {0};
    int rc = host_encode(h, &img);
    if (rc == 0)
        rc = state_image_save(path, &img);
    state_image_free(&img);
    if (rc < 0)
        overlay_status(&h->overlay, h->now, "save failed: %s", state_error_text(rc));
    else
        overlay_status(&h->overlay, h->now, "saved to %s", path);
    if (rc < 0)
        fprintf(stderr, "hotrun: could not save to %s: %s\n", path, state_error_text(rc));
    else
        fprintf(stderr, "hotrun: saved to %s\n", path);
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "save");
        ev_bool(&ev, "ok", rc == 0);
        ev_str(&ev, "path", path);
        ev_end(&ev);
    }
}

static void load_from(Host *h, const char *path);

void quicksave_load(Host *h)
{
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
