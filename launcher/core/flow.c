/* flow.c: what keeps a programmer in flow, around the game's update: record a moment and
 * loop it while editing (F4, Shift+F4), rewind (F12 held), replay the last seconds on new
 * code (F6), pause, step and speed (F7, F8, F10, F11), --record and --replay. Every frame
 * the game runs is a function of (image, recorded inputs): recordings live in record.c,
 * the history in rewind.c, the clock in timectl.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/api.h"
#include "core/host_internal.h"

#define MB (1024.0 * 1024.0)
#define REWIND_FRAMES_PER_TICK 2 /* rewinding runs at twice the speed of play */
#define KEYFRAME_EVERY 60

/* A flow event; the caller may add fields before ending it. False when events are off. */
static bool begin_flow(EventLine *ev, const Host *h, const char *what, long long frames)
{
    if (!events_enabled())
        return false;
    ev_begin(ev, "flow");
    ev_str(ev, "what", what);
    ev_int(ev, "frame", (long long)h->frame);
    ev_int(ev, "frames", frames);
    return true;
}

static void emit_flow(const Host *h, const char *what, long long frames)
{
    EventLine ev;
    if (begin_flow(&ev, h, what, frames))
        ev_end(&ev);
}

/* A rewind's start says what the history holds; its end what the seeks cost (each: its
 * keyframe restored, the frames after it run again). For bench-flow. */
static void emit_rewind(const Host *h, bool start)
{
    EventLine ev;
    if (!begin_flow(&ev, h, start ? "rewind_start" : "rewind_end", 0))
        return;
    uint64_t first, last;
    if (start && history_span(&h->history, &first, &last)) {
        ev_int(&ev, "history_frames", (long long)(last - first));
        ev_int(&ev, "history_bytes", (long long)history_bytes(&h->history));
    }
    if (!start && h->seeks) {
        ev_int(&ev, "seeks", h->seeks);
        ev_num(&ev, "seek_ms_max", h->seek_ms_max);
        ev_num(&ev, "seek_ms_mean", h->seek_ms_sum / h->seeks);
    }
    ev_end(&ev);
}

void flow_init(Host *h)
{
    timectl_init(&h->time, h->cfg.time_scale);
    h->replay_on_reload = h->cfg.replay_on_reload;
    double seconds = h->cfg.history_seconds > 0 ? h->cfg.history_seconds : 60;
    double mb = h->cfg.history_mb > 0 ? h->cfg.history_mb : h->cfg.history_mb < 0 ? 0 : 64;
    double fps = h->cfg.fps > 0 ? h->cfg.fps : 60;
    history_init(&h->history, KEYFRAME_EVERY, (size_t)(mb * MB), (uint64_t)(seconds * fps));
}

void flow_free(Host *h)
{
    record_free(&h->capture);
    record_free(&h->loop);
    record_free(&h->whole);
    history_free(&h->history);
    state_image_free(&h->keyframe_image);
}

/* Begins a recording at the current state. 0 or a negative code. */
static int begin_here(Host *h, Recording *r)
{
    StateImage img = {0};
    int rc = host_pack(h, &img); /* made portable if it goes to a file (record_save) */
    uint64_t rng[2];
    api_random_get(rng);
    if (rc == 0)
        record_begin_take(r, &img, h->frame, h->game_time, rng, &h->input);
    state_image_free(&img);
    return rc;
}

/* The current state as the start of a recording whose frames are already there. */
static int begin_start(Host *h, RecStart *s)
{
    int rc = host_pack(h, &s->image);
    api_random_get(s->rng);
    s->frame = h->frame;
    s->time = h->game_time;
    return rc;
}

void flow_started(Host *h)
{
    if (!h->cfg.record || h->recording_whole)
        return;
    if (begin_here(h, &h->whole) == 0)
        h->recording_whole = true;
    else
        fprintf(stderr, "hotrun: cannot record: out of memory for the start image\n");
}

/* The state, generator, frame count and clock of a recording's start. */
static int restore(Host *h, const RecStart *s)
{
    int rc = host_load_image(h, &s->image, NULL);
    if (rc < 0)
        return rc;
    api_random_set(s->rng);
    h->frame = s->frame;
    h->game_time = s->time;
    record_apply_input(&h->input, &s->input);
    h->paused = false;
    overlay_fault(&h->overlay, NULL);
    if (host_after_decode(h) < 0)
        return ERR_FAULT;
    return 0;
}

