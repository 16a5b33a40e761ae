/* audio.c: the host's sound through SDL2_mixer (see audio.h): opening the output once,
 * the step mode that mixes in time with the game's frames, the --audio-out WAV, sounds on
 * voices and the music. */
#include "platform/audio.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "util/wav.h"

/* Frames of one step-mode block: a sound starts on such a boundary, at most 5.8 ms after
 * the frame that played it. The disk driver mixes the next block at once (no delay). */
#define BLOCK 256
/* Frames of one device buffer: about 23 ms of latency. */
#define DEVICE_BLOCK 1024
/* How long the frame thread waits for the mixer's thread before giving up on sound. */
#define STALL_MS 5000

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

    /* Voices and music: only touched through run() (on the mixer's thread in step mode). */
    uint32_t serial;
    uint32_t voice[AUDIO_VOICES];
    int voice_loops[AUDIO_VOICES];
    Music *music;
    int music_loops;
};


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

/* Runs fn(a, ctx) where the mixer may be touched: here in device mode, on the mixer's
 * thread in step mode (it waits between two blocks, at a point fixed by the game's
 * clock). False when nothing ran (no mixer). */
static bool run(Audio *a, void (*fn)(Audio *a, void *ctx), void *ctx)
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

/* ---- sounds and music: each a call run where the mixer may be touched ---- */

typedef struct Load {
    const void *bytes;
    size_t len;
    void *old;
    void *out;
    char why[256];
} Load;

static int volume128(float v)
{
    if (!(v > 0))
        return 0;
    return v >= 1 ? MIX_MAX_VOLUME : (int)lroundf(v * MIX_MAX_VOLUME);
}

static void set_pan(int ch, float pan)
{
    if (!(pan > -1)) /* NaN counts as the centre below */
        pan = pan != pan ? 0 : -1;
    if (pan > 1)
        pan = 1;
    Uint8 left = (Uint8)(pan > 0 ? lroundf(255 * (1 - pan)) : 255);
    Uint8 right = (Uint8)(pan < 0 ? lroundf(255 * (1 + pan)) : 255);
    Mix_SetPanning(ch, left, right); /* 255, 255: the effect is removed */
}

static void do_sound_load(Audio *a, void *ctx)
{
    Load *l = ctx;
    SDL_RWops *rw = SDL_RWFromConstMem(l->bytes, (int)l->len);
    Mix_Chunk *c = rw ? Mix_LoadWAV_RW(rw, 1) : NULL;
    if (!c) {
        snprintf(l->why, sizeof(l->why), "%s", Mix_GetError());
        return;
    }
    /* The voices playing the old sound play the new one (a looped engine hum goes on). */
    for (int ch = 0; l->old && ch < AUDIO_VOICES; ch++)
        if (a->voice[ch] && Mix_Playing(ch) && Mix_GetChunk(ch) == l->old)
            Mix_PlayChannel(ch, c, a->voice_loops[ch]);
    l->out = c;
}

static void *load_error(Load *l, const char *noun, Err *err)
{
    err_set(err, ERR_INVALID, "not %s SDL2_mixer can read (%s)", noun,
            l->why[0] ? l->why : "no sound output");
    return NULL;
}

void *audio_sound_load(Audio *a, const void *bytes, size_t len, void *old, Err *err)
{
    Load l = {.bytes = bytes, .len = len, .old = old};
    if (len > INT_MAX) {
        err_set(err, ERR_INVALID, "too big for a sound (%zu bytes)", len);
        return NULL;
    }
    if (!audio_open(a)) {
        err_set(err, ERR_UNSUPPORTED, "no sound mixer");
        return NULL;
    }
    run(a, do_sound_load, &l);
    return l.out ? l.out : load_error(&l, "a sound", err);
}

static void do_sound_free(Audio *a, void *ctx)
{
    (void)a;
    Mix_FreeChunk(ctx); /* stops the voices playing it */
}

void audio_sound_free(Audio *a, void *sound)
{
    if (sound) /* a stalled mixer runs nothing: the chunk is left, not freed under it */
        run(a, do_sound_free, sound);
}

static void do_music_load(Audio *a, void *ctx)
{
    Load *l = ctx;
    Music *m = calloc(1, sizeof(*m));
    void *copy = malloc(l->len ? l->len : 1);
    if (!m || !copy) {
        free(m);
        free(copy);
        snprintf(l->why, sizeof(l->why), "out of memory");
        return;
    }
    memcpy(copy, l->bytes, l->len);
    SDL_RWops *rw = SDL_RWFromConstMem(copy, (int)l->len);
    m->mus = rw ? Mix_LoadMUS_RW(rw, 1) : NULL;
    if (!m->mus) {
        snprintf(l->why, sizeof(l->why), "%s", Mix_GetError());
        free(copy);
        free(m);
        return;
    }
    m->bytes = copy;
    if (l->old && a->music == l->old && Mix_PlayingMusic()) {
        Mix_HaltMusic(); /* Mix_PlayMusic would wait for a fade-out to end */
        Mix_PlayMusic(m->mus, a->music_loops);
        a->music = m;
    }
    l->out = m;
}

void *audio_music_load(Audio *a, const void *bytes, size_t len, void *old, Err *err)
{
    Load l = {.bytes = bytes, .len = len, .old = old};
    if (len > INT_MAX) {
        err_set(err, ERR_INVALID, "too big for music (%zu bytes)", len);
        return NULL;
    }
    if (!audio_open(a)) {
        err_set(err, ERR_UNSUPPORTED, "no sound mixer");
        return NULL;
    }
    run(a, do_music_load, &l);
    return l.out ? l.out : load_error(&l, "music", err);
}

