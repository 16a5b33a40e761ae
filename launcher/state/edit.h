/* edit.h: one value of the live state, found by its path and read or changed as text (the
 * tweak panel's edits, and their replay). No SDL, no libuv. */
#ifndef HOTRUN_STATE_EDIT_H
#define HOTRUN_STATE_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "hot.h"
#include "util/error.h"

/* A value in state memory. For an ARRAY or LIST element, field is the container's field
 * and index the element; for the container itself (or any other field) index is -1. */
typedef struct StateSlot {
    const HotField *field;
    const HotSchema *type; /* the value's schema: a scalar or a struct */
    uint8_t *ptr;          /* the value (a STRING's chars, a LIST's items[0]) */
    uint8_t *owner;        /* the struct holding field (a LIST's count is there) */
    int32_t index;
} StateSlot;

/* What kind of value a slot is, for showing and editing it. */
typedef enum StateValueKind {
    STATE_VALUE_GROUP = 1, /* a struct, array or list: has children, no value of its own */
    STATE_VALUE_BOOL,
    STATE_VALUE_INT,
    STATE_VALUE_FLOAT,
    STATE_VALUE_ENUM,
    STATE_VALUE_STRING,
    STATE_VALUE_ASSET, /* a texture, font, sound... handle: shown, not editable */
} StateValueKind;

/* Finds the value at a dotted path ("player.pos.x", "comets.2.vel.y"; "comets[2]" works
 * too) in `mem` laid out by `schema`. Transient fields and items past a list's count are
 * not found. 0, or ERR_NOTFOUND with a sentence in err. */
int state_find(const HotSchema *schema, void *mem, const char *path, StateSlot *out,
               Err *err);
StateValueKind state_slot_kind(const StateSlot *s);
/* Children of a group: items of an array (its size) or list (its count), fields of a
 * struct (transient ones included: skip them by kind). */
uint32_t state_slot_children(const StateSlot *s);
/* The value as text: exact for numbers (a float reads back to the same bits), the enum's
 * name when the game declared one (else its number), a string without quotes. Groups
 * write "" (see state_slot_children). */
void state_slot_text(const StateSlot *s, char *buf, size_t size);
/* Sets the value at `path` from text: a number (in range for the type), true/false/1/0
 * for a bool, a number or declared name for an enum, any text shorter than the buffer
 * for a string. 0, or ERR_NOTFOUND / ERR_INVALID / ERR_UNSUPPORTED with a sentence; on
 * error the state is unchanged. */
int state_set_text(const HotSchema *schema, void *mem, const char *path, const char *text,
                   Err *err);
/* The enum value's declared name, or NULL. */
const char *state_enum_name(const HotField *f, int32_t value);

#endif
