/* test_assets.c: the asset registry with a kind of its own (the file's text, copied): ids
 * by path, placeholders for missing, broken and unsafe paths, reload in place on a
 * change, a failed reload keeping the old object, versions, host-made objects, the state
 * resolver, and the default asset folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/assets.h"
#include "testlib.h"

static int loads, unloads;
static char said[1024];

/* A text "asset": refuses files that start with "bad". */
static void *load_text(void *ud, const void *bytes, size_t len, void *old, AssetTimes *t,
                       Err *err)
{
    (void)ud;
    (void)old;
    t->decode = 0.5;
    if (len >= 3 && memcmp(bytes, "bad", 3) == 0) {
        err_set(err, ERR_INVALID, "not a good text");
        return NULL;
    }
    loads++;
    char *s = malloc(len + 1);
    memcpy(s, bytes, len);
    s[len] = '\0';
    return s;
}

static void unload_text(void *ud, void *obj)
{
    (void)ud;
    unloads++;
    free(obj);
}

static void report(void *ud, const char *line)
{
    (void)ud;
    snprintf(said, sizeof(said), "%s", line);
}

static Assets *make(const char *root)
{
    Assets *a = assets_create(root);
    AssetKindOps ops = {.noun = "text", .load = load_text, .unload = unload_text};
    assets_set_kind(a, ASSET_DATA, &ops);
    assets_set_report(a, report, NULL);
    return a;
}

/* Writes through a new file and a rename, as an editor's save does (a new inode). */
static void save(const char *dir, const char *name, const char *text)
{
    char tmp[1024], path[1024];
    snprintf(tmp, sizeof(tmp), "%s/.tmp", dir);
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    test_write_file(tmp, text);
    CHECK(rename(tmp, path) == 0);
}

static void test_load_and_ids(void)
{
    char *dir = test_tmpdir();
    save(dir, "a.txt", "hello");
    Assets *a = make(dir);
    uint32_t id = assets_load(a, ASSET_DATA, "a.txt");
    CHECK(id != 0);
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, id), "hello");
    CHECK_EQ_INT(assets_version(a, ASSET_DATA, id), 1);
    CHECK_EQ_STR(assets_path(a, ASSET_DATA, id), "a.txt");
    /* The same path, the same id, no second load; "./a.txt" is the same path. */
    CHECK_EQ_INT(assets_load(a, ASSET_DATA, "a.txt"), id);
    CHECK_EQ_INT(assets_load(a, ASSET_DATA, "./a.txt"), id);
    CHECK_EQ_INT(loads, 1);
    /* Ids are per kind; unknown ids and id 0 are none. */
    CHECK(assets_get(a, ASSET_TEXTURE, id) == NULL);
    CHECK(assets_get(a, ASSET_DATA, 0) == NULL);
    CHECK(assets_get(a, ASSET_DATA, 99) == NULL);
    CHECK(assets_path(a, ASSET_DATA, 99) == NULL);
    CHECK_EQ_INT(assets_load(a, ASSET_DATA, ""), 0);
    CHECK_EQ_INT(assets_load(a, ASSET_DATA, NULL), 0);
    assets_destroy(a);
    CHECK_EQ_INT(unloads, loads);
    test_rmtree(dir);
    free(dir);
}

static void test_missing_broken_unsafe(void)
{
    char *dir = test_tmpdir();
    Assets *a = make(dir);
    uint32_t missing = assets_load(a, ASSET_DATA, "nope.txt");
    CHECK(missing != 0);
    CHECK(assets_get(a, ASSET_DATA, missing) == NULL);
    CHECK_EQ_INT(assets_version(a, ASSET_DATA, missing), 0);
    CHECK(strstr(said, "text nope.txt: no such file") != NULL);

    save(dir, "b.txt", "bad bytes");
    uint32_t broken = assets_load(a, ASSET_DATA, "b.txt");
    CHECK(broken != 0 && broken != missing);
    CHECK(assets_get(a, ASSET_DATA, broken) == NULL);
    CHECK(strstr(said, "text b.txt: not a good text") != NULL);

    /* Outside the folder: refused with a sentence, never read. */
    const char *unsafe[] = {"../x.txt", "/etc/passwd", "a/../../x", "a//b"};
    for (size_t i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++) {
        said[0] = '\0';
        uint32_t id = assets_load(a, ASSET_DATA, unsafe[i]);
        CHECK(id != 0);
        CHECK(assets_get(a, ASSET_DATA, id) == NULL);
        CHECK(strstr(said, "not a path inside the asset folder") != NULL);
    }

    /* The missing file appears, the broken one is fixed: both load at the next look. */
    save(dir, "nope.txt", "here now");
    save(dir, "b.txt", "good bytes");
    CHECK_EQ_INT(assets_check(a), 2);
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, missing), "here now");
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, broken), "good bytes");
    CHECK_EQ_INT(assets_version(a, ASSET_DATA, missing), 1);
    assets_destroy(a);
    test_rmtree(dir);
    free(dir);
}

