#!/usr/bin/env python3
"""make_assets.py: draws and synthesizes the assets of the `hotrun new` template (run it
again after a change; hotrun new copies them into the new game's assets/ folder):
  coin.png  a 16 x 16 gold coin with a rim and a shine
  coin.wav  the chime of picking it up: two quick rising notes, 16-bit mono at 22050 Hz
"""
import math
import os
import struct
import sys
import wave

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from pnglib import write_png  # noqa: E402

RATE = 22050


def coin():
    size, ss = 16, 4
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(ss):
                for sx in range(ss):
                    px, py = x + (sx + 0.5) / ss - 8, y + (sy + 0.5) / ss - 8
                    d = math.hypot(px, py)
                    if d > 7.5:
                        continue
                    rim = d > 5.8
                    shine = math.hypot(px + 2.5, py + 2.5) < 1.6
                    c = (255, 250, 210) if shine else (196, 140, 20) if rim else (250, 200, 60)
                    for i in range(3):
                        acc[i] += c[i]
                    acc[3] += 255
            n = ss * ss
            a = acc[3] / n
            row.append(tuple(round(v / (acc[3] / 255)) if acc[3] else 0 for v in acc[:3]) +
                       (round(a),))
        rows.append(row)
    write_png(os.path.join(HERE, "coin.png"), size, size, rows)


def chime():
    out = []
    for hz, seconds in ((1318.5, 0.08), (1975.5, 0.2)):
        for i in range(int(seconds * RATE)):
            t = i / RATE
            env = math.exp(-t * 16) * min(1.0, i / 40)  # a 2 ms attack: no click
            out.append(0.4 * env * (math.sin(2 * math.pi * hz * t) +
                                    0.3 * math.sin(4 * math.pi * hz * t)))
    with wave.open(os.path.join(HERE, "coin.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in out))


if __name__ == "__main__":
    coin()
    chime()
    print("wrote coin.png and coin.wav to", HERE)
