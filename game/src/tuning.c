/* tuning.c: what the game reads from its asset folder (game/assets).
 *
 * Shows: load_texture, load_font, load_data, load_sound and load_music by a path relative
 * to the asset folder, music that plays on through every swap,
 * and data_version: the host reads tuning.txt again whenever it is saved, and the game
 * parses it when the number changes. Try it: open game/assets/tuning.txt while the game
 * runs, change player_speed, save.
 */
#include <stdio.h>
#include <string.h>

#include "game.h"

void art_load(const HotApi *api, Art *art)
{
    art->ship = api->load_texture("ship.png");     /* 4 frames: the flame flickers */
    art->coin = api->load_texture("coin.png");     /* 8 frames: the coin spins */
    art->comet = api->load_texture("comet.png");   /* grey: tinted per comet */
    art->glow = api->load_texture("glow.png");     /* drawn with additive blending */
    art->nebula = api->load_texture("nebula.png"); /* small, scaled up smoothly: */
    api->texture_filter(art->nebula, HOT_FILTER_LINEAR);
    art->font = api->load_font("DejaVuSans-Bold.ttf");
    art->tuning = api->load_data("tuning.txt");
    art->pickup = api->load_sound("pickup.wav");
    art->hit = api->load_sound("hit.wav");
    art->music = api->load_music("music.wav");
    /* Music the host already plays goes on: after a swap this changes nothing. */
    api->play_music(art->music, true, 1.0f);
    api->music_volume(0.6f);
    art->ready = true;
}

static const char *next_line(const char *line)
{
    const char *end = strchr(line, '\n');
    return end ? end + 1 : NULL;
}

/* "name = value" lines; '#' starts a comment; an unknown name is logged. */
static void parse(const HotApi *api, Tuning *t, const char *text)
{
    char name[32];
    float value;
    for (const char *line = text; line; line = next_line(line)) {
        if (sscanf(line, " %31[a-z_] = %f", name, &value) != 2)
            continue; /* a comment, a blank line */
        if (strcmp(name, "player_speed") == 0) t->player_speed = value;
        else if (strcmp(name, "comet_speed") == 0) t->comet_speed = value;
        else if (strcmp(name, "coin_points") == 0) t->coin_points = (int32_t)value;
        else if (strcmp(name, "hit_points") == 0) t->hit_points = (int32_t)value;
        else if (strcmp(name, "shake") == 0) t->shake = value;
        else api->log("tuning.txt: no setting called %s", name);
    }
}

void tuning_update(const HotApi *api, GameState *s)
{
    uint32_t version = api->data_version(s->art.tuning);
    if (version == 0 || version == s->tuning.version)
        return; /* missing, or already read */
    parse(api, &s->tuning, api->data_text(s->art.tuning, NULL));
    s->tuning.version = version;
    s->player.speed = s->tuning.player_speed; /* the file wins until the panel edits it */
    api->log("tuning v%u: speed %.0f, comets %.0f, coin +%d, hit -%d, shake %.0f", version,
             (double)s->tuning.player_speed, (double)s->tuning.comet_speed,
             (int)s->tuning.coin_points, (int)s->tuning.hit_points, (double)s->tuning.shake);
}
