/* script.c: scripted input (--press): key presses at given host frames. */
#include "core/script.h"

#include <stdio.h>
#include <string.h>

int script_parse(Script *s, const char *spec, Err *err)
{
    memset(s, 0, sizeof(*s));
    s->applied = -1;
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", spec ? spec : "");
    for (char *save = NULL, *tok = strtok_r(buf, " ,", &save); tok;
         tok = strtok_r(NULL, " ,", &save)) {
        char name[32];
        long at = 0, hold = 1;
        int used = 0;
        if (s->count == SCRIPT_MAX_PRESSES)
            return err_set(err, ERR_INVALID, "--press: more than %d presses",
                           SCRIPT_MAX_PRESSES);
        /* %n after each form: the whole token must be one of them, nothing left over. */
        if (!((sscanf(tok, "%31[^@]@%ld+%ld%n", name, &at, &hold, &used) == 3 &&
               !tok[used]) ||
              (hold = 1, sscanf(tok, "%31[^@]@%ld%n", name, &at, &used) == 2 && !tok[used])) ||
            hold < 1 || at < 0)
            return err_set(err, ERR_INVALID, "--press: '%s' is not KEY@FRAME[+FRAMES]", tok);
        int host = -1;
        HotKey key = input_key_from_name(name, &host);
        if (key == HOT_KEY_NONE && host < 0)
            return err_set(err, ERR_INVALID, "--press: unknown key '%s'", name);
        s->press[s->count++] = (ScriptPress){key, host, at, at + hold};
    }
    return 0;
}

void script_apply(Script *s, long frame, Input *in)
{
    if (frame == s->applied)
        return;
    for (int i = 0; i < s->count; i++) {
        const ScriptPress *p = &s->press[i];
        if (p->host >= 0 && (frame == p->at || frame == p->until)) {
            in->host_pressed[p->host] = in->host_pressed[p->host] || frame == p->at;
            in->host_down[p->host] = frame == p->at; /* held until `until` (F12) */
        } else if (p->host < 0 && (frame == p->at || frame == p->until))
            input_set_key(in, p->key, frame == p->at);
    }
    s->applied = frame;
}
