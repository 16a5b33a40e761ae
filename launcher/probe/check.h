/* check.h: one guarded load of a game library, the probe's whole job. */
#ifndef HOTRUN_PROBE_CHECK_H
#define HOTRUN_PROBE_CHECK_H

#include <stddef.h>

/* What probe_check found; also hotrun-probe's exit status in its one-shot mode and the
 * code of an answer in its server mode. */
enum {
    PROBE_OK = 0,      /* loaded, a good descriptor, closed again */
    PROBE_REFUSED = 2, /* dlopen failed or the descriptor is bad: a sentence says why */
    PROBE_CRASHED = 3, /* a constructor crashed, hung or ended the process */
};

/* Makes libm global, as it is in the host (a game library linked without -lm relies on
 * it). Once per process, before the first probe_check. */
void probe_prepare(void);

/* Sets up the crash guard for probe_check in this process (and thread): budget_s is what a
 * constructor may take (<= 0: 2 s). Again with another budget replaces it. */
void probe_arm(double budget_s);

/* Loads lib under the crash guard (running its constructors) and checks its descriptor.
 * PROBE_OK and the handle in *handle, or a code and one sentence in msg (nothing open). */
int probe_load(const char *lib, void **handle, char *msg, size_t n);
/* Closes what probe_load opened under the crash guard (running its destructors). PROBE_OK,
 * or PROBE_CRASHED and one sentence ("the library's destructor crashed: ..."). */
int probe_unload(void *handle, char *msg, size_t n);
/* probe_load, then probe_unload. The caller's process is left with the library's
 * constructors' effects: run it in a process that ends afterwards. */
int probe_check(const char *lib, char *msg, size_t n);

#endif
