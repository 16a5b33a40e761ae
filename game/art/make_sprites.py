#!/usr/bin/env python3
"""make_sprites.py: draws Comet Catcher's pictures into ../assets/ (run it again after a
change: the running game reloads each PNG as it is written).

Everything is drawn from code, with 4 x 4 supersampling for smooth edges:
  ship.png    4 frames of 32 x 32 in a row: the ship, its flame flickering (animation)
  coin.png    8 frames of 16 x 16: a spinning gold coin (sprite-sheet animation)
  comet.png   a 32 x 32 grey rock with craters; the game tints it per comet
  glow.png    a 32 x 32 soft white disc, drawn with additive blending for light
  nebula.png  a 160 x 120 sky, drawn scaled up with linear filtering
"""
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from pnglib import write_png  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")
SS = 4  # subsamples per pixel side


def canvas(w, h):
    return [[(0, 0, 0, 0) for _ in range(w)] for _ in range(h)]


def over(dst, src):
    """src over dst, straight alpha, both (r, g, b, a) 0..255."""
    sa, da = src[3] / 255, dst[3] / 255
    oa = sa + da * (1 - sa)
    if oa == 0:
        return (0, 0, 0, 0)
    c = [(src[i] * sa + dst[i] * da * (1 - sa)) / oa for i in range(3)]
    return (round(c[0]), round(c[1]), round(c[2]), round(oa * 255))


def paint(img, x0, y0, w, h, shade):
    """For each pixel of the box, shade(x, y) gives an (r, g, b, a) or None at subsample
    points (x, y in pixels, fractional); the average covers the pixel."""
    for py in range(h):
        for px in range(w):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(SS):
                for sx in range(SS):
                    c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                    if c:
                        a = c[3] / 255
                        acc[0] += c[0] * a
                        acc[1] += c[1] * a
                        acc[2] += c[2] * a
                        acc[3] += a
            if acc[3] == 0:
                continue
            n = SS * SS
            col = (round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]),
                   round(255 * acc[3] / n))
            img[y0 + py][x0 + px] = over(img[y0 + py][x0 + px], col)


def inside(poly, x, y):
    hit = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def mix(a, b, t):
    t = max(0.0, min(1.0, t))
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(len(a)))


def ship():
    w = h = 32
    img = canvas(4 * w, h)
    hull = [(16, 2), (22, 14), (28, 21), (19, 19), (16, 21), (13, 19), (4, 21), (10, 14)]
    for f in range(4):
        flame_len = [8, 11, 7, 10][f]

        def flame(x, y, flame_len=flame_len):
            dy = y - 19
            half = 4.0 * (1 - dy / flame_len) ** 0.7 if 0 <= dy <= flame_len else -1
            if abs(x - 16) > half:
                return None
            t = dy / flame_len + abs(x - 16) / 8
            return mix((255, 255, 220, 255), (255, 80, 30, 160), t)

        def body(x, y):
            if not inside(hull, x, y):
                return None
            light = 1 - (x - 16) / 14 - (y - 4) / 60  # lit from the upper left
            base = mix((20, 110, 120, 255), (110, 240, 200, 255), light * 0.8)
            if (x - 16) ** 2 / 6 + (y - 10) ** 2 / 12 < 1:  # the cockpit
                return mix((40, 60, 120, 255), (190, 230, 255, 255), 1 - (y - 6) / 8)
            if abs(x - 16) < 0.6 and y > 14:  # a seam down the middle
                return (20, 80, 90, 255)
            return base

        paint(img, f * w, 0, w, h, flame)
        paint(img, f * w, 0, w, h, body)
    write_png(os.path.join(OUT, "ship.png"), 4 * w, h, img)


def coin():
    s, frames = 16, 8
    img = canvas(s * frames, s)
    for f in range(frames):
        squash = abs(math.cos(f * math.pi / frames)) * 0.85 + 0.15

        def shade(x, y, squash=squash, f=f):
            dx, dy = (x - 8) / (7 * squash), (y - 8) / 7
            d = dx * dx + dy * dy
            if d > 1:
                return None
            if d > 0.62:  # the rim
                return (200, 130, 30, 255)
            shine = 0.5 + 0.5 * math.cos((dx + dy + f * 0.4) * 2.2)
            return mix((240, 180, 50, 255), (255, 245, 190, 255), shine)

        paint(img, f * s, 0, s, s, shade)
    write_png(os.path.join(OUT, "coin.png"), s * frames, s, img)


def comet():
    s = 32
    rnd = random.Random(7)
    bumps = [(rnd.uniform(0, 2 * math.pi), rnd.uniform(0.05, 0.12), rnd.randint(3, 6))
             for _ in range(3)]
    craters = [(rnd.uniform(9, 23), rnd.uniform(9, 23), rnd.uniform(1.8, 3.6)) for _ in range(5)]

    def shade(x, y):
        dx, dy = x - 16, y - 16
        a = math.atan2(dy, dx)
        r = 13.5 * (1 + sum(amp * math.sin(k * a + ph) for ph, amp, k in bumps))
        d = math.hypot(dx, dy)
        if d > r:
            return None
        light = 0.55 - (dx + dy) / 40 + 0.25 * (1 - d / r)
        col = mix((70, 72, 84, 255), (235, 235, 245, 255), light)
        for cx, cy, cr in craters:
            e = math.hypot(x - cx, y - cy)
            if e < cr:
                col = mix(col, (60, 60, 70, 255), 0.45 * (1 - e / cr) + 0.15)
        return col

    img = canvas(s, s)
    paint(img, 0, 0, s, s, shade)
    write_png(os.path.join(OUT, "comet.png"), s, s, img)


def glow():
    s = 32
    img = canvas(s, s)
    for y in range(s):
        for x in range(s):
            d = math.hypot(x + 0.5 - 16, y + 0.5 - 16) / 16
            a = max(0.0, 1 - d) ** 2
            img[y][x] = (255, 255, 255, round(255 * a))
    write_png(os.path.join(OUT, "glow.png"), s, s, img)


def nebula():
    w, h = 160, 120
    rnd = random.Random(3)
    grids = []
    for cell in (40, 20, 10):
        gw, gh = (w + 60) // cell + 2, (h + 40) // cell + 2
        grids.append((cell, [[rnd.random() for _ in range(gw)] for _ in range(gh)]))

    def noise(x, y):
        total = 0.0
        for i, (cell, g) in enumerate(grids):
            fx, fy = x / cell, y / cell
            ix, iy = int(fx), int(fy)
            tx, ty = fx - ix, fy - iy
            tx, ty = tx * tx * (3 - 2 * tx), ty * ty * (3 - 2 * ty)
            top = g[iy][ix] * (1 - tx) + g[iy][ix + 1] * tx
            bot = g[iy + 1][ix] * (1 - tx) + g[iy + 1][ix + 1] * tx
            total += (top * (1 - ty) + bot * ty) / (2 ** i)
        return total / 1.75

    img = canvas(w, h)
    for y in range(h):
        for x in range(w):
            n = noise(x, y)
            m = noise(x + 57, y + 31)
            base = mix((12, 14, 32, 255), (20, 26, 60, 255), y / h)
            c = mix(base, (90, 40, 120, 255), max(0, n - 0.45) * 1.6)
            c = mix(c, (30, 90, 130, 255), max(0, m - 0.55) * 1.4)
            img[y][x] = c
    write_png(os.path.join(OUT, "nebula.png"), w, h, img)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for draw in (ship, coin, comet, glow, nebula):
        draw()
    print("wrote ship.png coin.png comet.png glow.png nebula.png to", os.path.normpath(OUT))
