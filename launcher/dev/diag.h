/* diag.h: the one line a user is shown of a failed build: the compiler's or linker's first
 * error, without colours and without hotrun's own directories in paths. */
#ifndef HOTRUN_DEV_DIAG_H
#define HOTRUN_DEV_DIAG_H

#include <stdbool.h>
#include <stddef.h>

/* Removes ANSI colour (CSI) and hyperlink (OSC) sequences from s, in place. */
void diag_strip_ansi(char *s);
/* The most error-like line of out (a compiler error or a linker's undefined or duplicate
 * symbol beats a line that merely mentions an error, which beats any text; the drivers'
 * own "ld returned 1" summaries are only text), first of equals, into dst without colours
 * and with "DIR/" of each of the two directories (either may be NULL) left out of paths.
 * False (dst untouched) when out has no text. */
bool diag_first_error(const char *out, const char *dir1, const char *dir2, char *dst,
                      size_t n);
/* The first line of out with text, without colours; false when there is none. */
bool diag_first_line(const char *out, char *dst, size_t n);
/* "WHAT was killed by SIGX" or "WHAT exited with status N". */
void diag_exit(const char *what, int term_signal, int exit_status, char *dst, size_t n);
/* The sentence for a probe that did not exit 0: killed after its budget, killed by a
 * signal, or its own one line. True when a constructor crashed or hung (not a refusal). */
bool diag_probe(const char *out, bool timed_out, int term_signal, int exit_status,
                double budget_s, char *dst, size_t n);

#endif
