/* api_files.c: the services for files: data files of the asset folder (a kind of the
 * asset registry: the bytes, NUL-terminated) and the game's save folder. */
#include "core/api.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/savedir.h"

static Assets *bound_assets;
static char save_name[64] = "game";
static char save_folder[PATH_MAX]; /* "" until first asked for */

typedef struct DataFile {
    size_t len;
    char text[]; /* len bytes and a NUL */
} DataFile;

static void *load_data_kind(void *ud, const void *bytes, size_t len, void *old,
                            AssetTimes *t, Err *err)
{
    (void)ud;
    (void)old;
    (void)t;
    DataFile *d = malloc(sizeof(*d) + len + 1);
    if (!d) {
        err_set(err, ERR_NOMEM, "out of memory for %zu bytes", len);
        return NULL;
    }
    d->len = len;
    memcpy(d->text, bytes, len);
    d->text[len] = '\0';
    return d;
}

static void unload_data_kind(void *ud, void *obj)
{
    (void)ud;
    free(obj);
}

void api_files_bind(Assets *a, const char *game_name)
{
    bound_assets = a;
    if (strcmp(save_name, game_name && game_name[0] ? game_name : "game") != 0)
        save_folder[0] = '\0';
    snprintf(save_name, sizeof(save_name), "%s", game_name && game_name[0] ? game_name : "game");
    if (a) {
        AssetKindOps data = {.noun = "data file", .load = load_data_kind,
                             .unload = unload_data_kind};
        assets_set_kind(a, ASSET_DATA, &data);
    }
}

static HotData api_load_data(const char *path)
{
    return (HotData){assets_load(bound_assets, ASSET_DATA, path)};
}

static const char *api_data_text(HotData d, size_t *len)
{
    const DataFile *f = assets_get(bound_assets, ASSET_DATA, d.id);
    if (len)
        *len = f ? f->len : 0;
    return f ? f->text : "";
}

static uint32_t api_data_version(HotData d)
{
    return assets_version(bound_assets, ASSET_DATA, d.id);
}

static const char *api_save_dir(void)
{
    if (!save_folder[0]) {
        Err err = {{0}};
        if (savedir_path(save_name, save_folder, sizeof(save_folder), &err) < 0) {
            fprintf(stderr, "hotrun: %s\n", err_text(&err, ERR_IO));
            save_folder[0] = '\0';
        }
    }
    return save_folder;
}

/* A plain file name: no folder part, not "." or "..", not hidden by accident. */
static bool plain_name(const char *name)
{
    return name && name[0] && name[0] != '.' && !strchr(name, '/') && strlen(name) < 200;
}

static bool save_file_path(const char *name, char *out, size_t size)
{
    if (!plain_name(name)) {
        fprintf(stderr, "hotrun: save file name '%s' must be a plain file name\n",
                name ? name : "(null)");
        return false;
    }
    const char *dir = api_save_dir();
    if (!dir[0])
        return false;
    snprintf(out, size, "%s%s", dir, name);
    return true;
}

static bool api_save_write(const char *name, const void *data, size_t len)
{
    char path[PATH_MAX + 256], tmp[PATH_MAX + 300];
    if (!save_file_path(name, path, sizeof(path)) || (!data && len))
        return false;
    /* Through a temporary file: a crash mid-write never leaves half a save. */
    snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "hotrun: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    return ok;
}

static long api_save_read(const char *name, void *buf, size_t size)
{
    char path[PATH_MAX + 256];
    if (!save_file_path(name, path, sizeof(path)))
        return -1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    long total = 0;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (buf && (size_t)total < size) {
            size_t n = size - (size_t)total < got ? size - (size_t)total : got;
            memcpy((char *)buf + total, chunk, n);
        }
        total += (long)got;
    }
    fclose(f);
    return total;
}

void api_files_fill(HotApi *t)
{
    t->load_data = api_load_data;
    t->data_text = api_data_text;
    t->data_version = api_data_version;
    t->save_write = api_save_write;
    t->save_read = api_save_read;
    t->save_dir = api_save_dir;
}
