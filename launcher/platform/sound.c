/* sound.c: sounds on voices (volume, pan, loop) and the one music (loop, volume, fades),
 * each a call into SDL2_mixer made through audio_run: where the mixer may be touched (on
 * its own thread, between two blocks, in step mode). */
#include "platform/audio_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
    audio_run(a, do_sound_load, &l);
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
        audio_run(a, do_sound_free, sound);
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
    audio_run(a, do_music_load, &l);
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
        audio_run(a, do_music_free, music);
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
        audio_run(a, do_play, &p);
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
        audio_run(a, do_voice_set, &p);
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
        audio_run(a, do_stop, &p);
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
        audio_run(a, do_playing, &p);
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
    audio_run(a, do_stop_all, NULL);
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
        audio_run(a, do_music_play, &p);
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
    audio_run(a, do_music_stop, &p);
}

static void do_music_volume(Audio *a, void *ctx)
{
    (void)a;
    Mix_VolumeMusic(volume128(((Play *)ctx)->volume));
}

void audio_music_volume(Audio *a, float volume)
{
    Play p = {.volume = volume};
    audio_run(a, do_music_volume, &p);
}

static void do_music_playing(Audio *a, void *ctx)
{
    ((Play *)ctx)->yes = a->music && Mix_PlayingMusic();
}

bool audio_music_playing(Audio *a)
{
    Play p = {0};
    audio_run(a, do_music_playing, &p);
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
    audio_run(a, do_master, &p);
}
