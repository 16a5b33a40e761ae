/* shapes.c: rectangles, lines, circles, triangles and polygons, seen through the camera
 * when one is set. Shapes are clipped to the canvas before SDL sees them: SDL's software
 * line drawing allocates per pixel of the whole line, and coordinates far off screen
 * would overflow its integer conversions. */
#include <math.h>

#include "platform/render_impl.h"

/* Geometry beyond this is not drawn: SDL's rasteriser works in fixed point. */
#define FAR 1e6f

static void set_color(Render *r, Color c)
{
    SDL_SetRenderDrawColor(r->renderer, c.r, c.g, c.b, c.a);
}

bool render_finite4(float a, float b, float c, float d)
{
    return isfinite(a) && isfinite(b) && isfinite(c) && isfinite(d);
}

/* A rectangle given with a negative width or height covers the same pixels as its mirror. */
static void normalise(float *x, float *y, float *w, float *h)
{
    if (*w < 0) {
        *x += *w;
        *w = -*w;
    }
    if (*h < 0) {
        *y += *h;
        *h = -*h;
    }
}

/* An axis-aligned rectangle in screen pixels. */
static void fill_screen_rect(Render *r, float x, float y, float w, float h)
{
    SDL_FRect rect = {x, y, w, h}, clipped;
    if (SDL_IntersectFRect(&rect, &r->bounds, &clipped))
        SDL_RenderFillRectF(r->renderer, &clipped);
}

static bool near(Vec2 p)
{
    return isfinite(p.x) && isfinite(p.y) && fabsf(p.x) < FAR && fabsf(p.y) < FAR;
}

/* Clips the convex polygon p[0..n) to the half plane where (axis ? y : x) * sign <= lim
 * (Sutherland-Hodgman); returns the new count (at most n + 1). */
static int clip_edge(const Vec2 *p, int n, Vec2 *out, int axis, float sign, float lim)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        Vec2 a = p[i], b = p[(i + 1) % n];
        float da = (axis ? a.y : a.x) * sign - lim, db = (axis ? b.y : b.x) * sign - lim;
        if (da <= 0)
            out[m++] = a;
        if ((da < 0 && db > 0) || (da > 0 && db < 0)) {
            float t = da / (da - db);
            out[m++] = (Vec2){a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
        }
    }
    return m;
}

/* One triangle, cut to the canvas first when it reaches far past it: SDL's rasteriser
 * works in fixed point and walks the triangle's whole bounding box. */
static void fill_triangle(Render *r, Vec2 a, Vec2 b, Vec2 c, Color col)
{
    const SDL_FRect *bd = &r->bounds;
    Vec2 p[8] = {a, b, c}, q[8];
    int n = 3;
    n = clip_edge(p, n, q, 0, -1, -bd->x);
    n = clip_edge(q, n, p, 0, 1, bd->x + bd->w);
    n = clip_edge(p, n, q, 1, -1, -bd->y);
    n = clip_edge(q, n, p, 1, 1, bd->y + bd->h);
    if (n < 3)
        return;
    SDL_Vertex v[8];
    int idx[18];
    for (int i = 0; i < n; i++)
        v[i] = (SDL_Vertex){{p[i].x, p[i].y}, {col.r, col.g, col.b, col.a}, {0, 0}};
    for (int i = 0; i < n - 2; i++) {
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = i + 2;
    }
    SDL_RenderGeometry(r->renderer, NULL, v, n, idx, 3 * (n - 2));
}

/* Triangles in screen pixels, one colour. */
static void fill_triangles(Render *r, const Vec2 *p, const int *idx, int nidx, int npoints,
                           Color c)
{
    SDL_Vertex v[64];
    if (npoints > 64)
        return;
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < npoints; i++) {
        if (!near(p[i]))
            return;
        v[i] = (SDL_Vertex){{p[i].x, p[i].y}, {c.r, c.g, c.b, c.a}, {0, 0}};
        x0 = fminf(x0, p[i].x);
        y0 = fminf(y0, p[i].y);
        x1 = fmaxf(x1, p[i].x);
        y1 = fmaxf(y1, p[i].y);
    }
    /* Entirely off the canvas: nothing for the rasteriser to do. */
    const SDL_FRect *b = &r->bounds;
    if (x1 < b->x || y1 < b->y || x0 > b->x + b->w || y0 > b->y + b->h)
        return;
    if (x0 < b->x - b->w || y0 < b->y - b->h || x1 > b->x + 2 * b->w ||
        y1 > b->y + 2 * b->h) {
        for (int i = 0; i + 2 < nidx; i += 3)
            fill_triangle(r, p[idx[i]], p[idx[i + 1]], p[idx[i + 2]], c);
        return;
    }
    SDL_RenderGeometry(r->renderer, NULL, v, npoints, idx, nidx);
}

