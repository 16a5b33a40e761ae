/* overlay.c: the host's layer over the game: status line, build error and fault panels,
 * and the tweak panel. */
#include "platform/overlay.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>


#define MARGIN      8   /* between the screen edge and a panel */
#define PAD         8   /* between a panel's border and its text */
#define PANELS_TOP  30  /* panels start below the status bar, whether it shows or not */
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
    float h = (float)(HOT_FONT_H * scale + 2 * 5);
    render_rect(r, 0, 0, RENDER_WIDTH, h, HOT_RGBA(8, 10, 16, (uint8_t)(235 * k)));
    render_rect(r, 0, h, RENDER_WIDTH, 1, HOT_RGBA(120, 200, 255, (uint8_t)(200 * k)));
    render_text(r, o->status, PAD, (h - (float)(HOT_FONT_H * scale)) / 2 + (float)scale, scale,
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

void overlay_draw(const Overlay *o, Render *r, double now, const PanelView *panel)
{
    if (!o || !r)
        return;
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
    float y = PANELS_TOP;
    float room = RENDER_HEIGHT - MARGIN - y;
    if (o->error[0]) {
        /* Leave room for a fault panel below when both are up. */
        float max_h = o->fault[0] ? room / 2 : room;
        y += draw_panel(r, y, max_h, "BUILD FAILED", o->error, NULL, &error_style) + 6;
    }
    if (o->fault[0]) {
        float max_h = RENDER_HEIGHT - MARGIN - y;
        y += draw_panel(r, y, max_h, "GAME FAULTED", o->fault,
                        "F2 retry, F3 restart from defaults", &fault_style) +
             6;
    }
    if (panel)
        panel_draw(r, panel);
    draw_status(o, r, now);
}
