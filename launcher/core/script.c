/* script.c: scripted input (--press): keys, combinations, text, wheel, mouse buttons and
 * virtual gamepads at given host frames. */
#include "core/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/gamepad.h"

/* Splits spec into tokens at spaces and commas; 'single quotes' keep them inside a token
 * (text:'Ada, L'@5) and are dropped. Returns the token count; tokens point into buf. */
static int tokenize(char *buf, char **tok, int max)
{
    int n = 0;
    char *r = buf, *w = buf;
    while (*r) {
        while (*r == ' ' || *r == ',' || *r == '\t')
            r++;
        if (!*r)
            break;
        char *start = w;
        bool quoted = false;
        while (*r && (quoted || (*r != ' ' && *r != ',' && *r != '\t'))) {
            if (*r == '\'')
                quoted = !quoted;
            else
                *w++ = *r;
            r++;
        }
        bool end = !*r;
        *w++ = '\0';
        if (!end)
            r++;
        if (n < max)
            tok[n] = start;
        n++;
        if (end)
            break;
    }
    return n;
}

/* "pad", "pad0".."pad3" (or "gamepad"...) before the ':'; -1 when it is not a pad. */
static int pad_number(const char *what, size_t len)
{
    if (len >= 7 && strncasecmp(what, "gamepad", 7) == 0) {
        what += 4;
        len -= 4;
    }
    if (len < 3 || strncasecmp(what, "pad", 3) != 0)
        return -1;
    if (len == 3)
        return 0;
    if (len == 4 && what[3] >= '0' && what[3] < '0' + HOT_PAD_MAX)
        return what[3] - '0';
    return -2; /* pad9: no such pad */
}

static bool number(const char *s, float *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end)
        return false;
    *out = (float)v;
    return true;
}

