/* game_threads.c: the threads the game starts (see game_threads.h). */
#include "dev/game_threads.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/symbolize.h"

typedef void *(*StartFn)(void *);
typedef int (*CreateFn)(pthread_t *, const pthread_attr_t *, StartFn, void *);

/* One game thread; on the list from pthread_create until its start routine ends. */
typedef struct GameThread {
    struct GameThread *next;
    StartFn fn;
    void *arg;
    void *ra;     /* where the game called pthread_create */
    void *result; /* what fn returned */
} GameThread;

static struct {
    pthread_mutex_t lock;
    GameThread *running;
    bool have_fault;
    GuardFault fault;
    void *fault_ra; /* the faulting thread's start */
} gt = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void run_fn(void *ctx)
{
    GameThread *t = ctx;
    t->result = t->fn(t->arg);
}

static void forget(GameThread *t)
{
    pthread_mutex_lock(&gt.lock);
    for (GameThread **p = &gt.running; *p; p = &(*p)->next)
        if (*p == t) {
            *p = t->next;
            break;
        }
    pthread_mutex_unlock(&gt.lock);
}

/* pthread_exit or a cancel from the game's code unwinds through here. */
static void on_unwind(void *ctx)
{
    forget(ctx);
    guard_thread_end();
    free(ctx);
}

static void *thread_main(void *ctx)
{
    GameThread *t = ctx;
    GuardFault f;
    int rc;
    void *result;
    pthread_cleanup_push(on_unwind, t);
    rc = guard_call(run_fn, t, &f);
    result = t->result;
    pthread_cleanup_pop(0);
    forget(t);
    if (rc < 0) {
        pthread_mutex_lock(&gt.lock);
        if (!gt.have_fault) {
            gt.have_fault = true;
            gt.fault = f;
            gt.fault_ra = t->ra;
        }
        pthread_mutex_unlock(&gt.lock);
        result = NULL;
    }
    guard_thread_end();
    free(t);
    return result;
}

int game_threads_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *),
                        void *arg, void *ra)
{
    void *sym = dlsym(RTLD_NEXT, "pthread_create");
    CreateFn create;
    memcpy(&create, &sym, sizeof(create));
    if (!create)
        return EAGAIN;
    GameThread *t = calloc(1, sizeof(*t));
    if (!t)
        return EAGAIN;
    t->fn = fn;
    t->arg = arg;
    t->ra = ra;
    pthread_mutex_lock(&gt.lock);
    t->next = gt.running;
    gt.running = t;
    pthread_mutex_unlock(&gt.lock);
    int rc = create(thread, attr, thread_main, t);
    if (rc != 0) {
        forget(t);
        free(t);
    }
    return rc;
}

/* " started in init (main.c:12)" of the pthread_create call at ra. */
static void started_at(void *ra, char *buf, size_t size)
{
    SymPlace p;
    symbolize_address((uintptr_t)ra - 1, &p);
    if (p.function[0] && p.where[0])
        snprintf(buf, size, " started in %s (%s)", p.function, p.where);
    else if (p.function[0])
        snprintf(buf, size, " started in %s", p.function);
    else
        buf[0] = '\0';
}

bool game_threads_take_fault(GuardFault *f, char *message, size_t size)
{
    pthread_mutex_lock(&gt.lock);
    bool have = gt.have_fault;
    if (have) {
        *f = gt.fault;
        gt.have_fault = false;
    }
    void *ra = gt.fault_ra;
    pthread_mutex_unlock(&gt.lock);
    if (!have)
        return false;
    char where[400], what[700];
    started_at(ra, where, sizeof(where));
    guard_describe(f, what, sizeof(what));
    snprintf(message, size, "a game thread%s: %s; the thread was ended", where, what);
    return true;
}

int game_threads_running_in(const void *addr, char *sentence, size_t size)
{
    Dl_info lib;
    if (!dladdr(addr, &lib))
        return 0;
    int n = 0;
    void *first = NULL;
    pthread_mutex_lock(&gt.lock);
    for (GameThread *t = gt.running; t; t = t->next) {
        Dl_info in;
        void *fn;
        memcpy(&fn, &t->fn, sizeof(fn));
        if (dladdr(fn, &in) && in.dli_fbase == lib.dli_fbase) {
            if (!n)
                first = t->ra;
            n++;
        }
    }
    pthread_mutex_unlock(&gt.lock);
    if (n) {
        char where[400];
        started_at(first, where, sizeof(where));
        const char *slash = lib.dli_fname ? strrchr(lib.dli_fname, '/') : NULL;
        const char *name = slash ? slash + 1 : "the old library";
        if (n == 1)
            snprintf(sentence, size, "a game thread%s still runs in %s", where, name);
        else
            snprintf(sentence, size, "%d game threads (the first%s) still run in %s", n,
                     where, name);
    }
    return n;
}
