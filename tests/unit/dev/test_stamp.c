/* test_stamp.c: stamps written and read back, cut-short stamps refused, changed inputs seen,
 * the stat cache, and the coarse-clock rule for inputs saved during a compile. */
#include <sys/stat.h>
#include <unistd.h>

#include "dev/stamp.h"
#include "util/error.h"
#include "testlib.h"

int main(void)
{
    char *dir = test_tmpdir();
    char src[600], hdr[600], stamp[600];
    snprintf(src, sizeof(src), "%s/a.c", dir);
    snprintf(hdr, sizeof(hdr), "%s/a.h", dir);
    snprintf(stamp, sizeof(stamp), "%s/a.c.stamp", dir);
    test_write_file(src, "int a;\n");
    test_write_file(hdr, "extern int a;\n");

    Inputs in = {0};
    int64_t mtime, size;
    CHECK(stat_file(src, &mtime, &size));
    CHECK_EQ_INT(size, 7);
    inputs_add(&in, src, mtime, size, true);
    CHECK(stat_file(hdr, &mtime, &size));
    inputs_add(&in, hdr, mtime, size, true);
    CHECK(inputs_find(&in, hdr) == &in.v[1]);
    CHECK(inputs_find(&in, "/nowhere") == NULL);
    CHECK_EQ_INT(stamp_write(stamp, 0x1234, &in), 0);
    inputs_free(&in);

    /* Read back: the same hash and inputs; current while nothing changes. */
    uint64_t h = 0;
    CHECK_EQ_INT(stamp_read(stamp, &h, &in), 0);
    CHECK(h == 0x1234);
    CHECK_EQ_INT(in.n, 2);
    CHECK_EQ_STR(in.v[1].path, hdr);
    inputs_free(&in);
    StatCache cache = {0};
    CHECK(stamp_current(stamp, 0x1234, &in, &cache));
    inputs_free(&in);
    CHECK(!stamp_current(stamp, 0x9999, &in, NULL)); /* another command */
    inputs_free(&in);

    /* A header of another size: stale (a fresh cache, as a new build has). */
    test_write_file(hdr, "extern int a, b;\n");
    stat_cache_free(&cache);
    CHECK(!stamp_current(stamp, 0x1234, &in, &cache));
    inputs_free(&in);
    stat_cache_free(&cache);

    /* A stamp cut short (no "end") is no stamp; a missing one neither. */
    test_write_file(stamp, "hotrun-stamp 1 0000000000001234\n1 7 1 /x.c\n");
    CHECK_EQ_INT(stamp_read(stamp, &h, &in), ERR_CORRUPT);
    CHECK_EQ_INT(in.n, 0);
    unlink(stamp);
    CHECK_EQ_INT(stamp_read(stamp, &h, &in), ERR_NOTFOUND);
    /* A stamp in a directory that does not exist cannot be written. */
    snprintf(stamp, sizeof(stamp), "%s/no/such/dir/x.stamp", dir);
    CHECK_EQ_INT(stamp_write(stamp, 1, &in), ERR_IO);

    /* The stat cache grows past its first size and still answers. */
    for (int i = 0; i < 600; i++) {
        char p[700];
        snprintf(p, sizeof(p), "%s/missing-%d", dir, i);
        CHECK(!stat_cached(&cache, p, &mtime, &size));
    }
    CHECK(stat_cached(&cache, src, &mtime, &size));
    CHECK_EQ_INT(cache.n, 601);
    stat_cache_free(&cache);

    /* An mtime before the compile's start is trusted; one equal to it (a save in the
     * coarse clock's current tick: the last write of a file written in pieces) only where
     * the filesystem has multigrain timestamps, and there a change after our stat always
     * gets another mtime, even within one tick: checked on this machine's filesystem. */
    int64_t now = stamp_coarse_now();
    CHECK(stamp_mtime_trusted(src, now - 1000000000, now));
    CHECK(stamp_mtime_trusted(src, now, now) == stamp_multigrain(src));
    CHECK(!stamp_multigrain("/proc/self/status")); /* proc: no multigrain, never trusted */
    CHECK(!stamp_mtime_trusted("/proc/self/status", now, now));
    if (stamp_multigrain(src)) {
        FILE *f = fopen(src, "w");
        CHECK(f != NULL);
        for (int i = 0; f && i < 200; i++) {
            int64_t m1, m2, s1, s2;
            fputc('a', f);
            fflush(f);
            CHECK(stat_file(src, &m1, &s1));
            rewind(f);
            fputc('b', f); /* the same size, at once: the same coarse tick */
            fflush(f);
            CHECK(stat_file(src, &m2, &s2));
            CHECK(m2 != m1);
            CHECK_EQ_INT(s1, s2);
        }
        if (f)
            fclose(f);
    }

    test_rmtree(dir);
    free(dir);
    return 0;
}
