/* session.h: the last good state on disk, written off the frame thread, so that a session
 * survives hotrun's own death (SIGKILL, out of memory, a fault in the host): the next start
 * finds it and --resume (or Shift+F9) goes on from it. A clean exit removes it. */
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
/* Stops the thread; `clean`: the session ended as it should, the file goes. NULL is fine. */
void session_stop(SessionSaver *s, bool clean);

/* Where a killed session's state is kept for --resume once a new session starts: the
 * session file moved aside. True when there was one (moved to `kept`). */
bool session_keep_previous(const char *path, const char *kept);

#endif