void render_quad(Render *r, const Vec2 p[4], Color c)
{
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    fill_triangles(r, p, idx, 6, 4, c);
}

/* A rectangle in world coordinates: a screen rectangle unless the camera turns it. */
static void fill_rect(Render *r, float x, float y, float w, float h, Color c)
{
    if (!render_finite4(x, y, w, h))
        return;
    normalise(&x, &y, &w, &h);
    if (render_angle(r) == 0) {
        Vec2 a = render_xf(r, (Vec2){x, y});
        float z = render_zoom(r);
        set_color(r, c);
        if (render_finite4(a.x, a.y, w * z, h * z))
            fill_screen_rect(r, a.x, a.y, w * z, h * z);
        return;
    }
    Vec2 q[4] = {render_xf(r, (Vec2){x, y}), render_xf(r, (Vec2){x + w, y}),
                 render_xf(r, (Vec2){x + w, y + h}), render_xf(r, (Vec2){x, y + h})};
    render_quad(r, q, c);
}

static void line_clipped(Render *r, float x1, float y1, float x2, float y2)
{
    if (!render_finite4(x1, y1, x2, y2))
        return;
    if (SDL_IntersectFRectAndLine(&r->bounds, &x1, &y1, &x2, &y2))
        SDL_RenderDrawLineF(r->renderer, x1, y1, x2, y2);
}

void render_clear(Render *r, Color c)
{
    if (!r)
        return;
    /* Clear ignores blending; a translucent clear colour is taken as opaque. */
    set_color(r, c);
    SDL_RenderClear(r->renderer);
}

void render_rect(Render *r, float x, float y, float w, float h, Color c)
{
    if (r)
        fill_rect(r, x, y, w, h, c);
}

void render_rect_lines(Render *r, float x, float y, float w, float h, Color c)
{
    if (!r || !render_finite4(x, y, w, h))
        return;
    normalise(&x, &y, &w, &h);
    if (w <= 0 || h <= 0)
        return;
    /* Four 1-pixel strips that do not overlap, so translucent corners are not doubled. */
    fill_rect(r, x, y, w, 1, c);
    if (h > 1)
        fill_rect(r, x, y + h - 1, w, 1, c);
    if (h > 2) {
        fill_rect(r, x, y + 1, 1, h - 2, c);
        if (w > 1)
            fill_rect(r, x + w - 1, y + 1, 1, h - 2, c);
    }
}

void render_line(Render *r, Vec2 a, Vec2 b, Color c)
{
    if (!r)
        return;
    a = render_xf(r, a);
    b = render_xf(r, b);
    set_color(r, c);
    line_clipped(r, a.x, a.y, b.x, b.y);
}

void render_line_thick(Render *r, Vec2 a, Vec2 b, float thickness, Color c)
{
    if (!r || !render_finite4(a.x, a.y, b.x, b.y) || !isfinite(thickness))
        return;
    float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
    if (thickness * render_zoom(r) <= 1.0f || len == 0) {
        render_line(r, a, b, c);
        return;
    }
    /* A quad around the segment: the normal, half the thickness long, on each side. */
    float nx = -dy / len * thickness / 2, ny = dx / len * thickness / 2;
    Vec2 q[4] = {render_xf(r, (Vec2){a.x + nx, a.y + ny}), render_xf(r, (Vec2){b.x + nx, b.y + ny}),
                 render_xf(r, (Vec2){b.x - nx, b.y - ny}), render_xf(r, (Vec2){a.x - nx, a.y - ny})};
    render_quad(r, q, c);
}