/* The part before '@': what is pressed. 0 or ERR_INVALID with a sentence. */
static int parse_what(Script *s, ScriptPress *p, char *what, Err *err)
{
    char *colon = strchr(what, ':');
    if (!colon) { /* keys: "a", "ctrl+f5", "ctrl+shift+f1" */
        p->kind = SCRIPT_KEYS;
        for (char *save = NULL, *k = strtok_r(what, "+", &save); k;
             k = strtok_r(NULL, "+", &save)) {
            HotKey key = input_key_from_name(k);
            if (key == HOT_KEY_NONE || p->nkeys == SCRIPT_MAX_COMBO)
                return err_set(err, ERR_INVALID, "--press: unknown key '%s'", k);
            /* "ctrl" is pressed as the left Ctrl key, as a hand would. */
            static const HotKey either[][2] = {{HOT_KEY_SHIFT, HOT_KEY_LEFT_SHIFT},
                                              {HOT_KEY_CTRL, HOT_KEY_LEFT_CTRL},
                                              {HOT_KEY_ALT, HOT_KEY_LEFT_ALT},
                                              {HOT_KEY_GUI, HOT_KEY_LEFT_GUI}};
            for (int i = 0; i < 4; i++)
                if (key == either[i][0])
                    key = either[i][1];
            p->keys[p->nkeys++] = key;
        }
        if (p->nkeys == 0)
            return err_set(err, ERR_INVALID, "--press: unknown key '%s'", what);
        return 0;
    }
    *colon = '\0';
    const char *arg = colon + 1;
    if (strcasecmp(what, "text") == 0 || strcasecmp(what, "type") == 0) {
        if (!*arg || strlen(arg) >= sizeof(p->text))
            return err_set(err, ERR_INVALID,
                           "--press: text:%s is empty or longer than %zu bytes", arg,
                           sizeof(p->text) - 1);
        p->kind = SCRIPT_TEXT;
        snprintf(p->text, sizeof(p->text), "%s", arg);
        return 0;
    }
    if (strcasecmp(what, "wheel") == 0) {
        p->kind = SCRIPT_WHEEL;
        static const struct { const char *name; float x, y; } dirs[] = {
            {"up", 0, 1}, {"down", 0, -1}, {"left", -1, 0}, {"right", 1, 0}};
        for (int i = 0; i < 4; i++)
            if (strcasecmp(arg, dirs[i].name) == 0) {
                p->x = dirs[i].x;
                p->y = dirs[i].y;
                return 0;
            }
        if (number(arg, &p->y))
            return 0;
        return err_set(err, ERR_INVALID,
                       "--press: wheel:%s is not up, down, left, right or a number of notches",
                       arg);
    }
    if (strcasecmp(what, "mouse") == 0) {
        static const char *const names[HOT_MOUSE_COUNT] = {"left", "middle", "right", "x1",
                                                           "x2"};
        p->kind = SCRIPT_MOUSE;
        for (int i = 0; i < HOT_MOUSE_COUNT; i++)
            if (strcasecmp(arg, names[i]) == 0) {
                p->which = i;
                return 0;
            }
        return err_set(err, ERR_INVALID,
                       "--press: mouse:%s is not a mouse button (left, middle, right, x1, x2)",
                       arg);
    }
    int pad = pad_number(what, strlen(what));
    if (pad == -2)
        return err_set(err, ERR_INVALID, "--press: %s: pads are pad0..pad%d", what,
                       HOT_PAD_MAX - 1);
    if (pad < 0)
        return err_set(err, ERR_INVALID, "--press: unknown key '%s:%s'", what, arg);
    p->pad = pad;
    s->pads[pad] = true;
    char name[32];
    const char *eq = strchr(arg, '=');
    snprintf(name, sizeof(name), "%.*s", (int)(eq ? eq - arg : (long)strlen(arg)), arg);
    if (!eq && (strcasecmp(name, "plug") == 0 || strcasecmp(name, "unplug") == 0)) {
        p->kind = strcasecmp(name, "plug") == 0 ? SCRIPT_PAD_PLUG : SCRIPT_PAD_UNPLUG;
        return 0;
    }
    if (!eq && (p->which = input_pad_button_from_name(name)) >= 0) {
        p->kind = SCRIPT_PAD_BUTTON;
        return 0;
    }
    if (eq && (p->which = input_pad_axis_from_name(name)) >= 0) {
        p->kind = SCRIPT_PAD_AXIS;
        bool trigger = p->which >= HOT_PAD_TRIGGER_LEFT;
        if (!number(eq + 1, &p->x) || p->x < (trigger ? 0 : -1) || p->x > 1)
            return err_set(err, ERR_INVALID, "--press: %s:%s: the value must be %s", what,
                           arg, trigger ? "0..1" : "-1..1");
        return 0;
    }
    return err_set(err, ERR_INVALID,
                   "--press: %s:%s is no pad button (a, b, x, y, start, dpup, ...), axis "
                   "(leftx=VALUE, lefttrigger=VALUE, ...), plug or unplug",
                   what, arg);
}

