/* exit_trap.c: the host's own exit, _exit, _Exit, quick_exit and abort. They are exported
 * from the executable (dev/exports.list), and the executable comes first in every
 * library's lookup scope, so a game library calling exit binds to these. Called from game
 * code during a guarded game call they are faults (guard_trap_exit jumps back into the
 * host: named, rolled back, the session kept; api->quit ends a run); called from anywhere
 * else (hotrun's own exit path, a library's) they are libc's. Linked into hotrun and
 * hotrun-probe only: in a --static game, exit means exit. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dev/guard.h"

typedef void (*ExitFn)(int);
typedef void (*AbortFn)(void);

/* libc's definition of name (the next one after this executable's). */
static void *next(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

/* Ends the process without running anything (the last resort, and what _exit does). */
static _Noreturn void exit_group(int status)
{
    for (;;)
        syscall(SYS_exit_group, status);
}

static _Noreturn void call_next(const char *name, int status)
{
    void *sym = next(name);
    ExitFn fn;
    memcpy(&fn, &sym, sizeof(fn));
    if (fn)
        fn(status);
    exit_group(status);
}

void exit(int status)
{
    guard_trap_exit("exit", status, __builtin_return_address(0));
    call_next("exit", status);
}

void quick_exit(int status)
{
    guard_trap_exit("quick_exit", status, __builtin_return_address(0));
    call_next("quick_exit", status);
}

/* No dlsym here: _exit is what a vfork child calls. */
void _exit(int status)
{
    guard_trap_exit("_exit", status, __builtin_return_address(0));
    exit_group(status);
}

void _Exit(int status)
{
    guard_trap_exit("_Exit", status, __builtin_return_address(0));
    exit_group(status);
}

void abort(void)
{
    guard_trap_exit("abort", 0, __builtin_return_address(0));
    void *sym = next("abort");
    AbortFn fn;
    memcpy(&fn, &sym, sizeof(fn));
    if (fn)
        fn();
    exit_group(134);
}
