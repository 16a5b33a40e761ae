/* prefault.h: big buffers whose pages are already touched, made on a thread of their own,
 * so that the frame that first writes 64 MiB into a new buffer (a rewind keyframe, a
 * quicksave's image, the state block of a swap that grew the state) pays no page faults:
 * on this kind of machine faulting in 64 MiB of fresh pages costs 20-40 ms, a memcpy into
 * touched pages a few. */
#ifndef HOTRUN_PREFAULT_H
#define HOTRUN_PREFAULT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Prefault Prefault;

/* Starts the thread. NULL when it cannot start (callers then allocate as usual). */
Prefault *prefault_start(void);
/* A zeroed buffer of at least `size` bytes (64-byte aligned, from posix_memalign: free()
 * it) whose pages are touched: true and *out set; else false, and the thread starts making
 * one of size + size / 4 bytes (ask again a frame later). NULL p: false. */
bool prefault_take(Prefault *p, size_t size, void **out);
/* Unless a buffer of at least `size` bytes (at most twice that) is ready or being made,
 * asks for one of `size` bytes: made ahead, while the frames go on. NULL p: nothing. */
void prefault_ahead(Prefault *p, size_t size);
/* Stops the thread, frees what it made. NULL is fine. */
void prefault_stop(Prefault *p);

#endif
