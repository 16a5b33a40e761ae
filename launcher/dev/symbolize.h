/* symbolize.h: names a code address: the function, file:line and object it is in.
 *
 * The guard records a fault's pc, the unwinder's return addresses and the raw words of the
 * faulting stack in its signal handler; after the jump back, this picks the address worth
 * naming (the game's call when the fault is inside libc or a host service) and asks dladdr
 * and addr2line about it. */
#ifndef HOTRUN_SYMBOLIZE_H
#define HOTRUN_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the signal handler saw. */
typedef struct SymStack {
    uintptr_t pc;
    const void *const *trace; /* the unwinder's return addresses, innermost first */
    int ntrace;
    const uintptr_t *words;   /* the stack words from the faulting sp upwards */
    size_t nwords;
} SymStack;

/* One named address. */
typedef struct SymPlace {
    uintptr_t addr;      /* the address named (a call's site, not its return address) */
    char function[128];  /* "" if unknown */
    char where[256];     /* file:line; "" if unknown */
    char object[256];    /* the object's path; "" if unknown */
} SymPlace;

/* Finds addr2line and notes the system libraries loaded now (libc, SDL, ...). Not
 * async-signal-safe; call it before the handlers can run. */
void symbolize_init(void);
/* Whether a is in the code of a system library noted by symbolize_init. Async-signal-safe. */
bool symbolize_in_system(uintptr_t a);
/* Whether a is in the code of a library loaded now that is neither hotrun nor a system
 * library (looked up now: the game's libraries come and go). */
bool symbolize_is_game(uintptr_t a);
/* Whether a is in the code of the main program (hotrun itself). */
bool symbolize_in_host(uintptr_t a);

/* The place to name for a fault: pc when it is in the game; otherwise (inside libc such as
 * abort() or memcpy, or a jump to nowhere) the innermost call site outside the system
 * libraries. When that site is in the host (a host service called with a bad argument),
 * *caller is the game's call site that called into the host, else 0. A return address is
 * stepped back into its call instruction (ra - 1): the call's own line, even when a
 * noreturn call ends a function at the very end of the library's code. */
uintptr_t symbolize_pick(const SymStack *s, uintptr_t *caller);

/* Names addr (dladdr for the object and exported symbol, addr2line for hidden symbols and
 * the line). */
void symbolize_address(uintptr_t addr, SymPlace *out);

/* The file name of path ("gen-3.so" of "/x/gen-3.so"). */
const char *symbolize_basename(const char *path);

#endif
