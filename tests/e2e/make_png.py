#!/usr/bin/env python3
"""make_png.py W H RRGGBB OUT: a PNG of one colour, for the asset tests."""
import os
import sys

sys.path.insert(0, os.path.join(os.environ["SRC_ROOT"], "scripts"))
from pnglib import write_png  # noqa: E402

w, h, colour, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rgba = (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), 255)
write_png(out + ".tmp", w, h, [[rgba] * w for _ in range(h)])
os.replace(out + ".tmp", out)  # an editor's save by rename: never half a file
