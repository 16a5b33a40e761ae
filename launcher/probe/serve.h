/* serve.h: hotrun-probe's server mode: started once by hotrun, it forks a fresh child per
 * library to load, so each probe costs a fork, not a process start, and the fork is made
 * ahead of the request.
 *
 * One SOCK_SEQPACKET socket, one record per message. The server never reads it: the child
 * waiting for a request does, and answers on it directly, so a probe is one hand-off each
 * way between hotrun and the process that loads the library.
 *   server -> hotrun   "R PID"                 a child is armed and waits for a request
 *   hotrun -> child    "TICKET BUDGET PATH"    load PATH (the rest of the record)
 *   child  -> hotrun   "P TICKET CODE SENTENCE" the constructors ran and the descriptor was
 *                                               checked (CODE: PROBE_OK, PROBE_REFUSED,
 *                                               PROBE_CRASHED of probe/check.h)
 *   child  -> hotrun   "D TICKET CODE SENTENCE" after a P with PROBE_OK: the destructors
 *                                               ran (dlclose), PROBE_OK or PROBE_CRASHED
 *   server -> hotrun   "E PID STATUS"          that child ended (its wait status); the next
 *                                               child's R follows
 *   server -> hotrun   "X SENTENCE"            no child could be forked (tried again later)
 * A child that sees the server die under it (a constructor that killed it) ends without a
 * word, and a child dies with the server (PR_SET_PDEATHSIG): hotrun sees the socket's end.
 * The server ends when hotrun closes its end. */
#ifndef HOTRUN_PROBE_SERVE_H
#define HOTRUN_PROBE_SERVE_H

/* Serves on the socket fd until hotrun closes its end; children are armed with budget_s
 * (a request with another budget re-arms). Returns the process's exit status. */
int probe_serve(int fd, double budget_s);

#endif
