/* audio_impl.h: what audio.c (the output) and sound.c (sounds, voices, music) share. Only
 * those two include it. */
#ifndef HOTRUN_PLATFORM_AUDIO_IMPL_H
#define HOTRUN_PLATFORM_AUDIO_IMPL_H

#include <limits.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "platform/audio.h"
#include "util/wav.h"

/* Frames of one step-mode block: a sound starts on such a boundary, at most 5.8 ms after
 * the frame that played it. The disk driver mixes the next block at once (no delay). */
#define BLOCK 256

typedef struct Music {
    Mix_Music *mus;
    void *bytes; /* the file: SDL2_mixer streams from it while it plays */
} Music;

enum { CLOSED = 0, OPEN, NONE };

struct Audio {
    AudioConfig cfg;
    char out[PATH_MAX];
    Wav *wav;
    Err wav_err;
    bool wav_failed;
    int state;
    bool step;      /* in step with the frames (else a device) */
    bool subsystem; /* SDL_InitSubSystem(SDL_INIT_AUDIO) to undo */
    void (*report)(void *ud, const char *line);
    void *report_ud;

    /* Step mode; everything below mu is shared with the mixer's thread. */
    SDL_mutex *mu;
    SDL_cond *cv;
    double time;        /* seconds the game's clock moved since the mixer opened */
    uint64_t granted;   /* frames the mixer may pass */
    uint64_t done;      /* frames of the blocks passed (and written) */
    uint64_t block_end; /* the end of the block the thread waits after */
    bool parked;        /* the thread waits after a block (and serves calls) */
    bool closing;
    bool stalled;       /* it stopped answering: sound is off */
    void (*call)(Audio *a, void *ctx);
    void *call_ctx;
    bool call_pending;
    int16_t stage[BLOCK * 2]; /* the block mixed last, written once passed */
    int stage_frames;

    SDL_mutex *wav_mu;  /* device mode: the mixer's thread writes the WAV */

    /* Voices and music: only touched through audio_run() (on the mixer's thread in step mode). */
    uint32_t serial;
    uint32_t voice[AUDIO_VOICES];
    int voice_loops[AUDIO_VOICES];
    Music *music;
    int music_loops;
};

/* Runs fn(a, ctx) where the mixer may be touched: here in device mode, on the mixer's
 * thread in step mode (it waits between two blocks, at a point fixed by the game's
 * clock). False when nothing ran (no mixer, or it stopped answering). */
bool audio_run(Audio *a, void (*fn)(Audio *a, void *ctx), void *ctx);

#endif
