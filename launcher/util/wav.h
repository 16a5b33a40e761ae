/* wav.h: a 16-bit PCM WAV file writer: the header first with sizes to fill in, the frames
 * as they come, the sizes patched at close. What --audio-out writes. */
#ifndef HOTRUN_UTIL_WAV_H
#define HOTRUN_UTIL_WAV_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

typedef struct Wav Wav;

/* Creates (or truncates) path for `channels` interleaved 16-bit channels at `rate` frames
 * a second. NULL with one sentence in err. */
Wav *wav_create(const char *path, int rate, int channels, Err *err);
/* Appends `frames` frames (frames * channels samples, little-endian on disk). 0, or
 * ERR_IO with a sentence (the file stays valid up to what was written before). */
int wav_write(Wav *w, const int16_t *samples, size_t frames, Err *err);
/* Appends `frames` frames of silence. */
int wav_write_silence(Wav *w, size_t frames, Err *err);
/* Frames written so far. */
uint64_t wav_frames(const Wav *w);
/* Patches the sizes and closes the file; frees w (NULL is fine). 0 or ERR_IO. */
int wav_close(Wav *w, Err *err);

#endif
