/* audio.h: the host's sound: one SDL2_mixer output opened once (at the first sound, or at
 * start with --audio-out) and kept until exit, so sounds and music play on through every
 * swap and fault rollback; sound effects (chunks) on 32 voices with volume and pan, one
 * streamed music with loop, volume and fades; the --audio-out WAV.
 *
 * Two ways to run the mixer:
 *  - a device (a window, not --mute, and a sound card SDL can open): SDL2_mixer mixes on
 *    its own thread at the card's pace; --audio-out writes what was heard.
 *  - in step with the frames (headless, --mute, or no sound card): SDL2_mixer runs on
 *    SDL's "disk" driver writing to /dev/null, and its thread waits after each block of
 *    BLOCK frames until the game's clock has passed it. Every call into the mixer is made
 *    on that thread while it waits, at a block boundary fixed by the game's time, so the
 *    same frames and frame times mix the same samples: --audio-out of a replay is the
 *    same file every time, and no audio device is ever needed. */
#ifndef HOTRUN_PLATFORM_AUDIO_H
#define HOTRUN_PLATFORM_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define AUDIO_RATE 44100 /* frames a second, stereo, 16 bits */
#define AUDIO_VOICES 32

typedef struct Audio Audio;

typedef struct AudioConfig {
    bool headless;   /* no window: never a device */
    bool mute;       /* --mute: no device either */
    const char *out; /* --audio-out FILE.wav, or NULL (borrowed, outlives the Audio) */
} AudioConfig;

/* An Audio not yet open; with cfg.out the WAV file is created now (NULL with one sentence
 * in err when it cannot be) and the mixer opened. */
Audio *audio_create(const AudioConfig *cfg, Err *err);
/* Where sentences go (no device, a stalled mixer); default stderr with "hotrun: ". */
void audio_set_report(Audio *a, void (*report)(void *ud, const char *line), void *ud);
/* Opens the mixer if it is not yet: true when sounds can be loaded. */
bool audio_open(Audio *a);
/* The game's clock moved by `seconds`: in step mode the mixer mixes up to it (and the WAV
 * gets it). Nothing in device mode. */
void audio_advance(Audio *a, double seconds);
/* Stops the mixer, finishes the WAV (0, or ERR_IO with a sentence). Sounds and music must
 * be freed before (their objects belong to the mixer). */
int audio_finish(Audio *a, Err *err);
/* Frees a (after audio_finish, or instead of it). NULL is fine. */
void audio_destroy(Audio *a);

/* Sounds and music made from a file's bytes (WAV, OGG, FLAC, MP3... what SDL2_mixer
 * reads); NULL with a sentence. `old` is the object it replaces (a reload, or NULL): the
 * voices playing old play the new one, from the start; music playing old goes on with the
 * new one. The caller frees old afterwards. */
void *audio_sound_load(Audio *a, const void *bytes, size_t len, void *old, Err *err);
void audio_sound_free(Audio *a, void *sound);
void *audio_music_load(Audio *a, const void *bytes, size_t len, void *old, Err *err);
void audio_music_free(Audio *a, void *music);

/* A voice: volume 0..1, pan -1 (left) .. 1 (right); loop until stopped. Returns its id (0
 * when sound is NULL or every voice is busy). */
uint32_t audio_play(Audio *a, void *sound, float volume, float pan, bool loop);
void audio_voice_set(Audio *a, uint32_t voice, float volume, float pan);
void audio_stop(Audio *a, uint32_t voice); /* 0 or a voice that ended: nothing */
bool audio_playing(Audio *a, uint32_t voice);
void audio_stop_all(Audio *a);

/* Music: one at a time. Playing the music that already plays changes nothing. */
void audio_music_play(Audio *a, void *music, bool loop, float fade_in);
void audio_music_stop(Audio *a, float fade_out);
void audio_music_volume(Audio *a, float volume);
bool audio_music_playing(Audio *a);
void audio_master_volume(Audio *a, float volume);

#endif