static void test_reload(void)
{
    char *dir = test_tmpdir();
    save(dir, "c.txt", "one");
    Assets *a = make(dir);
    uint32_t id = assets_load(a, ASSET_DATA, "c.txt");
    CHECK_EQ_INT(assets_check(a), 0); /* nothing changed */
    save(dir, "c.txt", "two");
    CHECK_EQ_INT(assets_check(a), 1);
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, id), "two");
    CHECK_EQ_INT(assets_version(a, ASSET_DATA, id), 2);
    CHECK(strstr(said, "text c.txt reloaded in") != NULL);

    /* A broken save keeps the old object and says so; the version stays. */
    save(dir, "c.txt", "bad three");
    CHECK_EQ_INT(assets_check(a), 0);
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, id), "two");
    CHECK_EQ_INT(assets_version(a, ASSET_DATA, id), 2);
    CHECK(strstr(said, "keeping the previous one") != NULL);

    /* A deleted file keeps its object too, and loads again when it comes back. */
    char path[1024];
    snprintf(path, sizeof(path), "%s/c.txt", dir);
    CHECK(unlink(path) == 0);
    CHECK_EQ_INT(assets_check(a), 0);
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, id), "two");
    save(dir, "c.txt", "four");
    CHECK_EQ_INT(assets_check(a), 1);
    CHECK_EQ_STR(assets_get(a, ASSET_DATA, id), "four");
    CHECK_EQ_INT(assets_version(a, ASSET_DATA, id), 3);
    assets_destroy(a);
    test_rmtree(dir);
    free(dir);
}

static void test_host_objects_and_resolver(void)
{
    char *dir = test_tmpdir();
    save(dir, "d.txt", "dee");
    Assets *a = make(dir);
    char *made = strdup("made by the host");
    uint32_t own = assets_add(a, ASSET_DATA, made);
    CHECK(own != 0);
    CHECK(assets_get(a, ASSET_DATA, own) == made);
    CHECK(assets_path(a, ASSET_DATA, own) == NULL); /* saved as none */
    CHECK_EQ_INT(assets_add(a, ASSET_DATA, NULL), 0);

    /* The state library's resolver: path of a handle, handle of a path (loading it). */
    uint32_t id = assets_resolve_id(a, HOT_DATA, "d.txt");
    CHECK(id != 0 && id != own);
    CHECK_EQ_STR(assets_resolve_path(a, HOT_DATA, id), "d.txt");
    CHECK_EQ_INT(assets_resolve_id(a, HOT_DATA, "d.txt"), id);
    CHECK(assets_resolve_path(a, HOT_I32, id) == NULL);
    CHECK_EQ_INT(assets_resolve_id(a, HOT_F32, "d.txt"), 0);
    AssetKind k;
    CHECK(assets_kind_of(HOT_TEXTURE, &k) && k == ASSET_TEXTURE);
    CHECK(assets_kind_of(HOT_MUSIC, &k) && k == ASSET_MUSIC);
    CHECK(!assets_kind_of(HOT_STRUCT, &k));
    assets_destroy(a);
    test_rmtree(dir);
    free(dir);
}

static void test_default_root(void)
{
    char *dir = test_tmpdir();
    char src[1024], out[4096], want[1200];
    snprintf(src, sizeof(src), "%s/game/src", dir);
    snprintf(want, sizeof(want), "%s/game", dir);
    CHECK(mkdir(want, 0755) == 0 && mkdir(src, 0755) == 0);
    /* Neither exists: inside the sources. */
    assets_default_root(src, out, sizeof(out));
    snprintf(want, sizeof(want), "%s/assets", src);
    CHECK_EQ_STR(out, want);
    /* Beside them: game/assets for game/src. */
    snprintf(want, sizeof(want), "%s/game/assets", dir);
    CHECK(mkdir(want, 0755) == 0);
    assets_default_root(src, out, sizeof(out));
    CHECK_EQ_STR(out, want);
    /* Inside wins over beside. */
    snprintf(want, sizeof(want), "%s/assets", src);
    CHECK(mkdir(want, 0755) == 0);
    assets_default_root(src, out, sizeof(out));
    CHECK_EQ_STR(out, want);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_load_and_ids);
    RUN(test_missing_broken_unsafe);
    RUN(test_reload);
    RUN(test_host_objects_and_resolver);
    RUN(test_default_root);
    return 0;
}
