/* verify.c: hotrun verify REC DIR: proof that a recording plays the same everywhere. The
 * recording is replayed through the develop library twice (a game that reads the clock,
 * time() or uninitialised memory parts from itself) and through the --static build; the
 * image after every frame (--trace) is compared, and the first difference is named by
 * frame and field: "player.pos.x at frame 318: 402.5 vs 402.25". */
#include <limits.h>
#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/modes.h"
#include "core/record.h"
#include "dev/spawn.h"
#include "util/fs.h"

/* Runs hotrun (or the static game) with argv; says why on failure. */
static int run(const char *what, const char *const *argv)
{
    SpawnOptions so = {.argv = argv, .timeout_s = 600};
    SpawnResult r;
    char err[512];
    if (spawn_run(&so, &r, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: verify: cannot run %s: %s\n", what, err);
        return -1;
    }
    int rc = r.exit_status == 0 ? 0 : -1;
    if (rc < 0)
        fprintf(stderr, "hotrun: verify: %s failed (exit %d):\n%s", what, r.exit_status,
                r.output ? r.output : "");
    free((char *)r.output);
    return rc;
}

static void describe(const msgpack_object *o, char *buf, size_t size)
{
    switch (o->type) {
    case MSGPACK_OBJECT_BOOLEAN: snprintf(buf, size, "%s", o->via.boolean ? "true" : "false"); break;
    case MSGPACK_OBJECT_POSITIVE_INTEGER: snprintf(buf, size, "%llu", (unsigned long long)o->via.u64); break;
    case MSGPACK_OBJECT_NEGATIVE_INTEGER: snprintf(buf, size, "%lld", (long long)o->via.i64); break;
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64: snprintf(buf, size, "%.9g", o->via.f64); break;
    case MSGPACK_OBJECT_STR: snprintf(buf, size, "\"%.*s\"", (int)o->via.str.size, o->via.str.ptr); break;
    case MSGPACK_OBJECT_ARRAY: snprintf(buf, size, "%u items", o->via.array.size); break;
    case MSGPACK_OBJECT_MAP: snprintf(buf, size, "%u fields", o->via.map.size); break;
    default: snprintf(buf, size, "(a value of type %d)", (int)o->type); break;
    }
}

/* The first place where a and b differ: its dotted path and both values. */
static bool differ(const msgpack_object *a, const msgpack_object *b, char *path, size_t size,
                   char *va, char *vb, size_t vsize)
{
    size_t len = strlen(path);
    if (a->type == b->type && a->type == MSGPACK_OBJECT_MAP &&
        a->via.map.size == b->via.map.size) {
        for (uint32_t i = 0; i < a->via.map.size; i++) {
            const msgpack_object_kv *ka = &a->via.map.ptr[i], *kb = &b->via.map.ptr[i];
            if (ka->key.type == MSGPACK_OBJECT_STR)
                snprintf(path + len, size - len, "%s%.*s", len ? "." : "",
                         (int)ka->key.via.str.size, ka->key.via.str.ptr);
            if (!msgpack_object_equal(ka->key, kb->key)) {
                describe(&ka->key, va, vsize);
                describe(&kb->key, vb, vsize);
                return true;
            }
            if (differ(&ka->val, &kb->val, path, size, va, vb, vsize))
                return true;
            path[len] = '\0';
        }
        return false;
    }
    if (a->type == b->type && a->type == MSGPACK_OBJECT_ARRAY &&
        a->via.array.size == b->via.array.size) {
        for (uint32_t i = 0; i < a->via.array.size; i++) {
            snprintf(path + len, size - len, "[%u]", i);
            if (differ(&a->via.array.ptr[i], &b->via.array.ptr[i], path, size, va, vb, vsize))
                return true;
            path[len] = '\0';
        }
        return false;
    }
    if (msgpack_object_equal(*a, *b))
        return false;
    describe(a, va, vsize);
    describe(b, vb, vsize);
    return true;
}

/* Compares the traces of two runs frame by frame. 0 when equal, 1 after reporting the first
 * difference (into msg), -1 when a trace is missing a frame. */
static int compare(const char *dir_a, const char *dir_b, uint64_t first, uint64_t last,
                   char *msg, size_t size)
{
    for (uint64_t f = first; f <= last; f++) {
        char pa[PATH_MAX], pb[PATH_MAX];
        snprintf(pa, sizeof(pa), "%s/%llu.state", dir_a, (unsigned long long)f);
        snprintf(pb, sizeof(pb), "%s/%llu.state", dir_b, (unsigned long long)f);
        StateImage a = {0}, b = {0};
        if (state_image_load(pa, &a) < 0 || state_image_load(pb, &b) < 0) {
            snprintf(msg, size, "frame %llu is missing from a trace (%s or %s)",
                     (unsigned long long)f, pa, pb);
            state_image_free(&a);
            state_image_free(&b);
            return -1;
        }
        int rc = 0;
        if (a.size != b.size || memcmp(a.data, b.data, a.size) != 0) {
            msgpack_unpacked ua, ub;
            msgpack_unpacked_init(&ua);
            msgpack_unpacked_init(&ub);
            size_t oa = 0, ob = 0;
            char path[512] = "", va[128] = "?", vb[128] = "?";
            if (msgpack_unpack_next(&ua, (const char *)a.data, a.size, &oa) ==
                    MSGPACK_UNPACK_SUCCESS &&
                msgpack_unpack_next(&ub, (const char *)b.data, b.size, &ob) ==
                    MSGPACK_UNPACK_SUCCESS)
                differ(&ua.data, &ub.data, path, sizeof(path), va, vb, sizeof(va));
            msgpack_unpacked_destroy(&ua);
            msgpack_unpacked_destroy(&ub);
            /* Paths inside the game's state read as the game names them. */
            const char *shown = strncmp(path, "state.", 6) == 0 ? path + 6 : path;
            snprintf(msg, size, "%s at frame %llu: %s vs %s", shown[0] ? shown : "the image",
                     (unsigned long long)f, va, vb);
            rc = 1;
        }
        state_image_free(&a);
        state_image_free(&b);
        if (rc)
            return rc;
    }
    return 0;
}

int verify_main(const Options *opt)
{
    Recording rec;
    Err e = {0};
    if (record_load(&rec, opt->replay, &e) < 0) {
        fprintf(stderr, "hotrun: %s\n", err_text(&e, ERR_IO));
        return 1;
    }
    uint64_t first = rec.start.frame + 1, last = rec.start.frame + rec.count;
    size_t frames = rec.count;
    record_free(&rec);
    if (frames == 0) {
        fprintf(stderr, "hotrun: verify: %s has no frames to compare\n", opt->replay);
        return 1;
    }
    char tmp[] = "/tmp/hotrun-verify-XXXXXX";
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "hotrun: verify: cannot make a temporary directory\n");
        return 1;
    }
    char self[PATH_MAX] = "", dev1[PATH_MAX], dev2[PATH_MAX], stat[PATH_MAX], game[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[n > 0 ? n : 0] = '\0';
    snprintf(dev1, sizeof(dev1), "%s/develop-1", tmp);
    snprintf(dev2, sizeof(dev2), "%s/develop-2", tmp);
    snprintf(stat, sizeof(stat), "%s/static", tmp);
    snprintf(game, sizeof(game), "%s/game", tmp);
    fs_mkdirs(dev1);
    fs_mkdirs(dev2);
    fs_mkdirs(stat);
    /* The develop runs share the user's --cache (the build is reused); the static one too. */
    const char *r1[10], *r2[10], *build[10];
    int k = 0;
    const char *traces[2] = {dev1, dev2};
    const char **runs[2] = {r1, r2};
    for (int i = 0; i < 2; i++) {
        const char **a = runs[i];
        k = 0;
        a[k++] = self, a[k++] = "--replay", a[k++] = opt->replay, a[k++] = "--trace";
        a[k++] = traces[i];
        if (opt->cache)
            a[k++] = "--cache", a[k++] = opt->cache;
        a[k++] = opt->dir, a[k] = NULL;
    }
    k = 0;
    build[k++] = self, build[k++] = "--static", build[k++] = opt->dir, build[k++] = "-o";
    build[k++] = game;
    if (opt->cache)
        build[k++] = "--cache", build[k++] = opt->cache;
    build[k] = NULL;
    const char *rs[] = {game, "--headless", "--replay", opt->replay, "--trace", stat, NULL};
    int status = 1;
    char msg[1024];
    if (run("the develop replay", r1) < 0 || run("the second develop replay", r2) < 0)
        goto out;
    int rc = compare(dev1, dev2, first, last, msg, sizeof(msg));
    if (rc) {
        fprintf(stderr, "hotrun: verify: %s\n", msg);
        if (rc > 0)
            fprintf(stderr, "hotrun: verify: the game plays differently twice from the same "
                            "image and inputs: it reads something besides hot.h (the clock, "
                            "time(), rand(), uninitialised memory)\n");
        goto out;
    }
    if (run("the --static build", build) < 0 || run("the --static replay", rs) < 0)
        goto out;
    rc = compare(dev1, stat, first, last, msg, sizeof(msg));
    if (rc) {
        fprintf(stderr, "hotrun: verify: %s\n", msg);
        if (rc > 0)
            fprintf(stderr, "hotrun: verify: the --static build plays differently from the "
                            "develop library (first value: develop, second: --static)\n");
        goto out;
    }
    fprintf(stderr, "hotrun: verify: %zu frames: the develop library plays the same twice, "
                    "and the --static build plays the same\n", frames);
    status = 0;
out:;
    const char *rm[] = {"rm", "-rf", tmp, NULL};
    run("rm", rm);
    return status;
}
