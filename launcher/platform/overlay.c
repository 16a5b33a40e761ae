/* overlay.c: the host's layer over the game: the status line at the bottom, build error
 * and fault panels (over the frozen frame, dimmed), the help overlay, the tweak panel. */
#include "platform/overlay.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>


#define MARGIN      8   /* between the screen edge and a panel */
#define PAD         8   /* between a panel's border and its text */
#define PANELS_TOP  MARGIN
#define HELP_W      430 /* the help overlay, docked on the left */
#define STATUS_HOLD 1.5 /* seconds the status line stays fully visible */
#define STATUS_FADE 1.5 /* then seconds it takes to fade out */
#define WRAP_LINES  64
#define WRAP_COLS   160

typedef struct Wrapped {
    int count;
    bool cut; /* more text than WRAP_LINES lines */
    char line[WRAP_LINES][WRAP_COLS + 1];
} Wrapped;

void overlay_status(Overlay *o, double now, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->status, sizeof(o->status), fmt, ap);
    va_end(ap);
    o->status_time = now;
}

void overlay_reload(Overlay *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->reload, sizeof(o->reload), fmt, ap);
    va_end(ap);
}

void overlay_frame_time(Overlay *o, double ms)
{
    graph_add(&o->frames, ms);
}

static void set_text(char *dst, size_t size, const char *text)
{
    snprintf(dst, size, "%s", text ? text : "");
}

void overlay_error(Overlay *o, const char *text)
{
    set_text(o->error, sizeof(o->error), text);
}

void overlay_fault(Overlay *o, const char *text)
{
    set_text(o->fault, sizeof(o->fault), text);
}

static void push_line(Wrapped *w, const char *s, size_t n)
{
    if (w->count == WRAP_LINES) {
        w->cut = true;
        return;
    }
    if (n > WRAP_COLS)
        n = WRAP_COLS;
    char *dst = w->line[w->count++];
    for (size_t i = 0; i < n; i++)
        dst[i] = s[i] == '\t' ? ' ' : s[i];
    dst[n] = '\0';
}

/* Splits text into lines of at most `cols` characters, breaking after the last space that
 * fits, or mid-word when a word is longer than a line (paths in compiler errors). */
static void wrap(const char *text, int cols, Wrapped *w)
{
    w->count = 0;
    w->cut = false;
    if (cols < 1)
        cols = 1;
    if (cols > WRAP_COLS)
        cols = WRAP_COLS;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\n");
        while (len > (size_t)cols) {
            size_t cut = (size_t)cols;
            while (cut > 0 && p[cut] != ' ')
                cut--;
            size_t take = cut > 0 ? cut : (size_t)cols;
            push_line(w, p, take);
            if (cut > 0)
                take++; /* drop the space the line broke at */
            p += take;
            len -= take;
        }
        push_line(w, p, len);
        p += len;
        if (*p == '\n')
            p++;
    }
}

static void draw_status(const Overlay *o, Render *r, double now)
{
    if (!o->status[0])
        return;
    double age = now - o->status_time;
    if (age < 0)
        age = 0;
    if (age >= STATUS_HOLD + STATUS_FADE)
        return;
    double k = age <= STATUS_HOLD ? 1.0 : 1.0 - (age - STATUS_HOLD) / STATUS_FADE;
    int scale = render_text_width(o->status, 2) <= RENDER_WIDTH - 2 * PAD ? 2 : 1;
    /* At the bottom and translucent: the game's own top rows (a score, a title) stay in
     * view, and the bar fades away after a few seconds. */
    float h = OVERLAY_STATUS_H, y = RENDER_HEIGHT - h;
    render_rect(r, 0, y, RENDER_WIDTH, h, HOT_RGBA(8, 10, 16, (uint8_t)(190 * k)));
    render_rect(r, 0, y, RENDER_WIDTH, 1, HOT_RGBA(120, 200, 255, (uint8_t)(200 * k)));
    render_text(r, o->status, PAD, y + (h - (float)(HOT_FONT_H * scale)) / 2 + 1, scale,
                HOT_RGBA(255, 255, 255, (uint8_t)(255 * k)));
}

