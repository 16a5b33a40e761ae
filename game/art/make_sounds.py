#!/usr/bin/env python3
"""make_sounds.py: synthesizes Comet Catcher's sounds into ../assets/ (run it again after a
change: the running game replaces each sound as it is written).

Everything is computed from code and written with the standard library's wave module,
16-bit mono at 22050 Hz:
  pickup.wav  a coin: two quick rising notes (E6 then B6) with a bright, decaying tone
  hit.wav     a comet's knock: a falling thump with a burst of noise
  music.wav   a loop of four chords (4.8 s): a soft bass and an arpeggio in A minor; it ends where
              it starts, so it loops without a click
"""
import math
import os
import random
import struct
import wave

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")
RATE = 22050


def write(name, samples):
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", max(-32767, min(32767, int(s * 32767))))
                               for s in samples))
    os.replace(tmp, path)  # the running game never reads half a file


def note(hz, seconds, decay, bright=0.3):
    """A plucked tone: a sine with a little of its octave, fading exponentially."""
    n = int(seconds * RATE)
    out = []
    for i in range(n):
        t = i / RATE
        env = math.exp(-t * decay) * min(1.0, i / 40)  # a 2 ms attack: no click
        out.append(env * (math.sin(2 * math.pi * hz * t) + bright * math.sin(4 * math.pi * hz * t)))
    return out


def pickup():
    a = note(1318.5, 0.09, 18)
    b = note(1975.5, 0.22, 14)
    return [0.45 * s for s in a + b]


def hit():
    rnd = random.Random(7)
    n = int(0.32 * RATE)
    out, phase, noise = [], 0.0, 0.0
    for i in range(n):
        t = i / RATE
        hz = 180 * math.exp(-t * 9) + 45  # the thump falls in pitch
        phase += 2 * math.pi * hz / RATE
        noise = 0.6 * noise + 0.4 * rnd.uniform(-1, 1)  # a darker noise
        out.append(math.exp(-t * 11) * (0.7 * math.sin(phase) + 0.5 * noise * math.exp(-t * 20)))
    return [0.6 * s for s in out]


def music():
    beat = 0.15  # seconds a note of the arpeggio
    chords = [(220.0, [440.0, 523.3, 659.3]), (174.6, [349.2, 440.0, 523.3]),
              (130.8, [392.0, 523.3, 659.3]), (196.0, [392.0, 493.9, 587.3])]
    total = int(len(chords) * 8 * beat * RATE)  # 8 eighths a chord; wraps around
    out = [0.0] * total
    step = int(beat * RATE)
    for c, (bass, arp) in enumerate(chords):
        for k in range(8):
            start = (c * 8 + k) * step
            tone = note(arp[k % 3] * (2 if k >= 6 else 1), beat * 1.6, 9, 0.15)
            for i, s in enumerate(tone):
                out[(start + i) % total] += 0.16 * s
            if k % 4 == 0:
                low = note(bass / 2, beat * 4, 2.5, 0.5)
                for i, s in enumerate(low):
                    out[(start + i) % total] += 0.22 * s
    return out


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("pickup.wav", pickup())
    write("hit.wav", hit())
    write("music.wav", music())
    print("wrote pickup.wav, hit.wav, music.wav to", os.path.normpath(OUT))
