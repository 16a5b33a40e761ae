/* copy.c: the state memory copied as it is, for rollbacks within one layout. */
#include "state/copy.h"

#include <stdlib.h>
#include <string.h>

#include "state/image.h"

int state_copy_take(const StateLayout *l, const void *mem, StateCopy *out)
{
    if (!l->schema) {
        state_copy_clear(out);
        return STATE_ESCHEMA;
    }
    size_t size = l->schema->size;
    if (out->cap < size) {
        size_t cap = state_block_size(size);
        uint8_t *data = malloc(cap); /* no realloc: the old bytes are not needed */
        if (!data) {
            state_copy_clear(out);
            return STATE_ENOMEM;
        }
        free(out->data);
        out->data = data;
        out->cap = cap;
    }
    memcpy(out->data, mem, size);
    out->size = size;
    out->memory = l->memory;
    return 0;
}

int state_copy_restore(const StateLayout *l, const StateCopy *c, void *mem)
{
    if (!l->schema || c->memory == 0 || c->memory != l->memory || c->size != l->schema->size)
        return STATE_ESCHEMA;
    memcpy(mem, c->data, c->size);
    state_layout_clear_transient(l, mem);
    return 0;
}

void state_copy_clear(StateCopy *c)
{
    c->size = 0;
    c->memory = 0;
}

void state_copy_free(StateCopy *c)
{
    free(c->data);
    memset(c, 0, sizeof(*c));
}
