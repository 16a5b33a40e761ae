#!/usr/bin/env python3
"""make_wav.py HZ SECONDS OUT [AMPLITUDE] [CHANNELS]: a sine tone as a 16-bit WAV (mono by
default), with the standard library's wave module. HZ 0: silence."""
import math
import struct
import sys
import wave

hz, seconds, out = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
amp = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5
channels = int(sys.argv[5]) if len(sys.argv) > 5 else 1
rate = 22050
n = int(seconds * rate)
with wave.open(out, "wb") as w:
    w.setnchannels(channels)
    w.setsampwidth(2)
    w.setframerate(rate)
    frames = bytearray()
    for i in range(n):
        v = int(amp * 32767 * math.sin(2 * math.pi * hz * i / rate))
        frames += struct.pack("<h", v) * channels
    w.writeframes(bytes(frames))
