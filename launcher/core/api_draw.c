/* api_draw.c: the services of the table that draw with assets and set up the screen:
 * window, textures and sprites, TrueType text, camera, shapes, blend modes, render targets;
 * and the texture and font kinds of the asset registry. */
#include "core/api.h"

#include <math.h>
#include <stdio.h>

#include "platform/camera.h"
#include "platform/texture.h"
#include "platform/ttf.h"

static Render *bound_render;
static Assets *bound_assets;

/* ---- the registry's texture and font kinds ---- */

static void *load_texture_kind(void *ud, const void *bytes, size_t len, void *old,
                               AssetTimes *t, Err *err)
{
    return texture_load(ud, bytes, len, old, &t->decode, &t->upload, err);
}

static void unload_texture_kind(void *ud, void *obj)
{
    (void)ud;
    texture_destroy(obj);
}

static void *load_font_kind(void *ud, const void *bytes, size_t len, void *old,
                            AssetTimes *t, Err *err)
{
    (void)old;
    (void)t;
    return font_load(ud, bytes, len, err);
}

static void unload_font_kind(void *ud, void *obj)
{
    (void)ud;
    font_destroy(obj);
}

void api_draw_bind(Render *r, Assets *a)
{
    bound_render = r;
    bound_assets = a;
    if (!a || !r)
        return;
    AssetKindOps tex = {.noun = "texture", .load = load_texture_kind,
                        .unload = unload_texture_kind, .ud = r};
    AssetKindOps font = {.noun = "font", .load = load_font_kind, .unload = unload_font_kind,
                         .ud = r};
    assets_set_kind(a, ASSET_TEXTURE, &tex);
    assets_set_kind(a, ASSET_FONT, &font);
}

/* ---- window ---- */

static Vec2 api_screen_size(void)
{
    int w, h;
    render_size(bound_render, &w, &h);
    return (Vec2){(float)w, (float)h};
}

static void api_set_fullscreen(bool on)
{
    render_set_fullscreen(bound_render, on);
}

static bool api_is_fullscreen(void)
{
    return render_is_fullscreen(bound_render);
}

/* ---- textures and sprites ---- */

static Texture *texture_of(HotTexture t)
{
    return assets_get(bound_assets, ASSET_TEXTURE, t.id);
}

static HotTexture api_load_texture(const char *path)
{
    return (HotTexture){assets_load(bound_assets, ASSET_TEXTURE, path)};
}

/* The size a handle draws at: the placeholder's for a missing texture. */
static Vec2 api_texture_size(HotTexture t)
{
    if (!t.id || !bound_render)
        return (Vec2){0, 0};
    Texture *tex = texture_of(t);
    int w, h;
    texture_size(tex ? tex : texture_placeholder(bound_render), &w, &h);
    return (Vec2){(float)w, (float)h};
}

static void api_texture_filter(HotTexture t, HotFilter filter)
{
    texture_set_filter(texture_of(t), filter);
}

static void api_draw_sprite(HotTexture t, Rect src, Rect dst, Vec2 origin, float rotation,
                            HotFlip flip, Color tint)
{
    if (t.id)
        render_sprite(bound_render, texture_of(t), src, dst, origin, rotation, flip, tint);
}

static void api_draw_texture(HotTexture t, Vec2 pos, Color tint)
{
    Vec2 size = api_texture_size(t);
    api_draw_sprite(t, (Rect){0, 0, 0, 0}, (Rect){pos.x, pos.y, size.x, size.y},
                    (Vec2){0, 0}, 0, HOT_FLIP_NONE, tint);
}

static Rect api_sprite_cell(HotTexture t, int cols, int rows, int index)
{
    Vec2 size = api_texture_size(t);
    if (cols < 1 || rows < 1 || size.x <= 0)
        return (Rect){0, 0, size.x, size.y};
    int n = cols * rows;
    index %= n;
    if (index < 0)
        index += n;
    float w = floorf(size.x / (float)cols), h = floorf(size.y / (float)rows);
    return (Rect){(float)(index % cols) * w, (float)(index / cols) * h, w, h};
}

/* ---- TrueType fonts ---- */

static HotFont api_load_font(const char *path)
{
    return (HotFont){assets_load(bound_assets, ASSET_FONT, path)};
}

static void api_draw_font_text(HotFont f, const char *text, Vec2 pos, float size, Color c)
{
    render_font_text(bound_render, assets_get(bound_assets, ASSET_FONT, f.id), text, pos,
                     size, c);
}

static Vec2 api_measure_font_text(HotFont f, const char *text, float size)
{
    return font_measure(assets_get(bound_assets, ASSET_FONT, f.id), text, size);
}

/* ---- camera, shapes, blend modes, render targets ---- */

static void api_begin_camera(Camera2D camera)
{
    render_set_camera(bound_render, &camera);
}

static void api_end_camera(void)
{
    render_set_camera(bound_render, NULL);
}

static Vec2 api_screen_to_world(Camera2D camera, Vec2 p)
{
    return camera_to_world(camera, p);
}

static Vec2 api_world_to_screen(Camera2D camera, Vec2 p)
{
    return camera_to_screen(camera, p);
}

static void api_draw_triangle(Vec2 a, Vec2 b, Vec2 c, Color color)
{
    render_triangle(bound_render, a, b, c, color);
}

static void api_draw_polygon(const Vec2 *points, int count, Color color)
{
    render_polygon(bound_render, points, count, color);
}

static void api_draw_line_thick(Vec2 a, Vec2 b, float thickness, Color color)
{
    render_line_thick(bound_render, a, b, thickness, color);
}

static void api_set_blend(HotBlend mode)
{
    render_set_blend(bound_render, mode);
}

static HotTexture api_create_target(int w, int h)
{
    if (!bound_render)
        return (HotTexture){0};
    Err err = {{0}};
    Texture *t = texture_create_target(bound_render, w, h, &err);
    if (!t) {
        fprintf(stderr, "hotrun: create_target: %s\n", err_text(&err, ERR_INVALID));
        return (HotTexture){0};
    }
    return (HotTexture){assets_add(bound_assets, ASSET_TEXTURE, t)};
}

static void api_begin_target(HotTexture target)
{
    render_begin_target(bound_render, texture_of(target));
}

static void api_end_target(void)
{
    render_end_target(bound_render);
}

void api_draw_fill(HotApi *t)
{
    t->screen_size = api_screen_size;
    t->set_fullscreen = api_set_fullscreen;
    t->is_fullscreen = api_is_fullscreen;
    t->load_texture = api_load_texture;
    t->texture_size = api_texture_size;
    t->texture_filter = api_texture_filter;
    t->draw_texture = api_draw_texture;
    t->draw_sprite = api_draw_sprite;
    t->sprite_cell = api_sprite_cell;
    t->load_font = api_load_font;
    t->draw_font_text = api_draw_font_text;
    t->measure_font_text = api_measure_font_text;
    t->begin_camera = api_begin_camera;
    t->end_camera = api_end_camera;
    t->screen_to_world = api_screen_to_world;
    t->world_to_screen = api_world_to_screen;
    t->draw_triangle = api_draw_triangle;
    t->draw_polygon = api_draw_polygon;
    t->draw_line_thick = api_draw_line_thick;
    t->set_blend = api_set_blend;
    t->create_target = api_create_target;
    t->begin_target = api_begin_target;
    t->end_target = api_end_target;
}
