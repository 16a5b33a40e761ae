/* api.c: the HotApi services table, bound to the host's window, input and clock. */
#include "core/api.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "state/state.h"

/* The table's functions take no context, so what they act on lives here. */
static Render *bound_render;
static Input *bound_input;
static char bound_name[64] = "game";
static void (*log_sink)(const char *line);
static Assets *bound_assets;
static bool quit_requested;
static uint64_t clock_frame;
static float clock_dt;
static double clock_time;

/* ---- random numbers: PCG32 (O'Neill's XSH-RR output on a 64-bit LCG), seeded through
 * splitmix64 so that nearby seeds give unrelated streams. ---- */

static uint64_t rng_state, rng_inc;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint32_t api_random_u32(void)
{
    uint64_t old = rng_state;
    rng_state = old * 6364136223846793005u + rng_inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rot = (uint32_t)(old >> 59);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

static void api_random_seed(uint64_t seed)
{
    uint64_t x = seed;
    rng_state = splitmix64(&x);
    rng_inc = splitmix64(&x) | 1u; /* the LCG increment must be odd */
    api_random_u32();
}

static int api_random_int(int lo, int hi)
{
    if (lo > hi) {
        int t = lo;
        lo = hi;
        hi = t;
    }
    uint64_t range = (uint64_t)((int64_t)hi - (int64_t)lo) + 1u;
    if (range > UINT32_MAX)
        return (int)((int64_t)lo + api_random_u32());
    /* Rejecting the few draws below 2^32 mod range makes every value equally likely. */
    uint32_t r32 = (uint32_t)range;
    uint32_t threshold = (uint32_t)(0u - r32) % r32;
    uint32_t v;
    do {
        v = api_random_u32();
    } while (v < threshold);
    return (int)((int64_t)lo + (int64_t)(v % r32));
}

static float api_random_float(float lo, float hi)
{
    /* 24 random bits are all a float's mantissa can hold: a uniform value in [0, 1). */
    float f = (float)(api_random_u32() >> 8) * (1.0f / 16777216.0f);
    float v = lo + (hi - lo) * f;
    if (hi > lo && v >= hi)
        v = nextafterf(hi, lo); /* rounding must not reach hi itself */
    return v;
}

/* ---- drawing: no-ops while no window is bound ---- */

static void api_clear(Color c)
{
    render_clear(bound_render, c);
}

static void api_draw_rect(float x, float y, float w, float h, Color c)
{
    render_rect(bound_render, x, y, w, h, c);
}

static void api_draw_rect_lines(float x, float y, float w, float h, Color c)
{
    render_rect_lines(bound_render, x, y, w, h, c);
}

static void api_draw_line(Vec2 from, Vec2 to, Color c)
{
    render_line(bound_render, from, to, c);
}

static void api_draw_circle(Vec2 center, float radius, Color c)
{
    render_circle(bound_render, center, radius, c);
}

static void api_draw_circle_lines(Vec2 center, float radius, Color c)
{
    render_circle_lines(bound_render, center, radius, c);
}

static void api_draw_text(const char *text, float x, float y, int scale, Color c)
{
    render_text(bound_render, text, x, y, scale, c);
}

static float api_text_width(const char *text, int scale)
{
    return render_text_width(text, scale);
}

/* ---- input ---- */

static bool api_key_down(HotKey key)
{
    return bound_input && input_key_down(bound_input, key);
}

static bool api_key_pressed(HotKey key)
{
    return bound_input && input_key_pressed(bound_input, key);
}

static bool api_key_released(HotKey key)
{
    return bound_input && input_key_released(bound_input, key);
}

static Vec2 api_mouse_pos(void)
{
    if (!bound_input)
        return (Vec2){0, 0};
    return (Vec2){bound_input->mouse_x, bound_input->mouse_y};
}

static bool api_mouse_down(HotMouseButton b)
{
    return bound_input && input_mouse_down(bound_input, b);
}

static bool api_mouse_pressed(HotMouseButton b)
{
    return bound_input && input_mouse_pressed(bound_input, b);
}

/* ---- time ---- */

static float api_frame_time(void)
{
    return clock_dt;
}

static uint64_t api_frame_count(void)
{
    return clock_frame;
}

static double api_time(void)
{
    return clock_time;
}

/* ---- log and images ---- */

static void api_log(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt ? fmt : "", ap);
    va_end(ap);
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    fprintf(stderr, "[%s] %s\n", bound_name, msg);
    if (log_sink)
        log_sink(msg);
}

static bool api_image_number(const HotImage *image, const char *path, double *out)
{
    if (!image || !path || !out)
        return false;
    return state_image_number((const StateImage *)image, path, out);
}

static bool api_image_string(const HotImage *image, const char *path, char *buf, size_t size)
{
    if (!image || !path || !buf || size == 0)
        return false;
    return state_image_string((const StateImage *)image, path, buf, size);
}

static void api_quit(void)
{
    quit_requested = true;
}

static HotApi table = {
    .abi = HOT_ABI_VERSION,
    .size = sizeof(HotApi),
    .clear = api_clear,
    .draw_rect = api_draw_rect,
    .draw_rect_lines = api_draw_rect_lines,
    .draw_line = api_draw_line,
    .draw_circle = api_draw_circle,
    .draw_circle_lines = api_draw_circle_lines,
    .draw_text = api_draw_text,
    .text_width = api_text_width,
    .key_down = api_key_down,
    .key_pressed = api_key_pressed,
    .key_released = api_key_released,
    .mouse_pos = api_mouse_pos,
    .mouse_down = api_mouse_down,
    .mouse_pressed = api_mouse_pressed,
    .frame_time = api_frame_time,
    .frame_count = api_frame_count,
    .time = api_time,
    .random_seed = api_random_seed,
    .random_u32 = api_random_u32,
    .random_int = api_random_int,
    .random_float = api_random_float,
    .log = api_log,
    .image_number = api_image_number,
    .image_string = api_image_string,
    .quit = api_quit,
};

const HotApi *api_init(Render *r, Input *in, uint64_t seed, const char *game_name)
{
    bound_render = r;
    bound_input = in;
    snprintf(bound_name, sizeof(bound_name), "%s",
             game_name && game_name[0] ? game_name : "game");
    api_random_seed(seed);
    quit_requested = false;
    api_draw_fill(&table);
    api_files_fill(&table);
    api_sound_fill(&table);
    api_input_fill(&table);
    api_input_bind(in);
    api_draw_bind(r, bound_assets);
    api_files_bind(bound_assets, bound_name);
    return &table;
}

void api_bind_assets(Assets *a)
{
    bound_assets = a;
    api_draw_bind(bound_render, a);
    api_files_bind(a, bound_name);
}

bool api_quit_requested(void)
{
    return quit_requested;
}

void api_set_frame(uint64_t frame, float dt, double time)
{
    clock_frame = frame;
    clock_dt = dt;
    clock_time = time;
}

void api_set_log_sink(void (*sink)(const char *line))
{
    log_sink = sink;
}

void api_random_get(uint64_t out[2])
{
    out[0] = rng_state;
    out[1] = rng_inc;
}

void api_random_set(const uint64_t in[2])
{
    rng_state = in[0];
    rng_inc = in[1];
}
