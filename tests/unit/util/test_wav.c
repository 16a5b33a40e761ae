/* test_wav.c: the WAV writer: a header any reader takes (sizes patched at close), frames
 * little-endian and interleaved, silence, and a path that cannot be written. */
#include "util/wav.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

int main(void)
{
    char path[] = "/tmp/hotrun-test-wav-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    Err err = {{0}};
    Wav *w = wav_create(path, 44100, 2, &err);
    CHECK(w != NULL);
    int16_t frames[] = {1, -1, 32767, -32768, 256, 0};
    CHECK(wav_write(w, frames, 3, &err) == 0);
    CHECK(wav_write_silence(w, 1000, &err) == 0);
    CHECK(wav_frames(w) == 1003);
    CHECK(wav_close(w, &err) == 0);

    unsigned char buf[44 + 1003 * 4 + 16];
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    CHECK(n == 44 + 1003 * 4);
    CHECK(memcmp(buf, "RIFF", 4) == 0 && memcmp(buf + 8, "WAVEfmt ", 8) == 0);
    CHECK(le32(buf + 4) == 36 + 1003 * 4);
    CHECK(buf[20] == 1 && buf[22] == 2);               /* PCM, stereo */
    CHECK(le32(buf + 24) == 44100);
    CHECK(le32(buf + 28) == 44100 * 4 && buf[32] == 4 && buf[34] == 16);
    CHECK(memcmp(buf + 36, "data", 4) == 0 && le32(buf + 40) == 1003 * 4);
    const unsigned char want[] = {1, 0, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x80, 0x00, 0x01, 0, 0};
    CHECK(memcmp(buf + 44, want, sizeof(want)) == 0);
    for (size_t i = 44 + 12; i < n; i++)
        CHECK(buf[i] == 0);
    unlink(path);

    /* A folder that does not exist: one sentence naming the file. */
    CHECK(wav_create("/nonexistent-hotrun/x.wav", 44100, 2, &err) == NULL);
    CHECK(strstr(err.text, "cannot write /nonexistent-hotrun/x.wav") != NULL);
    CHECK(wav_create(path, 0, 2, &err) == NULL);
    CHECK(wav_close(NULL, NULL) == 0);
    return 0;
}
