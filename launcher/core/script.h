/* script.h: scripted input (--press "KEY@FRAME[+HOLD] ..."): key presses at given host
 * frames, for tests and CI runs of a windowless game. */
#ifndef HOTRUN_SCRIPT_H
#define HOTRUN_SCRIPT_H

#include <stdbool.h>

#include "hot.h"
#include "platform/input.h"
#include "util/error.h"

#define SCRIPT_MAX_PRESSES 64

typedef struct ScriptPress {
    HotKey key;  /* a game key, or HOT_KEY_NONE for a host key */
    int host;    /* a HostKey, or -1 */
    long at, until;
} ScriptPress;

typedef struct Script {
    ScriptPress press[SCRIPT_MAX_PRESSES];
    int count;
    long applied; /* the last host frame applied (-1: none) */
} Script;

/* Parses a --press spec (NULL or "" is an empty script). 0, or ERR_INVALID with a
 * sentence ("--press: unknown key 'foo'"). */
int script_parse(Script *s, const char *spec, Err *err);
/* Presses and releases what the script says for host frame `frame` (once per frame). */
void script_apply(Script *s, long frame, Input *in);

#endif