void flow_state_jumped(Host *h, const char *why)
{
    if (h->recording_whole) {
        fprintf(stderr, "hotrun: --record stops at frame %llu: %s\n",
                (unsigned long long)h->frame, why);
        h->recording_whole = false;
    }
    if (h->capturing) {
        h->capturing = false;
        record_free(&h->capture);
        overlay_status(&h->overlay, h->now, "recording stopped: %s", why);
    }
    if (h->playing != PLAY_REPLAY)
        h->playing = PLAY_NONE;
    history_cut(&h->history);
}

static void apply_edits(Host *h, const RecFrame *f, const char *edits)
{
    if (!edits || !h->edit_fn)
        return;
    for (const char *p = edits, *end = edits + f->edits_len; p < end;) {
        const char *value = p + strlen(p) + 1;
        h->edit_fn(h->game->state, h->state, p, value);
        if (h->capturing)
            record_edit(&h->capture, p, value);
        if (h->recording_whole)
            record_edit(&h->whole, p, value);
        history_add_edit(&h->history, p, value);
        p = value + strlen(value) + 1;
    }
}

int host_edit(Host *h, const char *path, const char *value)
{
    if (!h->game || !h->state || !h->edit_fn)
        return ERR_UNSUPPORTED;
    int rc = h->edit_fn(h->game->state, h->state, path, value);
    if (rc < 0)
        return rc;
    if (h->capturing)
        record_edit(&h->capture, path, value);
    if (h->recording_whole)
        record_edit(&h->whole, path, value);
    history_add_edit(&h->history, path, value);
    return 0;
}

void host_set_edit_fn(Host *h, HostEditFn fn)
{
    h->edit_fn = fn;
}

/* The image after each frame as TRACE/FRAME.state (after a seek: TRACE/seek-FRAME.state),
 * for verify and the tests. */
static void trace(Host *h, const char *prefix)
{
    if (!h->cfg.trace)
        return;
    char path[4200];
    snprintf(path, sizeof(path), "%s/%s%llu.state", h->cfg.trace, prefix,
             (unsigned long long)h->frame);
    StateImage img = {0};
    int rc = host_encode(h, &img);
    if (rc == 0)
        rc = state_image_save(path, &img);
    state_image_free(&img);
    if (rc < 0 && !h->trace_failed) {
        fprintf(stderr, "hotrun: cannot write the trace %s: %s\n", path, state_error_text(rc));
        h->trace_failed = true;
    }
}

/* One update of the game with this frame time and clock. -1 when it faulted (handled). */
/* live: a frame played now (not re-run by a seek). */
static int update(Host *h, float dt, double time, bool live)
{
    HostFault msg;
    api_set_frame(h->frame, dt, time);
    h->game_time = time;
    api_sound_triggers(live); /* a seek's frames were heard when they first ran */
    int rc = host_call_entry(h, h->game->update, &msg);
    api_sound_triggers(true);
    if (rc < 0) {
        host_fault(h, "update", &msg);
        return -1;
    }
    h->frame++;
    if (live) {
        frame_after_update(h);
        trace(h, "");
    }
    return 0;
}

/* Back to frame `target` of the history: its keyframe, then the frames up to it. The
 * future after it is forgotten. 0, or -1 when the history does not reach it. */
static int seek(Host *h, uint64_t target)
{
    const Recording *seg = history_find(&h->history, target);
    if (!seg || restore(h, &seg->start) < 0)
        return -1;
    RecCursor c;
    rec_cursor_start(&c, seg);
    Input in;
    const RecFrame *f;
    const char *edits;
    HostEditFn fn = h->edit_fn;
    while (h->frame < target && rec_cursor_next(&c, &in, &f, &edits)) {
        record_apply_input(&h->input, &in);
        if (edits && fn)
            for (const char *p = edits, *end = edits + f->edits_len; p < end;) {
                const char *value = p + strlen(p) + 1;
                fn(h->game->state, h->state, p, value);
                p = value + strlen(value) + 1;
            }
        if (update(h, f->dt, f->time, false) < 0)
            return -1;
    }
    history_truncate(&h->history, target);
    if (h->capturing && target < h->capture.start.frame + h->capture.count) {
        if (target < h->capture.start.frame)
            flow_state_jumped(h, "rewound to before its start");
        else
            record_truncate(&h->capture, (size_t)(target - h->capture.start.frame));
    }
    if (h->recording_whole && target < h->whole.start.frame + h->whole.count) {
        if (target < h->whole.start.frame)
            flow_state_jumped(h, "rewound to before its start");
        else
            record_truncate(&h->whole, (size_t)(target - h->whole.start.frame));
    }
    snapshot_take(h);
    trace(h, "seek-");
    return 0;
}

