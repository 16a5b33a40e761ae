/* prefault.c: a thread that allocates buffers and touches their pages (prefault.h). It
 * holds at most PREFAULT_READY buffers at once, and as many requests; a request for a size
 * it does not hold (nor is making) makes one more (dropping the smallest when full). */
#include "core/prefault.h"

#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#define BACKGROUND_NICE 10 /* this thread's niceness (Linux: per thread) */

#define PREFAULT_READY 4

typedef struct Ready {
    void *buf;
    size_t size;
} Ready;

struct Prefault {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    Ready ready[PREFAULT_READY];
    size_t want[PREFAULT_READY]; /* buffers of these sizes asked for, not yet made; 0: none */
    size_t making; /* the size being made now; 0: none */
    bool stop;
};

static void *maker(void *arg)
{
    Prefault *p = arg;
    /* behind the frame thread and the compilers: this work can wait a little */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), BACKGROUND_NICE);
    pthread_mutex_lock(&p->lock);
    for (;;) {
        int w = -1;
        while (!p->stop) {
            for (int i = 0; i < PREFAULT_READY && w < 0; i++)
                if (p->want[i])
                    w = i;
            if (w >= 0)
                break;
            pthread_cond_wait(&p->wake, &p->lock);
        }
        if (p->stop)
            break;
        size_t size = p->want[w];
        p->want[w] = 0;
        p->making = size;
        pthread_mutex_unlock(&p->lock);
        void *buf = NULL;
        if (posix_memalign(&buf, 64, size) == 0)
            memset(buf, 0, size); /* the page faults happen here, not in a frame */
        else
            buf = NULL;
        pthread_mutex_lock(&p->lock);
        p->making = 0;
        if (!buf)
            continue;
        int slot = 0; /* an empty slot, else the smallest buffer's */
        for (int i = 0; i < PREFAULT_READY; i++) {
            if (!p->ready[i].buf) {
                slot = i;
                break;
            }
            if (p->ready[i].size < p->ready[slot].size)
                slot = i;
        }
        free(p->ready[slot].buf);
        p->ready[slot] = (Ready){buf, size};
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

Prefault *prefault_start(void)
{
    Prefault *p = xcalloc(1, sizeof(*p));
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    if (pthread_create(&p->thread, NULL, maker, p) != 0) {
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->wake);
        free(p);
        return NULL;
    }
    return p;
}

/* Called locked: whether a buffer that fits `size` (at least it, at most twice it: a
 * bigger one is likely some other user's) is ready or coming. */
static bool covered(const Prefault *p, size_t size)
{
    for (int i = 0; i < PREFAULT_READY; i++) {
        size_t have[3] = {p->ready[i].buf ? p->ready[i].size : 0, p->want[i],
                          i ? 0 : p->making};
        for (int k = 0; k < 3; k++)
            if (have[k] >= size && have[k] / 2 <= size)
                return true;
    }
    return false;
}

static void ask(Prefault *p, size_t size, size_t make)
{
    if (covered(p, size))
        return;
    for (int i = 0; i < PREFAULT_READY; i++)
        if (!p->want[i]) {
            p->want[i] = make;
            pthread_cond_signal(&p->wake);
            return;
        }
}

bool prefault_take(Prefault *p, size_t size, void **out)
{
    if (!p)
        return false;
    pthread_mutex_lock(&p->lock);
    int best = -1; /* the smallest buffer that is big enough */
    for (int i = 0; i < PREFAULT_READY; i++)
        if (p->ready[i].buf && p->ready[i].size >= size &&
            (best < 0 || p->ready[i].size < p->ready[best].size))
            best = i;
    if (best >= 0) {
        *out = p->ready[best].buf;
        p->ready[best] = (Ready){0};
    } else {
        ask(p, size, size + size / 4);
    }
    pthread_mutex_unlock(&p->lock);
    return best >= 0;
}

void prefault_ahead(Prefault *p, size_t size)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    ask(p, size, size);
    pthread_mutex_unlock(&p->lock);
}

void prefault_stop(Prefault *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    for (int i = 0; i < PREFAULT_READY; i++)
        free(p->ready[i].buf);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->wake);
    free(p);
}