typedef struct PanelStyle {
    Color bg, border, title, text, hint;
} PanelStyle;

/* A titled panel of wrapped text across the screen, at most max_h tall. Body text is at
 * scale 2 when it fits in a few lines, else at scale 1. Returns the height it took. */
static float draw_panel(Render *r, float y, float max_h, const char *title, const char *body,
                        const char *hint, const PanelStyle *st)
{
    static Wrapped w; /* large; the overlay is drawn from one thread */
    float inner = (float)(RENDER_WIDTH - 2 * MARGIN - 2 * PAD);
    int scale = 2;
    int cols = (int)(inner / (float)(HOT_FONT_W * 2));
    wrap(body, cols, &w);
    if (w.count > 8 || w.cut) {
        scale = 1;
        cols = (int)(inner / (float)HOT_FONT_W);
        wrap(body, cols, &w);
    }
    float title_h = (float)(HOT_FONT_H * 2 + 6);
    float line_h = (float)((HOT_FONT_H + 2) * scale);
    float hint_h = hint ? (float)(HOT_FONT_H * 2 + 8) : 0;
    float fixed = 2 * PAD + title_h + hint_h;
    int lines = w.count;
    bool cut = w.cut;
    if (fixed + (float)lines * line_h > max_h) {
        lines = (int)((max_h - fixed) / line_h);
        if (lines < 1)
            lines = 1;
        cut = true;
    }
    float h = fixed + (float)lines * line_h;
    float x = MARGIN, pw = RENDER_WIDTH - 2 * MARGIN;
    render_rect(r, x, y, pw, h, st->bg);
    render_rect_lines(r, x, y, pw, h, st->border);
    float tx = x + PAD, ty = y + PAD;
    render_text(r, title, tx, ty, 2, st->title);
    ty += title_h;
    for (int i = 0; i < lines; i++) {
        bool last = i == lines - 1;
        if (last && cut) {
            /* Say that there is more rather than silently dropping it. */
            char more[WRAP_COLS + 8];
            snprintf(more, sizeof(more), "%.*s ...", cols - 4, w.line[i]);
            render_text(r, more, tx, ty, scale, st->text);
        } else {
            render_text(r, w.line[i], tx, ty, scale, st->text);
        }
        ty += line_h;
    }
    if (hint)
        render_text(r, hint, tx, ty + 4, 2, st->hint);
    return h;
}

/* Lines of text (split at '\n', each cut to cols) from y on; returns the y after them. */
static float text_lines(Render *r, const char *text, float x, float y, int cols, int max_lines,
                        Color c)
{
    static Wrapped w;
    wrap(text, cols, &w);
    for (int i = 0; i < w.count && i < max_lines; i++, y += HOT_FONT_H + 3)
        render_text(r, i == max_lines - 1 && w.count > max_lines ? "..." : w.line[i], x, y,
                    1, c);
    return y;
}

static float help_title(Render *r, const char *title, float x, float y)
{
    render_text(r, title, x, y + 6, 1, HOT_RGB(120, 210, 255));
    return y + 6 + HOT_FONT_H + 5;
}

/* The help overlay, docked on the left: every host key (from the host's own table), the
 * frame-time graph, the last reload's phases, the build error and the last fault. */
