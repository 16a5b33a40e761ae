/* session.h: the last good state on disk, written off the frame thread, so that a session
 * survives hotrun's own death (SIGKILL, out of memory, a fault in the host): the next start
 * finds it and --resume (or Shift+F9) goes on from it. A clean exit removes it. The
 * quicksave (quicksave.c) writes its file with a saver of its own, the same way. */
#ifndef HOTRUN_SESSION_SAVER_H
#define HOTRUN_SESSION_SAVER_H

#include <stdbool.h>

#include "state/state.h"

typedef struct SessionSaver SessionSaver;

/* Starts the writer thread for `path` (copied). NULL when the thread cannot start. */
SessionSaver *session_start(const char *path);
/* Hands over an image to write (copied here, written on the thread; a newer one replaces
 * one not yet written). Costs a memcpy on the caller's thread. */
void session_offer(SessionSaver *s, const StateImage *img);
/* The same without a copy: the saver takes img's buffer and gives back one to reuse (a
 * written image's, or an empty one), so a big state's image costs no fresh pages each
 * second. */
void session_offer_take(SessionSaver *s, StateImage *img);
/* A buffer of at least `size` bytes whose pages are already touched, for the first image of
 * a big state: true when img got one; else false, and the thread prepares one (ask again
 * later). */
bool session_buffer(SessionSaver *s, size_t size, StateImage *img);
/* Waits until every image offered is written (quicksave.c: a quickload right after a
 * quicksave reads the file it wrote). NULL is fine. */
void session_wait(SessionSaver *s);
/* How many offers were answered by a write since the last call (0: none); *result and
 * `why` get the last write's result (0 or a negative STATE_ code) and its sentence. */
unsigned session_poll(SessionSaver *s, int *result, char *why, size_t size);
/* What the last write cost the thread, in milliseconds (a portable encode and a file
 * write: some 300 ms for a 64 MiB state), so the caller can space its offers. */
double session_write_ms(SessionSaver *s);
/* Stops the thread (an image not yet written is dropped: session_wait first to keep it); `clean`: the session ended as it should, the file goes. NULL is fine. */
void session_stop(SessionSaver *s, bool clean);

/* Where a killed session's state is kept for --resume once a new session starts: the
 * session file moved aside. True when there was one (moved to `kept`). */
bool session_keep_previous(const char *path, const char *kept);

#endif
