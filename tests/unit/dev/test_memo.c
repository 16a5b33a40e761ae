/* test_memo.c: the stamps a builder keeps in memory: read once from their files, then
 * trusted from memory, forgotten when removed, and never brought back by a read that raced
 * with the removal. */
#include <stdio.h>
#include <unistd.h>

#include "dev/memo.h"
#include "testlib.h"

static char *dir;

/* dir/name, in one of 8 rotating buffers. */
static char *in_dir(const char *name)
{
    static char buf[8][1024];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
    return buf[k];
}

/* A stamp at name listing src as it is now. */
static void stamp(const char *name, uint64_t hash, const char *src)
{
    Inputs in = {0};
    int64_t mtime, size;
    CHECK(stat_file(src, &mtime, &size));
    inputs_add(&in, src, mtime, size, true);
    CHECK_EQ_INT(stamp_write(in_dir(name), hash, &in), 0);
    inputs_free(&in);
}

static void test_read_once_then_memory(void)
{
    Memo m;
    memo_init(&m);
    char src[1024];
    snprintf(src, sizeof(src), "%s", in_dir("a.c"));
    test_write_file(src, "int a;\n");
    CHECK(!memo_current(&m, in_dir("a.stamp"), 7, NULL)); /* no stamp yet */
    stamp("a.stamp", 7, src);
    CHECK(memo_current(&m, in_dir("a.stamp"), 7, NULL));  /* read from the file */
    CHECK(!memo_current(&m, in_dir("a.stamp"), 8, NULL)); /* another command */
    /* From memory now: the file is not read again. */
    CHECK(unlink(in_dir("a.stamp")) == 0);
    CHECK(memo_current(&m, in_dir("a.stamp"), 7, NULL));
    /* Its input changes: stale, by a stat. */
    test_write_file(src, "int a = 1;\n");
    CHECK(!memo_current(&m, in_dir("a.stamp"), 7, NULL));
    /* Removed: stale, and a file of that name is not read back in until written. */
    stamp("a.stamp", 7, src);
    memo_removed(&m, in_dir("a.stamp"));
    CHECK(!memo_current(&m, in_dir("a.stamp"), 7, NULL));
    Inputs in = {0};
    int64_t mtime, size;
    CHECK(stat_file(src, &mtime, &size));
    inputs_add(&in, src, mtime, size, true);
    memo_written(&m, in_dir("a.stamp"), 7, &in);
    CHECK(memo_current(&m, in_dir("a.stamp"), 7, NULL));
    /* An input recorded invalid (saved in the compile's clock tick) is never current. */
    in.v[0].valid = false;
    memo_written(&m, in_dir("a.stamp"), 7, &in);
    CHECK(!memo_current(&m, in_dir("a.stamp"), 7, NULL));
    inputs_free(&in);
    memo_free(&m);
}

static void test_many(void)
{
    Memo m;
    memo_init(&m);
    char src[1024];
    snprintf(src, sizeof(src), "%s", in_dir("b.c"));
    test_write_file(src, "int b;\n");
    Inputs in = {0};
    int64_t mtime, size;
    CHECK(stat_file(src, &mtime, &size));
    inputs_add(&in, src, mtime, size, true);
    char name[64];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof(name), "gen/f%04d.stamp", i);
        memo_written(&m, in_dir(name), (uint64_t)i, &in);
    }
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof(name), "gen/f%04d.stamp", i);
        CHECK(memo_current(&m, in_dir(name), (uint64_t)i, NULL));
        CHECK(!memo_current(&m, in_dir(name), (uint64_t)i + 1, NULL));
    }
    inputs_free(&in);
    memo_free(&m);
}

/* The plan reads on a pool thread while the loop's thread writes and removes. */
typedef struct Race {
    Memo *m;
    int rounds;
} Race;

static void reader(void *arg)
{
    Race *r = arg;
    StatCache cache = {0};
    for (int i = 0; i < r->rounds; i++)
        (void)memo_current(r->m, in_dir("r.stamp"), 1, (i & 1) ? &cache : NULL);
    stat_cache_free(&cache);
}

static void test_threads(void)
{
    Memo m;
    memo_init(&m);
    char src[1024];
    snprintf(src, sizeof(src), "%s", in_dir("r.c"));
    test_write_file(src, "int r;\n");
    stamp("r.stamp", 1, src);
    Inputs in = {0};
    int64_t mtime, size;
    CHECK(stat_file(src, &mtime, &size));
    inputs_add(&in, src, mtime, size, true);
    Race r = {&m, 20000};
    uv_thread_t t;
    CHECK(uv_thread_create(&t, reader, &r) == 0);
    for (int i = 0; i < 20000; i++) {
        if (i % 3 == 0)
            memo_removed(&m, in_dir("r.stamp"));
        else
            memo_written(&m, in_dir("r.stamp"), 1, &in);
    }
    CHECK(uv_thread_join(&t) == 0);
    memo_removed(&m, in_dir("r.stamp"));
    CHECK(!memo_current(&m, in_dir("r.stamp"), 1, NULL)); /* the file is there: not read */
    inputs_free(&in);
    memo_free(&m);
}

int main(void)
{
    dir = test_tmpdir();
    RUN(test_read_once_then_memory);
    RUN(test_many);
    RUN(test_threads);
    test_rmtree(dir);
    free(dir);
    return 0;
}