static void do_music_free(Audio *a, void *ctx)
{
    Music *m = ctx;
    if (a->music == m) {
        Mix_HaltMusic();
        a->music = NULL;
    }
    Mix_FreeMusic(m->mus);
    free(m->bytes);
    free(m);
}

void audio_music_free(Audio *a, void *music)
{
    if (music)
        run(a, do_music_free, music);
}

typedef struct Play {
    void *obj;
    float volume, pan, seconds;
    bool loop;
    uint32_t voice;
    bool yes;
} Play;

static int voice_channel(const Audio *a, uint32_t voice)
{
    int ch = (int)(voice % AUDIO_VOICES);
    return voice && a->voice[ch] == voice && Mix_Playing(ch) ? ch : -1;
}

static void do_play(Audio *a, void *ctx)
{
    Play *p = ctx;
    int ch = 0;
    while (ch < AUDIO_VOICES && Mix_Playing(ch))
        ch++;
    if (ch == AUDIO_VOICES)
        return;
    /* Volume and pan first: the voice's first block is already right. */
    Mix_Volume(ch, volume128(p->volume));
    set_pan(ch, p->pan);
    int loops = p->loop ? -1 : 0;
    if (Mix_PlayChannel(ch, p->obj, loops) < 0)
        return;
    if (++a->serial >= UINT32_MAX / AUDIO_VOICES)
        a->serial = 1;
    a->voice[ch] = a->serial * AUDIO_VOICES + (uint32_t)ch;
    a->voice_loops[ch] = loops;
    p->voice = a->voice[ch];
}

uint32_t audio_play(Audio *a, void *sound, float volume, float pan, bool loop)
{
    Play p = {.obj = sound, .volume = volume, .pan = pan, .loop = loop};
    if (sound)
        run(a, do_play, &p);
    return p.voice;
}

static void do_voice_set(Audio *a, void *ctx)
{
    Play *p = ctx;
    int ch = voice_channel(a, p->voice);
    if (ch >= 0) {
        Mix_Volume(ch, volume128(p->volume));
        set_pan(ch, p->pan);
    }
}

void audio_voice_set(Audio *a, uint32_t voice, float volume, float pan)
{
    Play p = {.voice = voice, .volume = volume, .pan = pan};
    if (voice)
        run(a, do_voice_set, &p);
}

static void do_stop(Audio *a, void *ctx)
{
    Play *p = ctx;
    int ch = voice_channel(a, p->voice);
    if (ch >= 0)
        Mix_HaltChannel(ch);
}

void audio_stop(Audio *a, uint32_t voice)
{
    Play p = {.voice = voice};
    if (voice)
        run(a, do_stop, &p);
}

static void do_playing(Audio *a, void *ctx)
{
    Play *p = ctx;
    p->yes = voice_channel(a, p->voice) >= 0;
}

bool audio_playing(Audio *a, uint32_t voice)
{
    Play p = {.voice = voice};
    if (voice)
        run(a, do_playing, &p);
    return p.yes;
}

static void do_stop_all(Audio *a, void *ctx)
{
    (void)a;
    (void)ctx;
    Mix_HaltChannel(-1);
}

void audio_stop_all(Audio *a)
{
    run(a, do_stop_all, NULL);
}

static void do_music_play(Audio *a, void *ctx)
{
    Play *p = ctx;
    Music *m = p->obj;
    if (a->music == m && Mix_PlayingMusic() && Mix_FadingMusic() != MIX_FADING_OUT)
        return;
    Mix_HaltMusic(); /* Mix_PlayMusic would wait for a fade-out to end */
    a->music_loops = p->loop ? -1 : 1;
    int ms = p->seconds > 0 ? (int)lroundf(p->seconds * 1000) : 0;
    if ((ms > 0 ? Mix_FadeInMusic(m->mus, a->music_loops, ms)
                : Mix_PlayMusic(m->mus, a->music_loops)) == 0)
        a->music = m;
    else
        a->music = NULL;
}

void audio_music_play(Audio *a, void *music, bool loop, float fade_in)
{
    Play p = {.obj = music, .loop = loop, .seconds = fade_in};
    if (music)
        run(a, do_music_play, &p);
}

static void do_music_stop(Audio *a, void *ctx)
{
    Play *p = ctx;
    int ms = p->seconds > 0 ? (int)lroundf(p->seconds * 1000) : 0;
    if (ms > 0 && Mix_PlayingMusic() && Mix_FadingMusic() != MIX_FADING_OUT) {
        Mix_FadeOutMusic(ms);
        return;
    }
    Mix_HaltMusic();
    a->music = NULL;
}

void audio_music_stop(Audio *a, float fade_out)
{
    Play p = {.seconds = fade_out};
    run(a, do_music_stop, &p);
}

static void do_music_volume(Audio *a, void *ctx)
{
    (void)a;
    Mix_VolumeMusic(volume128(((Play *)ctx)->volume));
}

void audio_music_volume(Audio *a, float volume)
{
    Play p = {.volume = volume};
    run(a, do_music_volume, &p);
}

static void do_music_playing(Audio *a, void *ctx)
{
    ((Play *)ctx)->yes = a->music && Mix_PlayingMusic();
}

bool audio_music_playing(Audio *a)
{
    Play p = {0};
    run(a, do_music_playing, &p);
    return p.yes;
}

static void do_master(Audio *a, void *ctx)
{
    (void)a;
    Mix_MasterVolume(volume128(((Play *)ctx)->volume));
}

void audio_master_volume(Audio *a, float volume)
{
    Play p = {.volume = volume};
    run(a, do_master, &p);
}
