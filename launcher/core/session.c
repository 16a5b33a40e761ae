/* session.c: the last good state written to disk by a thread of its own: the frame thread
 * only copies the image into a slot; the thread writes it atomically (temp file + rename),
 * so a kill at any moment leaves the previous or the new image, never half of one. */
#include "core/session.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/error.h"

#define BACKGROUND_NICE 10 /* this thread's niceness (Linux: per thread) */

struct SessionSaver {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t idle; /* signalled when a write ends */
    char *path;
    StateImage pending; /* the newest image not yet written */
    StateImage spare;   /* a written image's buffer, handed back to the next offer */
    StateImage portable; /* a packed image made portable here, off the frame; reused */
    size_t prepare;     /* a buffer of this size wanted, its pages touched here */
    bool have, stop;
    bool writing;       /* the thread is writing an image now */
    unsigned offered;   /* offers that a write has not answered yet (a newer one answers
                           the one it replaced) */
    unsigned answered;  /* offers answered since the last session_poll */
    int result;         /* the last write's: 0 or a negative STATE_ code */
    double write_ms;    /* what the last write cost this thread (portable encode, write) */
    char why[256];      /* and its sentence (errno's reason is this thread's) */
};

static void *writer(void *arg)
{
    SessionSaver *s = arg;
    /* behind the frame thread and the compilers: this work can wait a little */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), BACKGROUND_NICE);
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
        s->writing = true;
        unsigned answers = s->offered;
        s->offered = 0;
        pthread_mutex_unlock(&s->lock);
        /* the session: best effort, the next offer tries again; a quicksave says it */
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = state_image_portable(&img, &s->portable);
        if (rc == 0)
            rc = state_image_save(s->path, &s->portable);
        char why[sizeof(s->why)] = "";
        if (rc < 0)
            snprintf(why, sizeof(why), "%s", state_error_text(rc));
        clock_gettime(CLOCK_MONOTONIC, &t1);
        pthread_mutex_lock(&s->lock);
        s->write_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        s->writing = false;
        s->answered += answers;
        s->result = rc;
        memcpy(s->why, why, sizeof(why));
        pthread_cond_broadcast(&s->idle);
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
    pthread_cond_init(&s->idle, NULL);
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
    s->offered++;
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
    s->offered++;
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

void session_wait(SessionSaver *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    while (s->have || s->writing)
        pthread_cond_wait(&s->idle, &s->lock);
    pthread_mutex_unlock(&s->lock);
}

unsigned session_poll(SessionSaver *s, int *result, char *why, size_t size)
{
    if (!s)
        return 0;
    pthread_mutex_lock(&s->lock);
    unsigned n = s->answered;
    s->answered = 0;
    *result = s->result;
    snprintf(why, size, "%s", s->why);
    pthread_mutex_unlock(&s->lock);
    return n;
}

double session_write_ms(SessionSaver *s)
{
    if (!s)
        return 0;
    pthread_mutex_lock(&s->lock);
    double ms = s->write_ms;
    pthread_mutex_unlock(&s->lock);
    return ms;
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
    pthread_cond_destroy(&s->idle);
    free(s->path);
    free(s);
}

bool session_keep_previous(const char *path, const char *kept)
{
    return rename(path, kept) == 0;
}
