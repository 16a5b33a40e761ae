/* serve.h: hotrun-probe's server mode: started once by hotrun, it forks a fresh child per
 * library to load, so each probe costs a fork, not a process start.
 *
 * The conversation, one line each way per library, over one socket:
 *   request  "BUDGET_SECONDS PATH\n"        (the path is the rest of the line)
 *   answer   "CODE SENTENCE\n"              (CODE: PROBE_OK, PROBE_REFUSED, PROBE_CRASHED
 *                                            of probe/check.h; the sentence may be empty)
 * The server answers requests in order, one at a time; it ends at the end of its input. */
#ifndef HOTRUN_PROBE_SERVE_H
#define HOTRUN_PROBE_SERVE_H

/* Serves requests read from fd, answers written to it, until the other end closes it.
 * Returns the process's exit status. */
int probe_serve(int fd);

#endif