int script_parse(Script *s, const char *spec, Err *err)
{
    memset(s, 0, sizeof(*s));
    s->applied = -1;
    char *buf = xstrdup(spec ? spec : "");
    char *tok[SCRIPT_MAX_PRESSES];
    int n = tokenize(buf, tok, SCRIPT_MAX_PRESSES);
    int rc = 0;
    if (n > SCRIPT_MAX_PRESSES) {
        rc = err_set(err, ERR_INVALID, "--press: more than %d presses", SCRIPT_MAX_PRESSES);
        n = 0;
    }
    for (int i = 0; i < n && rc == 0; i++) {
        char *at_sign = strrchr(tok[i], '@');
        long at = 0, hold = 1;
        int used = 0;
        const char *when = at_sign ? at_sign + 1 : "";
        /* %n after each form: the whole token must be one of them, nothing left over. */
        if (!at_sign || at_sign == tok[i] ||
            !((sscanf(when, "%ld+%ld%n", &at, &hold, &used) == 2 && !when[used]) ||
              (hold = 1, sscanf(when, "%ld%n", &at, &used) == 1 && !when[used])) ||
            hold < 1 || at < 0 || when[0] == '+' || when[0] == '-') {
            rc = err_set(err, ERR_INVALID, "--press: '%s' is not KEY@FRAME[+FRAMES]", tok[i]);
            break;
        }
        ScriptPress *p = &s->press[s->count];
        memset(p, 0, sizeof(*p));
        p->at = at;
        p->until = at + hold;
        *at_sign = '\0';
        rc = parse_what(s, p, tok[i], err);
        if (rc == 0)
            s->count++;
    }
    free(buf);
    if (rc < 0) {
        s->count = 0;
        return rc;
    }
    for (int v = 0; v < HOT_PAD_MAX; v++)
        s->plug_at_start[v] = s->pads[v];
    for (int i = 0; i < s->count; i++)
        if (s->press[i].kind == SCRIPT_PAD_PLUG)
            s->plug_at_start[s->press[i].pad] = false;
    return 0;
}

static void plug(Script *s, int v)
{
    char why[200];
    if (gamepad_virtual_plug(v, why, sizeof(why)) < 0 && !s->error[0] && !s->error_said)
        snprintf(s->error, sizeof(s->error),
                 "--press: could not plug in virtual pad %d: %s.", v, why);
}

void script_apply(Script *s, long frame, Input *in)
{
    if (frame == s->applied)
        return;
    bool pads = false;
    if (s->applied < 0) {
        for (int v = 0; v < HOT_PAD_MAX; v++)
            if (s->plug_at_start[v]) {
                plug(s, v);
                pads = true;
            }
    }
    for (int i = 0; i < s->count; i++) {
        const ScriptPress *p = &s->press[i];
        bool start = frame == p->at, end = frame == p->until;
        bool during = frame >= p->at && frame < p->until;
        switch (p->kind) {
        case SCRIPT_KEYS:
            if (start) /* modifiers first, as fingers do */
                for (int k = 0; k < p->nkeys; k++)
                    input_key_event(in, p->keys[k], true);
            else if (end)
                for (int k = p->nkeys - 1; k >= 0; k--)
                    input_key_event(in, p->keys[k], false);
            break;
        case SCRIPT_TEXT:
            if (start)
                input_type_text(in, p->text);
            break;
        case SCRIPT_WHEEL:
            if (during)
                input_wheel(in, p->x, p->y);
            break;
        case SCRIPT_MOUSE:
            if (start || end)
                input_set_mouse(in, (HotMouseButton)p->which, start);
            break;
        case SCRIPT_PAD_BUTTON:
            if (start || end) {
                gamepad_virtual_button(p->pad, (HotPadButton)p->which, start);
                pads = true;
            }
            break;
        case SCRIPT_PAD_AXIS:
            if (start || end) {
                gamepad_virtual_axis(p->pad, (HotPadAxis)p->which, start ? p->x : 0);
                pads = true;
            }
            break;
        case SCRIPT_PAD_PLUG:
            if (start) {
                plug(s, p->pad);
                pads = true;
            }
            break;
        case SCRIPT_PAD_UNPLUG:
            if (start) {
                gamepad_virtual_unplug(p->pad);
                pads = true;
            }
            break;
        }
    }
    /* SDL turns a virtual pad's changes into events when it is pumped: now, so this frame
     * sees them, as it sees the keys above. */
    if (pads)
        input_pump_events(in);
    s->applied = frame;
}

const char *script_error(Script *s)
{
    if (!s->error[0] || s->error_said)
        return NULL;
    s->error_said = true;
    return s->error;
}

void script_end(Script *s)
{
    for (int v = 0; v < HOT_PAD_MAX; v++)
        if (s->pads[v])
            gamepad_virtual_unplug(v);
}