/* F12 held: a few frames further back each frame. */
static void rewind_tick(Host *h)
{
    uint64_t first, last;
    if (!h->history.max_bytes) {
        overlay_status(&h->overlay, h->now, "rewind is off (--history-mb 0)");
        return;
    }
    h->scrub_until = h->now + 1.5;
    if (!history_span(&h->history, &first, &last))
        return;
    if (!h->rewinding) {
        h->rewinding = true;
        if (h->playing != PLAY_REPLAY)
            h->playing = PLAY_NONE; /* a rewind leaves a loop where it lands */
        h->seeks = 0;
        h->seek_ms_max = h->seek_ms_sum = 0;
        emit_rewind(h, true);
    }
    uint64_t target = h->frame > first + REWIND_FRAMES_PER_TICK
                          ? h->frame - REWIND_FRAMES_PER_TICK
                          : first;
    if (target < h->frame) {
        double t0 = host_clock();
        seek(h, target);
        double ms = host_ms_since(t0);
        h->seeks++;
        h->seek_ms_sum += ms;
        if (ms > h->seek_ms_max)
            h->seek_ms_max = ms;
    }
}

/* Whether the loop's end sends it back to its start, or the playback ends. */
static bool next_played(Host *h, Input *in, const RecFrame **f, const char **edits)
{
    if (rec_cursor_next(&h->cursor, in, f, edits))
        return true;
    switch (h->playing) {
    case PLAY_LOOP:
        if (h->loop.count == 0 || restore(h, &h->loop.start) < 0) {
            h->playing = PLAY_NONE;
            return false;
        }
        history_cut(&h->history);
        emit_flow(h, "loop_restart", (long long)h->loop.count);
        rec_cursor_start(&h->cursor, &h->loop);
        return rec_cursor_next(&h->cursor, in, f, edits);
    case PLAY_REPLAY:
        h->quit = true;
        emit_flow(h, "replay_end", (long long)h->loop.count);
        return false;
    default:
        emit_flow(h, "replay_end", (long long)h->loop.count);
        h->playing = PLAY_NONE;
        return false;
    }
}

void flow_update(Host *h, float real_dt)
{
    if (input_host_down(&h->input, HOST_KEY_REWIND)) {
        rewind_tick(h);
        return;
    }
    if (h->rewinding) {
        h->rewinding = false;
        overlay_status(&h->overlay, h->now, "playing on from frame %llu",
                       (unsigned long long)h->frame);
        emit_rewind(h, false);
    }
    float dt;
    if (!timectl_tick(&h->time, real_dt, &dt))
        return;
    double time = h->game_time + dt;
    if (h->playing) {
        Input in;
        const RecFrame *f;
        const char *edits;
        if (next_played(h, &in, &f, &edits)) {
            record_apply_input(&h->input, &in);
            apply_edits(h, f, edits);
            dt = f->dt;
            time = f->time;
        } else if (h->quit) {
            return;
        }
    }
    double t0 = host_clock();
    size_t size = h->game->state->size;
    if (history_takes(&h->history, size) && history_wants_keyframe(&h->history) &&
        !(h->heavy_frame && size >= HOST_BIG) && /* a quicksave packed this frame */
        host_big_buffer(h, size + size / 8 + 4096, &h->keyframe_image)) {
        /* Packed (an array of structs is one memcpy) into a forgotten keyframe's buffer or
         * one whose pages another thread touched: no encode, no page faults here. A big
         * state whose buffer is not ready yet gets its keyframe a frame or two later. */
        uint64_t rng[2];
        api_random_get(rng);
        if (host_pack(h, &h->keyframe_image) == 0)
            history_add_keyframe(&h->history, &h->keyframe_image, h->frame, h->game_time, rng,
                                 &h->input);
        h->heavy_frame = size >= HOST_BIG;
    }
    history_add_frame(&h->history, &h->input, dt, time);
    if (h->capturing)
        record_frame(&h->capture, &h->input, dt, time);
    if (h->recording_whole)
        record_frame(&h->whole, &h->input, dt, time);
    h->flow_ms = host_ms_since(t0);
    update(h, dt, time, true);
}

