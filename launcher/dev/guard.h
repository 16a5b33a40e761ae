/* guard.h: runs game code so that its crashes and hangs return control to the host. */
#ifndef HOTRUN_GUARD_H
#define HOTRUN_GUARD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct GuardFault {
    int signal;         /* SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT; 0 for a timeout */
    bool timeout;       /* the call ran past its budget */
    char exit_call[16]; /* "exit", "_exit", "_Exit", "quick_exit": the game called it */
    int exit_status;    /* ... with this status */
    bool stack_overflow;
    void *addr;         /* faulting address (si_addr) */
    void *pc;           /* instruction pointer at the fault */
    char function[128]; /* the game function at pc, via dladdr; "" if unknown */
    char service[128];  /* the host service the fault was inside, when the game's call
                         * passed it the bad argument (function, where and object then
                         * name that call); "" otherwise */
    char object[256];   /* the library it is in */
    char where[256];    /* file:line when debug info tells it; "" otherwise */
} GuardFault;

/* Installs the handlers (on an alternate stack) and the watchdog for calls longer than
 * budget_s (<= 0: 2 s). With enabled false (--no-guard) guard_call just calls. 0 or -errno.
 * Call it, and guard_shutdown, from the thread that runs the game: the watchdog watches
 * that thread (calls on other threads are still guarded against faults). Calling it again
 * replaces the previous setup. */
int guard_init(double budget_s, bool enabled);
void guard_shutdown(void);
/* Before guard_init, in a process that runs one thread (hotrun-probe's child): the
 * watchdog is a timer armed around each call, not a thread (watchdog_start_timer). */
void guard_watch_by_timer(void);

/* Runs fn(ctx). Returns 0 when it returned normally, -1 when it faulted or timed out
 * (fault filled in; it may be NULL). A fault outside guard_call is not caught: the process
 * dies as usual. When the fault is inside libc (abort, memcpy) or at a bad address, function
 * and where name the innermost caller outside the system libraries. */
int guard_call(void (*fn)(void *ctx), void *ctx, GuardFault *fault);

/* Called by the host's exit, _exit, _Exit, quick_exit and abort (dev/exit_trap.c) with
 * their caller's return address: during a guarded call, from code outside the host, it
 * jumps back into guard_call as a fault (abort as SIGABRT) and does not return. Otherwise
 * it returns and the caller does what libc does. */
void guard_trap_exit(const char *call, int status, void *ra);

/* The host's signals, which game code may not take (dev/signal_trap.c): the guard's
 * faults and watchdog, SIGCONT, SIGINT, SIGTERM, SIGHUP, SIGPIPE and SIGCHLD. None while the
 * guard is off (--no-guard: the game and a debugger own the signals). */
bool guard_protects(int sig);
/* Whether the code at return address ra is the game's (a library that is neither hotrun
 * nor a system library). */
bool guard_from_game(void *ra);
/* Notes that game code at ra tried to take sig through call ("sigaction"); kept for
 * guard_take_note, once per signal and kind (handler, mask) in a run. Any thread. */
void guard_note_signal(const char *call, int sig, void *ra);
/* Takes one note as a sentence ("the game's sigaction(SIGSEGV) in init_audio (audio.c:12)
 * was ignored: ..."); false when there is none. Call it on the host's thread after a game
 * call. */
bool guard_take_note(char *buf, size_t size);

/* Releases what guard_call set up on the calling thread (its alternate signal stack): for
 * a thread that ends (game threads, dev/game_threads.c). */
void guard_thread_end(void);

/* One sentence: "SIGSEGV (address 0x0) in game_update (player.c:42) of gen-3.so", or
 * "... in render_text, called from draw_hud (hud.c:40) of gen-3.so". */
void guard_describe(const GuardFault *f, char *buf, size_t size);
/* The signal's short name: "SIGSEGV", or "timeout". */
const char *guard_signal_name(const GuardFault *f);

#endif