static void draw_help(const Overlay *o, Render *r, const OverlayScene *sc)
{
    const Color text = HOT_RGB(235, 235, 235), soft = HOT_RGB(150, 160, 180);
    float x = 0, w = HELP_W, tx = PAD + 2, y = PAD;
    int cols = (int)((w - 2 * PAD - 4) / HOT_FONT_W);
    render_rect(r, x, 0, w, RENDER_HEIGHT, HOT_RGBA(10, 14, 24, 215));
    render_rect(r, x + w - 1, 0, 1, RENDER_HEIGHT, HOT_RGBA(90, 200, 255, 230));
    render_text(r, "HOTRUN HELP", tx, y, 2, HOT_RGB(120, 210, 255));
    y += HOT_FONT_H * 2 + 4;
    y = help_title(r, "HOST KEYS (never seen by the game)", tx, y);
    float kw = 0;
    for (int i = 0; i < sc->nkeys; i++) {
        float kwi = render_text_width(sc->keys[i].keys, 1);
        kw = kwi > kw ? kwi : kw;
    }
    for (int i = 0; i < sc->nkeys; i++, y += HOT_FONT_H + 3) {
        render_text(r, sc->keys[i].keys, tx, y, 1, HOT_RGB(255, 230, 140));
        int left = cols - (int)(kw / HOT_FONT_W) - 2;
        char what[160];
        snprintf(what, sizeof(what), "%.*s", left > 0 ? left : 0, sc->keys[i].what);
        render_text(r, what, tx + kw + 2 * HOT_FONT_W, y, 1, text);
    }
    if (sc->nkeys == 0)
        y = text_lines(r, "(none)", tx, y, cols, 1, soft);
    y = help_title(r, "FRAME TIME (last 120 frames)", tx, y);
    graph_draw(r, &o->frames, tx, y, w - 2 * PAD - 4, 64);
    y += 64 + 2;
    y = help_title(r, "LAST RELOAD", tx, y);
    y = text_lines(r, o->reload[0] ? o->reload : "(none yet)", tx, y, cols, 6,
                   o->reload[0] ? text : soft);
    y = help_title(r, "BUILD", tx, y);
    y = text_lines(r, o->error[0] ? o->error : "ok", tx, y, cols, 8,
                   o->error[0] ? HOT_RGB(255, 140, 130) : HOT_RGB(140, 230, 140));
    y = help_title(r, "LAST FAULT", tx, y);
    const char *fault = sc->last_fault && sc->last_fault[0] ? sc->last_fault : "none";
    text_lines(r, fault, tx, y, cols, (int)((RENDER_HEIGHT - y) / (HOT_FONT_H + 3)) - 1,
               fault[0] == 'n' && !fault[1] ? soft : HOT_RGB(255, 200, 120));
}

void overlay_draw(const Overlay *o, Render *r, double now, const OverlayScene *scene)
{
    if (!o || !r)
        return;
    static const OverlayScene none = {0};
    const OverlayScene *sc = scene ? scene : &none;
    static const PanelStyle error_style = {
        .bg = {120, 14, 14, 225},
        .border = {255, 90, 90, 255},
        .title = {255, 200, 200, 255},
        .text = {255, 255, 255, 255},
        .hint = {255, 220, 160, 255},
    };
    static const PanelStyle fault_style = {
        .bg = {130, 64, 0, 230},
        .border = {255, 170, 50, 255},
        .title = {255, 225, 170, 255},
        .text = {255, 255, 255, 255},
        .hint = {255, 240, 120, 255},
    };
    if (sc->frozen) /* the last good frame stays in view, dimmed, behind the report */
        render_rect(r, 0, 0, RENDER_WIDTH, RENDER_HEIGHT, HOT_RGBA(0, 0, 0, 150));
    float y = PANELS_TOP;
    float room = RENDER_HEIGHT - OVERLAY_STATUS_H - y;
    if (o->error[0]) {
        /* Leave room for a fault panel below when both are up. */
        float max_h = o->fault[0] ? room / 2 : room;
        y += draw_panel(r, y, max_h, "BUILD FAILED", o->error, NULL, &error_style) + 6;
    }
    if (o->fault[0]) {
        float max_h = RENDER_HEIGHT - OVERLAY_STATUS_H - y;
        y += draw_panel(r, y, max_h, "GAME FAULTED", o->fault, sc->fault_hint, &fault_style) + 6;
    }
    if (o->help)
        draw_help(o, r, sc);
    if (sc->panel)
        panel_draw(r, sc->panel);
    draw_status(o, r, now);
}