int flow_start_replay(Host *h, Err *err)
{
    int rc = record_load(&h->loop, h->cfg.replay, err);
    if (rc < 0)
        return rc;
    StateReport report = {0};
    rc = state_layout_decode(&h->layout, &h->loop.start.image, h->state, &report);
    if (rc < 0)
        return err_set(err, ERR_CORRUPT, "--replay %s: its start image: %s", h->cfg.replay,
                       state_error_text(rc));
    api_random_set(h->loop.start.rng);
    h->frame = h->loop.start.frame;
    h->game_time = h->loop.start.time;
    record_apply_input(&h->input, &h->loop.start.input);
    rec_cursor_start(&h->cursor, &h->loop);
    h->playing = PLAY_REPLAY;
    fprintf(stderr, "hotrun: replaying %zu frames from %s\n", h->loop.count, h->cfg.replay);
    return 0;
}

int flow_finish(Host *h)
{
    if (!h->cfg.record || !h->whole.start.image.data)
        return 0;
    Err err = {0};
    if (record_save(&h->whole, h->cfg.record, &err) < 0) {
        fprintf(stderr, "hotrun: %s\n", err_text(&err, ERR_IO));
        return -1;
    }
    fprintf(stderr, "hotrun: recorded %zu frames to %s\n", h->whole.count, h->cfg.record);
    return 0;
}

/* ---- replay on reload ---- */

/* The history's frames from `target` on, as a recording (its start is filled later). */
static void copy_tail(Host *h, uint64_t target, Recording *out)
{
    memset(out, 0, sizeof(*out));
    bool begun = false;
    for (size_t i = 0; i < h->history.count; i++) {
        const Recording *seg = &h->history.seg[i];
        if (seg->start.frame + seg->count <= target)
            continue;
        RecCursor c;
        rec_cursor_start(&c, seg);
        Input in;
        const RecFrame *f;
        const char *edits;
        for (uint64_t at = seg->start.frame; rec_cursor_next(&c, &in, &f, &edits); at++) {
            if (at < target)
                continue;
            if (!begun) {
                out->start.input = out->last = c.input;
                begun = true;
            }
            for (const char *p = edits, *end = edits ? edits + f->edits_len : NULL;
                 p && p < end;) {
                const char *value = p + strlen(p) + 1;
                record_edit(out, p, value);
                p = value + strlen(value) + 1;
            }
            record_frame(out, &in, f->dt, f->time);
        }
    }
}

void flow_after_swap(Host *h)
{
    if (!h->replay_on_reload || h->playing || h->paused)
        return;
    uint64_t first, last;
    if (!history_span(&h->history, &first, &last))
        return;
    double seconds = h->cfg.replay_seconds > 0 ? h->cfg.replay_seconds : 2;
    uint64_t back = (uint64_t)(seconds * (h->cfg.fps > 0 ? h->cfg.fps : 60));
    uint64_t target = h->frame > first + back ? h->frame - back : first;
    /* From the keyframe at or before it: the frames before the target are then not re-run
     * on the new code, so the replay starts from the state the old code had. */
    const Recording *seg = history_find(&h->history, target);
    if (!seg)
        return;
    target = seg->start.frame;
    if (target >= h->frame)
        return;
    Recording tail;
    copy_tail(h, target, &tail);
    uint64_t now = h->frame;
    if (seek(h, target) < 0) {
        record_free(&tail);
        return;
    }
    record_free(&h->loop);
    h->loop = tail;
    begin_start(h, &h->loop.start);
    rec_cursor_start(&h->cursor, &h->loop);
    h->playing = PLAY_ONCE;
    overlay_status(&h->overlay, h->now, "replaying the last %.1f s on the new code",
                   (double)(now - target) / (h->cfg.fps > 0 ? h->cfg.fps : 60));
    emit_flow(h, "replay_on_reload", (long long)(now - target));
}

/* ---- keys ---- */