void render_triangle(Render *r, Vec2 a, Vec2 b, Vec2 c, Color color)
{
    if (!r)
        return;
    static const int idx[3] = {0, 1, 2};
    Vec2 p[3] = {render_xf(r, a), render_xf(r, b), render_xf(r, c)};
    fill_triangles(r, p, idx, 3, 3, color);
}

void render_polygon(Render *r, const Vec2 *points, int count, Color color)
{
    if (!r || !points || count < 3 || count > 64)
        return;
    Vec2 p[64];
    int idx[3 * 62];
    for (int i = 0; i < count; i++)
        p[i] = render_xf(r, points[i]);
    for (int i = 0; i < count - 2; i++) {
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = i + 2;
    }
    fill_triangles(r, p, idx, 3 * (count - 2), count, color);
}

static bool circle_ok(Vec2 center, float radius)
{
    return isfinite(center.x) && isfinite(center.y) && isfinite(radius) && radius > 0;
}

void render_circle(Render *r, Vec2 center, float radius, Color c)
{
    if (!r || !circle_ok(center, radius))
        return;
    center = render_xf(r, center);
    radius *= render_zoom(r);
    if (!circle_ok(center, radius))
        return;
    set_color(r, c);
    float W = r->bounds.w - 2, H = r->bounds.h - 2;
    /* One span per pixel row, tested at the row's centre; rows off screen are skipped so
     * a huge radius costs no more than the screen height. */
    float top = fmaxf(floorf(center.y - radius), 0.0f);
    float bottom = fminf(ceilf(center.y + radius), H);
    SDL_FRect spans[64];
    int n = 0;
    for (float y = top; y < bottom; y += 1.0f) {
        float dy = y + 0.5f - center.y;
        float d2 = radius * radius - dy * dy;
        if (d2 < 0)
            continue;
        float half = sqrtf(d2);
        float x0 = roundf(center.x - half), x1 = roundf(center.x + half);
        x0 = fmaxf(x0, -1.0f);
        x1 = fminf(x1, W + 1.0f);
        if (x1 <= x0)
            continue;
        spans[n++] = (SDL_FRect){x0, y, x1 - x0, 1};
        if (n == (int)(sizeof(spans) / sizeof(spans[0]))) {
            SDL_RenderFillRectsF(r->renderer, spans, n);
            n = 0;
        }
    }
    if (n > 0)
        SDL_RenderFillRectsF(r->renderer, spans, n);
}

void render_circle_lines(Render *r, Vec2 center, float radius, Color c)
{
    if (!r || !circle_ok(center, radius))
        return;
    center = render_xf(r, center);
    radius *= render_zoom(r);
    if (!circle_ok(center, radius))
        return;
    set_color(r, c);
    float W = r->bounds.w - 2, H = r->bounds.h - 2;
    /* A ring that misses the screen, or surrounds all of it, draws nothing. */
    float dx = fmaxf(fabsf(center.x - W / 2.0f) - W / 2.0f, 0);
    float dy = fmaxf(fabsf(center.y - H / 2.0f) - H / 2.0f, 0);
    float fx = fabsf(center.x - W / 2.0f) + W / 2.0f;
    float fy = fabsf(center.y - H / 2.0f) + H / 2.0f;
    if (sqrtf(dx * dx + dy * dy) > radius + 1 || sqrtf(fx * fx + fy * fy) < radius - 1)
        return;
    /* A polygon whose sides stray from the true circle by under a quarter pixel:
     * the sagitta r(1 - cos(pi/n)) is about r pi^2 / 2n^2. */
    float sides = ceilf((float)M_PI * sqrtf(2.0f * radius));
    int n = (int)fminf(fmaxf(sides, 12.0f), 720.0f);
    float px = center.x + radius, py = center.y;
    for (int i = 1; i <= n; i++) {
        float a = 2.0f * (float)M_PI * (float)i / (float)n;
        float qx = center.x + radius * cosf(a), qy = center.y + radius * sinf(a);
        line_clipped(r, px, py, qx, qy);
        px = qx;
        py = qy;
    }
}
