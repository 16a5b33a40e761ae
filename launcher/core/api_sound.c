/* api_sound.c: the services for sound: sounds and music are kinds of the asset registry
 * (made by platform/audio.c from the file's bytes), played on the host's one mixer. */
#include "core/api.h"

static Audio *bound_audio;
static Assets *bound_assets;
static bool triggers_on = true;

static void *load_sound_kind(void *ud, const void *bytes, size_t len, void *old,
                             AssetTimes *t, Err *err)
{
    (void)t;
    return audio_sound_load(ud, bytes, len, old, err);
}

static void unload_sound_kind(void *ud, void *obj)
{
    audio_sound_free(ud, obj);
}

static void *load_music_kind(void *ud, const void *bytes, size_t len, void *old,
                             AssetTimes *t, Err *err)
{
    (void)t;
    return audio_music_load(ud, bytes, len, old, err);
}

static void unload_music_kind(void *ud, void *obj)
{
    audio_music_free(ud, obj);
}

void api_sound_bind(Audio *audio, Assets *a)
{
    bound_audio = audio;
    bound_assets = a;
    if (a && audio) {
        AssetKindOps sound = {.noun = "sound", .load = load_sound_kind,
                              .unload = unload_sound_kind, .ud = audio};
        AssetKindOps music = {.noun = "music", .load = load_music_kind,
                              .unload = unload_music_kind, .ud = audio};
        assets_set_kind(a, ASSET_SOUND, &sound);
        assets_set_kind(a, ASSET_MUSIC, &music);
    }
}

void api_sound_triggers(bool on)
{
    triggers_on = on;
}

static HotSound api_load_sound(const char *path)
{
    return (HotSound){assets_load(bound_assets, ASSET_SOUND, path)};
}

static uint32_t api_play_sound(HotSound s, float volume, float pan, bool loop)
{
    void *obj = assets_get(bound_assets, ASSET_SOUND, s.id);
    if (!bound_audio || !obj || !triggers_on)
        return 0;
    return audio_play(bound_audio, obj, volume, pan, loop);
}

static void api_set_voice(uint32_t voice, float volume, float pan)
{
    if (bound_audio && triggers_on)
        audio_voice_set(bound_audio, voice, volume, pan);
}

static void api_stop_sound(uint32_t voice)
{
    if (bound_audio && triggers_on)
        audio_stop(bound_audio, voice);
}

static bool api_sound_playing(uint32_t voice)
{
    return bound_audio && audio_playing(bound_audio, voice);
}

static void api_stop_all_sounds(void)
{
    if (bound_audio && triggers_on)
        audio_stop_all(bound_audio);
}

static HotMusic api_load_music(const char *path)
{
    return (HotMusic){assets_load(bound_assets, ASSET_MUSIC, path)};
}

static void api_play_music(HotMusic m, bool loop, float fade_in)
{
    void *obj = assets_get(bound_assets, ASSET_MUSIC, m.id);
    if (bound_audio && obj && triggers_on)
        audio_music_play(bound_audio, obj, loop, fade_in);
}

static void api_stop_music(float fade_out)
{
    if (bound_audio && triggers_on)
        audio_music_stop(bound_audio, fade_out);
}

static void api_music_volume(float volume)
{
    if (bound_audio && triggers_on)
        audio_music_volume(bound_audio, volume);
}

static bool api_music_playing(void)
{
    return bound_audio && audio_music_playing(bound_audio);
}

static void api_master_volume(float volume)
{
    if (bound_audio)
        audio_master_volume(bound_audio, volume);
}

void api_sound_fill(HotApi *t)
{
    t->load_sound = api_load_sound;
    t->play_sound = api_play_sound;
    t->set_voice = api_set_voice;
    t->stop_sound = api_stop_sound;
    t->sound_playing = api_sound_playing;
    t->stop_all_sounds = api_stop_all_sounds;
    t->load_music = api_load_music;
    t->play_music = api_play_music;
    t->stop_music = api_stop_music;
    t->music_volume = api_music_volume;
    t->music_playing = api_music_playing;
    t->master_volume = api_master_volume;
}
