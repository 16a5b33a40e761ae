#!/usr/bin/env python3
"""bmp_pixel.py FILE X Y: prints "R G B" of a pixel of a 32-bit BMP screenshot (SDL_SaveBMP
writes B, G, R, A bytes), origin top left.
bmp_pixel.py FILE X0 Y0 X1 Y1: prints how many pixels of [X0,X1) x [Y0,Y1) are light (all
three channels above 128), e.g. the ink of white text."""
import struct
import sys

path = sys.argv[1]
data = open(path, "rb").read()
off = struct.unpack_from("<I", data, 10)[0]
w, h = struct.unpack_from("<ii", data, 18)
bpp = struct.unpack_from("<H", data, 28)[0]
if bpp != 32:
    sys.exit(f"{path}: a {bpp}-bit BMP, expected 32")


def rgb(x, y):
    row = y if h < 0 else abs(h) - 1 - y
    b, g, r, _ = data[off + (row * w + x) * 4: off + (row * w + x) * 4 + 4]
    return r, g, b


args = [int(a) for a in sys.argv[2:]]
if len(args) == 2:
    print(*rgb(*args))
else:
    x0, y0, x1, y1 = args
    print(sum(1 for y in range(y0, y1) for x in range(x0, x1) if min(rgb(x, y)) > 128))
