/* audio.c: the host's sound output through SDL2_mixer (see audio.h): opening it once, the
 * step mode that mixes in time with the game's frames, the --audio-out WAV. Sounds, voices
 * and music are in sound.c. */
#include "platform/audio_impl.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Frames of one device buffer: about 23 ms of latency. */
#define DEVICE_BLOCK 1024
/* How long the frame thread waits for the mixer's thread before giving up on sound. */
#define STALL_MS 5000

static void say(Audio *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(Audio *a, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (a->report)
        a->report(a->report_ud, line);
    else
        fprintf(stderr, "hotrun: %s\n", line);
}

static void wav_put(Audio *a, const int16_t *samples, size_t frames)
{
    if (!a->wav || a->wav_failed)
        return;
    if (wav_write(a->wav, samples, frames, &a->wav_err) < 0)
        a->wav_failed = true;
}

/* SDL2_mixer calls this on its thread after mixing each block (stream: interleaved
 * stereo 16-bit). Device mode: the WAV gets it. Step mode: the block waits until the
 * game's clock passes it, serving the frame thread's calls meanwhile. */
static void SDLCALL postmix(void *ud, Uint8 *stream, int len)
{
    Audio *a = ud;
    int frames = len / 4;
    if (!a->step) {
        SDL_LockMutex(a->wav_mu);
        wav_put(a, (const int16_t *)stream, (size_t)frames);
        SDL_UnlockMutex(a->wav_mu);
        return;
    }
    if (frames > BLOCK)
        frames = BLOCK; /* never: the block size is what was asked for */
    SDL_LockMutex(a->mu);
    if (a->closing) {
        SDL_UnlockMutex(a->mu);
        return;
    }
    memcpy(a->stage, stream, (size_t)frames * 4);
    a->stage_frames = frames;
    a->block_end = a->done + (uint64_t)frames;
    a->parked = true;
    SDL_CondBroadcast(a->cv);
    while (!a->closing && a->granted < a->block_end) {
        if (a->call_pending) {
            a->call(a, a->call_ctx);
            a->call_pending = false;
            SDL_CondBroadcast(a->cv);
            continue;
        }
        SDL_CondWait(a->cv, a->mu);
    }
    a->parked = false;
    if (!a->closing) {
        wav_put(a, a->stage, (size_t)frames);
        a->done = a->block_end;
    }
    SDL_UnlockMutex(a->mu);
}

/* Step mode, with mu held: waits until the mixer's thread waits after a block the game's
 * clock has not passed. False when it stopped answering (said once; sound is off). */
static bool wait_parked(Audio *a)
{
    Uint32 start = SDL_GetTicks();
    while (!a->stalled && !a->closing && !(a->parked && a->block_end > a->granted)) {
        if (SDL_GetTicks() - start > STALL_MS) {
            a->stalled = true;
            say(a, "the sound mixer stopped answering for %d s; sound is off for the rest "
                   "of this run", STALL_MS / 1000);
            break;
        }
        SDL_CondWaitTimeout(a->cv, a->mu, 100);
    }
    return !a->stalled && !a->closing;
}

bool audio_run(Audio *a, void (*fn)(Audio *a, void *ctx), void *ctx)
{
    if (a->state != OPEN)
        return false;
    if (!a->step) {
        fn(a, ctx);
        return true;
    }
    SDL_LockMutex(a->mu);
    bool ok = wait_parked(a);
    if (ok) {
        a->call = fn;
        a->call_ctx = ctx;
        a->call_pending = true;
        SDL_CondBroadcast(a->cv);
        Uint32 start = SDL_GetTicks();
        while (a->call_pending && !a->stalled) {
            if (SDL_GetTicks() - start > STALL_MS) {
                a->stalled = true;
                a->call_pending = false;
                ok = false;
                say(a, "the sound mixer stopped answering for %d s; sound is off for the "
                       "rest of this run", STALL_MS / 1000);
                break;
            }
            SDL_CondWaitTimeout(a->cv, a->mu, 100);
        }
    }
    SDL_UnlockMutex(a->mu);
    return ok;
}

Audio *audio_create(const AudioConfig *cfg, Err *err)
{
    Audio *a = xcalloc(1, sizeof(*a));
    a->cfg = *cfg;
    if (cfg->out && cfg->out[0]) {
        snprintf(a->out, sizeof(a->out), "%s", cfg->out);
        a->wav = wav_create(a->out, AUDIO_RATE, 2, err);
        if (!a->wav) {
            free(a);
            return NULL;
        }
    }
    a->cfg.out = a->out[0] ? a->out : NULL;
    return a;
}

void audio_set_report(Audio *a, void (*report)(void *ud, const char *line), void *ud)
{
    a->report = report;
    a->report_ud = ud;
}

static bool is_silent_driver(const char *d)
{
    return !d || strcmp(d, "dummy") == 0 || strcmp(d, "disk") == 0;
}

/* Device mode: the sound card SDL picks (SDL_AUDIODRIVER chooses another). */
static bool open_device(Audio *a, char *why, size_t size)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(why, size, "%s", SDL_GetError());
        return false;
    }
    if (is_silent_driver(SDL_GetCurrentAudioDriver())) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        why[0] = '\0'; /* asked for: no sentence */
        return false;
    }
    if (Mix_OpenAudioDevice(AUDIO_RATE, AUDIO_S16SYS, 2, DEVICE_BLOCK, NULL, 0) != 0) {
        snprintf(why, size, "%s", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return false;
    }
    a->wav_mu = SDL_CreateMutex();
    a->subsystem = true;
    a->step = false;
    return true;
}

