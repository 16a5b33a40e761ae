/* session.c: the last good state written to disk by a thread of its own: the frame thread
 * only copies the image into a slot; the thread writes it atomically (temp file + rename),
 * so a kill at any moment leaves the previous or the new image, never half of one. */
#include "core/session.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

struct SessionSaver {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    char *path;
    StateImage pending; /* the newest image not yet written */
    StateImage spare;   /* a written image's buffer, handed back to the next offer */
    StateImage portable; /* a packed image made portable here, off the frame; reused */
    size_t prepare;     /* a buffer of this size wanted, its pages touched here */
    bool have, stop;
};

static void *writer(void *arg)
{
    SessionSaver *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (!s->have && !s->stop && !s->prepare)
            pthread_cond_wait(&s->wake, &s->lock);
        if (s->stop)
            break;
        if (s->prepare) {
            size_t size = s->prepare;
            s->prepare = 0;
            pthread_mutex_unlock(&s->lock);
            uint8_t *buf = malloc(size);
            if (buf)
                memset(buf, 0, size); /* the page faults happen here, not in a frame */
            pthread_mutex_lock(&s->lock);
            if (buf && !s->spare.data)
                s->spare = (StateImage){buf, 0};
            else
                free(buf);
            continue;
        }
        StateImage img = s->pending;
        s->pending = (StateImage){0};
        s->have = false;
        pthread_mutex_unlock(&s->lock);
        /* best effort: the next offer tries again */
        if (state_image_portable(&img, &s->portable) == 0)
            state_image_save(s->path, &s->portable);
        pthread_mutex_lock(&s->lock);
        if (!s->spare.data)
            s->spare = img;
        else
            state_image_free(&img);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

SessionSaver *session_start(const char *path)
{
    SessionSaver *s = xcalloc(1, sizeof(*s));
    s->path = xstrdup(path);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, writer, s) != 0) {
        free(s->path);
        free(s);
        return NULL;
    }
    return s;
}

void session_offer(SessionSaver *s, const StateImage *img)
{
    if (!s || !img->data)
        return;
    StateImage copy = {0};
    if (state_image_copy(&copy, img) < 0)
        return;
    pthread_mutex_lock(&s->lock);
    state_image_free(&s->pending);
    s->pending = copy;
    s->have = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

void session_offer_take(SessionSaver *s, StateImage *img)
{
    if (!s || !img->data)
        return;
    pthread_mutex_lock(&s->lock);
    StateImage old = s->pending; /* not written yet: superseded */
    s->pending = *img;
    s->have = true;
    if (old.data) {
        *img = old;
    } else {
        *img = s->spare;
        s->spare = (StateImage){0};
    }
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

bool session_buffer(SessionSaver *s, size_t size, StateImage *img)
{
    if (!s)
        return false;
    pthread_mutex_lock(&s->lock);
    bool got = s->spare.data != NULL;
    if (got) {
        state_image_free(img);
        *img = s->spare;
        s->spare = (StateImage){0};
    } else if (!s->prepare) {
        s->prepare = size;
        pthread_cond_signal(&s->wake);
    }
    pthread_mutex_unlock(&s->lock);
    return got;
}

void session_stop(SessionSaver *s, bool clean)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    if (clean)
        remove(s->path);
    state_image_free(&s->pending);
    state_image_free(&s->spare);
    state_image_free(&s->portable);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s->path);
    free(s);
}

bool session_keep_previous(const char *path, const char *kept)
{
    return rename(path, kept) == 0;
}
