/* wav.c: the 16-bit PCM WAV writer (see wav.h). The RIFF and data sizes are written as 0
 * first and patched at close; a file cut short by a crash still has a readable header. */
#include "util/wav.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct Wav {
    FILE *f;
    int channels;
    uint64_t frames;
    char path[512];
};

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v & 0xffffu);
    put16(p + 2, v >> 16);
}

static void header(uint8_t h[44], int rate, int channels, uint32_t data_bytes)
{
    memcpy(h, "RIFF", 4);
    put32(h + 4, 36 + data_bytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);                                /* the fmt chunk's size */
    put16(h + 20, 1);                                 /* PCM */
    put16(h + 22, (uint32_t)channels);
    put32(h + 24, (uint32_t)rate);
    put32(h + 28, (uint32_t)(rate * channels * 2));   /* bytes a second */
    put16(h + 32, (uint32_t)(channels * 2));          /* bytes a frame */
    put16(h + 34, 16);                                /* bits a sample */
    memcpy(h + 36, "data", 4);
    put32(h + 40, data_bytes);
}

Wav *wav_create(const char *path, int rate, int channels, Err *err)
{
    if (rate <= 0 || channels <= 0 || channels > 8) {
        err_set(err, ERR_INVALID, "%s: %d channels at %d Hz is no WAV format this writes",
                path, channels, rate);
        return NULL;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(errno));
        return NULL;
    }
    uint8_t h[44];
    header(h, rate, channels, 0);
    if (fwrite(h, 1, sizeof(h), f) != sizeof(h)) {
        err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(errno));
        fclose(f);
        return NULL;
    }
    Wav *w = xcalloc(1, sizeof(*w));
    w->f = f;
    w->channels = channels;
    snprintf(w->path, sizeof(w->path), "%s", path);
    return w;
}

int wav_write(Wav *w, const int16_t *samples, size_t frames, Err *err)
{
    size_t n = frames * (size_t)w->channels;
    uint8_t buf[4096];
    size_t done = 0;
    while (done < n) {
        size_t k = n - done < sizeof(buf) / 2 ? n - done : sizeof(buf) / 2;
        for (size_t i = 0; i < k; i++)
            put16(buf + 2 * i, (uint16_t)samples[done + i]);
        if (fwrite(buf, 2, k, w->f) != k)
            return err_set(err, ERR_IO, "cannot write %s: %s", w->path, strerror(errno));
        done += k;
    }
    w->frames += frames;
    return 0;
}

int wav_write_silence(Wav *w, size_t frames, Err *err)
{
    static const int16_t zero[1024];
    size_t per = sizeof(zero) / sizeof(zero[0]) / (size_t)w->channels;
    while (frames > 0) {
        size_t k = frames < per ? frames : per;
        int rc = wav_write(w, zero, k, err);
        if (rc < 0)
            return rc;
        frames -= k;
    }
    return 0;
}

uint64_t wav_frames(const Wav *w)
{
    return w->frames;
}

int wav_close(Wav *w, Err *err)
{
    if (!w)
        return 0;
    int rc = 0;
    uint64_t bytes = w->frames * (uint64_t)w->channels * 2;
    if (bytes > 0xffffffffu - 36)
        bytes = (0xffffffffu - 36) & ~(uint64_t)3; /* past 4 GiB: the header says the most */
    /* Only the two sizes change; the rate is read back from the header written first. */
    uint8_t size[4];
    put32(size, (uint32_t)(36 + bytes));
    if (fseek(w->f, 4, SEEK_SET) != 0 || fwrite(size, 1, 4, w->f) != 4)
        rc = err_set(err, ERR_IO, "cannot write %s: %s", w->path, strerror(errno));
    put32(size, (uint32_t)bytes);
    if (rc == 0 && (fseek(w->f, 40, SEEK_SET) != 0 || fwrite(size, 1, 4, w->f) != 4))
        rc = err_set(err, ERR_IO, "cannot write %s: %s", w->path, strerror(errno));
    if (fclose(w->f) != 0 && rc == 0)
        rc = err_set(err, ERR_IO, "cannot write %s: %s", w->path, strerror(errno));
    free(w);
    return rc;
}
