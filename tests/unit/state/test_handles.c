/* test_handles.c: state/handles.c: asset handles in a state are saved by their path and
 * found again by it (through the host's resolver), nil for none; without a resolver they
 * save as nil and decode to none; a path where a number was is reset with a report. */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#include "state/state.h"

#define HANDLES(X)                                                                    \
    X(FIELD, int32_t, n, 0)                                                           \
    X(FIELD, HotSound, sound, 0)                                                      \
    X(FIELD, HotMusic, none, 0)                                                       \
    X(ARRAY, HotTexture, pics, 3)                                                     \
    X(LIST, HotSound, queue, 4)
HOT_STATE(Handles, HANDLES)

#define NUMBERS(X) X(FIELD, int32_t, sound, 7)
HOT_STATE(Numbers, NUMBERS)

/* A resolver over a table: ids are 1 + the index of the path, offset by `shift` so that
 * one run's ids are not another's. */
static const char *names[] = {"boom.wav", "a.png", "b.png", "song.ogg"};
static uint32_t shift;

static const char *path_of(void *ud, HotType type, uint32_t id)
{
    (void)ud;
    (void)type;
    return id > shift && id - shift <= 4 ? names[id - shift - 1] : NULL;
}

static uint32_t id_of(void *ud, HotType type, const char *path)
{
    (void)ud;
    (void)type;
    for (uint32_t i = 0; i < 4; i++)
        if (strcmp(names[i], path) == 0)
            return shift + i + 1;
    return 0;
}

int main(void)
{
    StateHandles r = {path_of, id_of, NULL};
    state_set_handles(&r);
    Handles *s = state_alloc(&hot_schema_Handles);
    CHECK(s != NULL);
    s->n = 5;
    s->sound = (HotSound){1};
    s->pics[0] = (HotTexture){2};
    s->pics[2] = (HotTexture){3};
    s->queue.count = 2;
    s->queue.items[0] = (HotSound){1};
    s->queue.items[1] = (HotSound){4};
    StateImage img = {0};
    CHECK_EQ_INT(state_encode(&hot_schema_Handles, 1, s, &img), 0);

    /* The image names the paths (hotrun dump shows them). */
    char json[2048] = "";
    FILE *f = fmemopen(json, sizeof(json) - 1, "w");
    CHECK_EQ_INT(state_image_to_json(&img, f), 0);
    fclose(f);
    CHECK(strstr(json, "\"sound\": \"boom.wav\"") != NULL);
    CHECK(strstr(json, "\"none\": null") != NULL);
    CHECK(strstr(json, "\"pics\": [\"a.png\", null, \"b.png\"]") != NULL);
    CHECK(strstr(json, "\"queue\": [\"boom.wav\", \"song.ogg\"]") != NULL);

    /* Another run numbers its assets otherwise: the paths find them. */
    shift = 10;
    Handles *t = state_alloc(&hot_schema_Handles);
    StateReport rep;
    CHECK_EQ_INT(state_decode(&hot_schema_Handles, &img, t, &rep), 0);
    CHECK_EQ_INT(rep.count, 0);
    CHECK_EQ_INT(t->n, 5);
    CHECK_EQ_INT(t->sound.id, 11);
    CHECK_EQ_INT(t->none.id, 0);
    CHECK_EQ_INT(t->pics[0].id, 12);
    CHECK_EQ_INT(t->pics[1].id, 0);
    CHECK_EQ_INT(t->pics[2].id, 13);
    CHECK_EQ_INT(t->queue.count, 2);
    CHECK_EQ_INT(t->queue.items[1].id, 14);

    /* A path where a number was: reset, reported. */
    Numbers *num = state_alloc(&hot_schema_Numbers);
    CHECK_EQ_INT(state_decode(&hot_schema_Numbers, &img, num, &rep), 0);
    CHECK_EQ_INT(num->sound, 7);
    CHECK(rep.count >= 1);

    /* No resolver: handles save as nil and decode to none. */
    state_set_handles(NULL);
    StateImage bare = {0};
    CHECK_EQ_INT(state_encode(&hot_schema_Handles, 1, s, &bare), 0);
    CHECK_EQ_INT(state_decode(&hot_schema_Handles, &img, t, &rep), 0);
    CHECK_EQ_INT(t->sound.id, 0);
    CHECK_EQ_INT(t->pics[2].id, 0);
    state_image_free(&img);
    state_image_free(&bare);
    state_free(s);
    state_free(t);
    state_free(num);
    return 0;
}