void flow_key_record(Host *h)
{
    if (h->playing == PLAY_LOOP) { /* from the top */
        if (restore(h, &h->loop.start) == 0) {
            rec_cursor_start(&h->cursor, &h->loop);
            history_cut(&h->history);
            overlay_status(&h->overlay, h->now, "loop restarted");
        }
        return;
    }
    if (!h->capturing) {
        if (begin_here(h, &h->capture) < 0) {
            overlay_status(&h->overlay, h->now, "cannot record: out of memory");
            return;
        }
        h->capturing = true;
        char key[32];
        input_host_key_label(HOST_KEY_RECORD, key, sizeof(key));
        overlay_status(&h->overlay, h->now, "recording a loop: %s closes it", key);
        emit_flow(h, "record", 0);
        return;
    }
    h->capturing = false;
    if (h->capture.count == 0) {
        record_free(&h->capture);
        overlay_status(&h->overlay, h->now, "nothing recorded: the loop is empty");
        return;
    }
    if (h->playing)
        h->playing = PLAY_NONE;
    record_free(&h->loop);
    h->loop = h->capture;
    memset(&h->capture, 0, sizeof(h->capture));
    if (restore(h, &h->loop.start) < 0)
        return;
    history_cut(&h->history);
    rec_cursor_start(&h->cursor, &h->loop);
    h->playing = PLAY_LOOP;
    char leave[32];
    input_host_key_label(HOST_KEY_LEAVE_LOOP, leave, sizeof(leave));
    overlay_status(&h->overlay, h->now, "looping %zu frames: edit away; %s leaves",
                   h->loop.count, leave);
    emit_flow(h, "loop", (long long)h->loop.count);
}

void flow_key_leave_loop(Host *h)
{
    if (h->playing != PLAY_LOOP)
        return;
    h->playing = PLAY_NONE;
    overlay_status(&h->overlay, h->now, "left the loop at frame %llu",
                   (unsigned long long)h->frame);
    emit_flow(h, "leave_loop", (long long)h->loop.count);
}

void flow_key_replay_reload(Host *h)
{
    h->replay_on_reload = !h->replay_on_reload;
    overlay_status(&h->overlay, h->now, "replay on reload %s",
                   h->replay_on_reload ? "on" : "off");
    emit_flow(h, h->replay_on_reload ? "replay_on_reload_on" : "replay_on_reload_off", 0);
}

static void say_speed(Host *h)
{
    char buf[32];
    timectl_describe(&h->time, buf, sizeof(buf));
    overlay_status(&h->overlay, h->now, "%s", buf[0] ? buf : "normal speed");
}

void flow_key_pause(Host *h)
{
    timectl_toggle_pause(&h->time);
    say_speed(h);
}

void flow_key_step(Host *h)
{
    timectl_step(&h->time);
}

void flow_key_slower(Host *h)
{
    timectl_slower(&h->time);
    say_speed(h);
}

void flow_key_faster(Host *h)
{
    timectl_faster(&h->time);
    say_speed(h);
}

/* ---- the scrub bar ---- */

void flow_draw(Host *h)
{
    uint64_t first, last;
    if (h->now >= h->scrub_until || !history_span(&h->history, &first, &last))
        return;
    /* Above the status line, which says where the rewind landed. */
    const float x = 40, w = RENDER_WIDTH - 80, hgt = 10;
    const float y = RENDER_HEIGHT - OVERLAY_STATUS_H - 16;
    double span = last > first ? (double)(last - first) : 1;
    double at = h->frame < first ? 0 : (double)(h->frame - first) / span;
    if (at > 1)
        at = 1;
    render_rect(h->render, x - 2, y - 2, w + 4, hgt + 4, HOT_RGBA(0, 0, 0, 160));
    render_rect(h->render, x, y, (float)(w * at), hgt, HOT_RGBA(90, 160, 255, 220));
    render_rect_lines(h->render, x, y, w, hgt, HOT_RGBA(220, 220, 220, 220));
    char text[96];
    double fps = h->cfg.fps > 0 ? h->cfg.fps : 60;
    snprintf(text, sizeof(text), "%s -%.1f s (history %.0f s)",
             h->rewinding ? "rewind" : "played on from", (double)(last - h->frame) / fps,
             span / fps);
    render_text(h->render, text, x, y - 14, 1, HOT_RGB(230, 230, 230));
}
