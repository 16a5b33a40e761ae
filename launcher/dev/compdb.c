/* compdb.c: writes compile_commands.json from the compile commands of a build. */
#include "dev/compdb.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/json.h"
#include "util/strings.h"

/* The file's whole content, or NULL (none, unreadable). */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    char chunk[8192];
    size_t n;
    while (mem && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(f);
    if (!mem)
        return NULL;
    fclose(mem);
    *len = size;
    return buf;
}

int compdb_write(const char *path, const char *directory, const CompdbEntry *entries,
                 int count, Err *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return err_set(err, ERR_NOMEM, "cannot write %s: out of memory", path);
    fputs("[", o);
    for (int i = 0; i < count; i++) {
        fputs(i ? ",\n  {\"directory\": " : "\n  {\"directory\": ", o);
        json_write_string(o, directory, strlen(directory));
        fputs(",\n   \"file\": ", o);
        json_write_string(o, entries[i].file, strlen(entries[i].file));
        fputs(",\n   \"arguments\": [", o);
        for (int k = 0; entries[i].argv[k]; k++) {
            fputs(k ? ", " : "", o);
            json_write_string(o, entries[i].argv[k], strlen(entries[i].argv[k]));
        }
        fputs("]}", o);
    }
    fputs("\n]\n", o);
    if (fclose(o) != 0) {
        free(text);
        return err_set(err, ERR_NOMEM, "cannot write %s: out of memory", path);
    }

    size_t old_len = 0;
    char *old = read_all(path, &old_len);
    bool same = old && old_len == len && memcmp(old, text, len) == 0;
    free(old);
    if (same) {
        free(text);
        return 0;
    }
    int rc = 1;
    char *tmp = str_fmt("%s.tmp-%d", path, (int)getpid());
    FILE *f = fs_mkdirs_parent(path) == 0 ? fopen(tmp, "wb") : NULL;
    bool ok = f && fwrite(text, 1, len, f) == len;
    ok = (f && fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) < 0) {
        rc = err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(text);
    return rc;
}
