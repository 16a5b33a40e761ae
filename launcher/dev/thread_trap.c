/* thread_trap.c: the host's own pthread_create, exported from the executable
 * (dev/exports.list) so that a game library binds to it before libc's. A thread the game
 * starts runs under the crash guard (dev/game_threads.c); every other caller gets libc's.
 * Linked into hotrun and hotrun-probe only. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "dev/game_threads.h"
#include "dev/guard.h"

typedef int (*CreateFn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *),
                   void *arg)
{
    void *ra = __builtin_return_address(0);
    if (guard_from_game(ra))
        return game_threads_create(thread, attr, fn, arg, ra);
    static CreateFn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "pthread_create");
        memcpy(&real, &sym, sizeof(real));
    }
    return real ? real(thread, attr, fn, arg) : EAGAIN;
}