/* Step mode: SDL's "disk" driver writing to /dev/null with no delay between blocks, so
 * the only pace is the game's clock (postmix). */
static bool open_step(Audio *a, char *why, size_t size)
{
    setenv("SDL_DISKAUDIODELAY", "0", 1);
    setenv("SDL_DISKAUDIOFILE", "/dev/null", 1); /* the driver takes no device name */
    /* SDL2_mixer would start the audio subsystem with the default driver: start it first,
     * with the disk driver named for this once. */
    SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "disk", SDL_HINT_OVERRIDE);
    int rc = SDL_InitSubSystem(SDL_INIT_AUDIO);
    SDL_ResetHint(SDL_HINT_AUDIODRIVER);
    /* The disk driver warns loudly that it writes a file: this one is meant. */
    SDL_LogPriority was = SDL_LogGetPriority(SDL_LOG_CATEGORY_AUDIO);
    SDL_LogSetPriority(SDL_LOG_CATEGORY_AUDIO, SDL_NUM_LOG_PRIORITIES);
    const char *driver = rc == 0 ? SDL_GetCurrentAudioDriver() : NULL;
    if (!driver || strcmp(driver, "disk") != 0) {
        snprintf(why, size, "SDL's disk audio driver: %s", rc ? SDL_GetError() : "not built in");
        if (rc == 0)
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return false;
    }
    a->subsystem = true;
    a->mu = SDL_CreateMutex();
    a->cv = SDL_CreateCond();
    a->step = true;
    rc = Mix_OpenAudioDevice(AUDIO_RATE, AUDIO_S16SYS, 2, BLOCK, NULL, 0);
    SDL_LogSetPriority(SDL_LOG_CATEGORY_AUDIO, was);
    if (rc != 0) {
        snprintf(why, size, "%s", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        a->subsystem = false;
        return false;
    }
    return true;
}

bool audio_open(Audio *a)
{
    if (a->state != CLOSED)
        return a->state == OPEN;
    char why[256] = "";
    bool ok = false;
    if (!a->cfg.headless && !a->cfg.mute) {
        ok = open_device(a, why, sizeof(why));
        if (!ok && why[0])
            say(a, "no sound card to play on (%s): sounds are mixed silently%s", why,
                a->wav ? " into --audio-out" : "");
    }
    if (!ok && !open_step(a, why, sizeof(why))) {
        say(a, "cannot start the sound mixer (%s): sounds stay silent", why);
        a->state = NONE;
        return false;
    }
    Mix_AllocateChannels(AUDIO_VOICES);
    Mix_SetPostMix(postmix, a);
    a->state = OPEN;
    if (a->step) { /* the mixer's thread is between two blocks from here on */
        SDL_LockMutex(a->mu);
        wait_parked(a);
        SDL_UnlockMutex(a->mu);
    }
    return true;
}

void audio_advance(Audio *a, double seconds)
{
    if (a->state != OPEN || !a->step || !(seconds > 0))
        return;
    a->time += seconds;
    uint64_t target = (uint64_t)llround(a->time * AUDIO_RATE);
    SDL_LockMutex(a->mu);
    if (target > a->granted) {
        a->granted = target;
        SDL_CondBroadcast(a->cv);
        wait_parked(a);
    }
    SDL_UnlockMutex(a->mu);
}

int audio_finish(Audio *a, Err *err)
{
    if (!a)
        return 0;
    if (a->state == OPEN) {
        if (a->step) {
            SDL_LockMutex(a->mu);
            /* The block the thread waits after holds the last part of the game's time. */
            if (a->parked && a->granted > a->done) {
                uint64_t n = a->granted - a->done;
                wav_put(a, a->stage, n < (uint64_t)a->stage_frames ? (size_t)n
                                                                   : (size_t)a->stage_frames);
            }
            a->closing = true;
            SDL_CondBroadcast(a->cv);
            SDL_UnlockMutex(a->mu);
        }
        Mix_SetPostMix(NULL, NULL);
        Mix_CloseAudio();
        if (a->subsystem)
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
        a->state = NONE;
    } else if (a->state == CLOSED && a->wav) {
        /* No sound was ever played: the WAV is silence as long as the run. */
        wav_write_silence(a->wav, (size_t)llround(a->time * AUDIO_RATE), &a->wav_err);
    }
    int rc = 0;
    if (a->wav) {
        if (a->wav_failed)
            rc = err_set(err, ERR_IO, "--audio-out %s", err_text(&a->wav_err, ERR_IO));
        int crc = wav_close(a->wav, rc < 0 ? NULL : err);
        if (crc < 0 && rc == 0)
            rc = crc;
        a->wav = NULL;
    }
    return rc;
}

void audio_destroy(Audio *a)
{
    if (!a)
        return;
    if (a->wav)
        audio_finish(a, NULL);
    if (a->mu)
        SDL_DestroyMutex(a->mu);
    if (a->cv)
        SDL_DestroyCond(a->cv);
    if (a->wav_mu)
        SDL_DestroyMutex(a->wav_mu);
    free(a);
}

