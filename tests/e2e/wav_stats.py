#!/usr/bin/env python3
"""wav_stats.py FILE onset: the first time (seconds) a 10 ms window is louder than rms
0.01, or -1 when none; wav_stats.py FILE gaps FROM: the longest run (seconds) of quiet
10 ms windows after FROM.
wav_stats.py FILE [FROM TO]: what a 16-bit WAV holds between FROM and TO seconds
(default: all of it), as one line: "seconds S rms R peak P hz F left L right R"
(rms and peak of both channels in 0..1, F the left channel's frequency from its zero
crossings, L and R each channel's rms). Also checks the header: 16-bit PCM."""
import math
import struct
import sys
import wave

path = sys.argv[1]
with wave.open(path, "rb") as w:
    if w.getsampwidth() != 2 or w.getcomptype() != "NONE":
        sys.exit(f"{path}: not 16-bit PCM")
    rate, ch, n = w.getframerate(), w.getnchannels(), w.getnframes()
    data = w.readframes(n)
samples = struct.unpack("<%dh" % (len(data) // 2), data)


def window_rms(k, size):
    xs = samples[k * size * ch:(k + 1) * size * ch]
    return math.sqrt(sum(x * x for x in xs) / len(xs)) / 32768 if xs else 0.0


if len(sys.argv) > 2 and sys.argv[2] in ("onset", "gaps"):
    size = rate // 100
    count = n // size
    if sys.argv[2] == "onset":
        print(next(("%.3f" % (k / 100) for k in range(count) if window_rms(k, size) > 0.01), "-1"))
    else:
        start, longest, run = round(float(sys.argv[3]) * 100), 0, 0
        for k in range(start, count):
            run = run + 1 if window_rms(k, size) <= 0.01 else 0
            longest = max(longest, run)
        print("%.2f" % (longest / 100))
    sys.exit(0)
a = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
b = float(sys.argv[3]) if len(sys.argv) > 3 else n / rate
i0, i1 = max(0, int(a * rate)), min(n, int(b * rate))
part = samples[i0 * ch:i1 * ch]
frames = i1 - i0


def rms(xs):
    return math.sqrt(sum(x * x for x in xs) / len(xs)) / 32768 if xs else 0.0


left = part[0::ch]
right = part[1::ch] if ch > 1 else left
crossings = sum(1 for p, q in zip(left, left[1:]) if (p < 0) != (q < 0))
hz = crossings / 2 / (frames / rate) if frames else 0.0
peak = max((abs(x) for x in part), default=0) / 32768
print("seconds %.3f rms %.4f peak %.4f hz %.1f left %.4f right %.4f" %
      (n / rate, rms(part), peak, hz, rms(left), rms(right)))
