/* config_file.c: reads the per-game config file (DIR/hotrun.ini) with libinih, key by key, into
 * the same Options the command line fills, so a key means what its option means. */
#include "cli/config_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "util/error.h"

typedef struct Reader {
    const char *file;
    char dir[4096]; /* the file's folder, for relative paths */
    Options *o;
    ConfigStore *store;
    FILE *f;
    int line;         /* the line inih handles now (it reads through next_line) */
    bool mid_line;
    char error[1024]; /* the first bad entry's sentence */
    int error_line;
} Reader;

/* inih's fgets, counting lines, so that an entry's sentence can name its line. */
static char *next_line(char *str, int num, void *stream)
{
    Reader *r = stream;
    char *s = fgets(str, num, r->f);
    if (s && !r->mid_line)
        r->line++;
    r->mid_line = s && !strchr(s, '\n'); /* a long line comes in pieces */
    return s;
}

static const char *keep(ConfigStore *s, const char *text)
{
    s->strings = xrealloc(s->strings, (size_t)(s->count + 1) * sizeof(*s->strings));
    s->strings[s->count] = xstrdup(text);
    return s->strings[s->count++];
}

/* One `key = value` line. */
static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    Reader *r = user;
    char why[768];
    if (r->error[0])
        return 0;
    if (section[0]) {
        snprintf(why, sizeof(why), "sections are not used: write key = value lines ([%s])",
                 section);
        goto bad;
    }
    int kind = cli_config_key(key);
    if (kind < 0) {
        /* cli_config_set words the sentence for an unknown key. */
        cli_config_set(r->o, key, value, why, sizeof(why));
        goto bad;
    }
    if (strcmp(key, "pkg") == 0) {
        /* pkg = cjson chipmunk: several names on one line. */
        char *names = xstrdup(value), *save = NULL;
        int rc = 0;
        for (char *n = strtok_r(names, " \t,", &save); n && rc == 0;
             n = strtok_r(NULL, " \t,", &save))
            rc = cli_config_set(r->o, key, keep(r->store, n), why, sizeof(why));
        free(names);
        if (rc < 0)
            goto bad;
        return 1;
    }
    const char *v = value;
    if (kind == 1 && value[0] && value[0] != '/') {
        char *abs = xmalloc(strlen(r->dir) + strlen(value) + 2);
        sprintf(abs, "%s/%s", r->dir, value);
        v = keep(r->store, abs);
        free(abs);
    } else {
        v = keep(r->store, value);
    }
    if (cli_config_set(r->o, key, v, why, sizeof(why)) < 0)
        goto bad;
    return 1;
bad:
    snprintf(r->error, sizeof(r->error), "%s", why);
    r->error_line = r->line;
    return 0;
}

int config_read(const char *file, Options *o, ConfigStore *store, char *err, size_t errlen)
{
    Reader r = {.file = file, .o = o, .store = store};
    snprintf(r.dir, sizeof(r.dir), "%s", file);
    char *slash = strrchr(r.dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(r.dir, sizeof(r.dir), ".");
    snprintf(store->path, sizeof(store->path), "%s", file);
    FILE *f = fopen(file, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read the config file %s: %s", file, strerror(errno));
        return -1;
    }
    r.f = f;
    int line = ini_parse_stream(next_line, &r, on_entry, &r);
    fclose(f);
    /* inih returns the first bad line: an entry we refused, or one it could not read. */
    if (r.error[0] && (line <= 0 || line >= r.error_line)) {
        snprintf(err, errlen, "%s:%d: %s", file, r.error_line, r.error);
        return -1;
    }
    if (line > 0) {
        snprintf(err, errlen, "%s:%d: not a key = value line", file, line);
        return -1;
    }
    if (line < 0) {
        snprintf(err, errlen, "cannot read the config file %s: out of memory", file);
        return -1;
    }
    return 0;
}

int config_options(int argc, char **argv, Options *o, ConfigStore *store, char *err,
                   size_t errlen)
{
    memset(store, 0, sizeof(*store));
    if (o->no_config || o->mode == CLI_DUMP || o->mode == CLI_NEW || o->mode == CLI_HELP ||
        o->mode == CLI_VERSION)
        return 0; /* the modes that build and run a game read it */
    char file[4096];
    if (o->config) {
        snprintf(file, sizeof(file), "%s", o->config);
    } else {
        snprintf(file, sizeof(file), "%s/hotrun.ini", o->dir);
        if (access(file, F_OK) < 0)
            return 0; /* a game needs no config file */
    }
    Options layered;
    cli_defaults(&layered);
    if (config_read(file, &layered, store, err, errlen) < 0)
        return -1;
    /* The command line parsed again onto the config's values: it wins, and --pkg adds to
     * the config's libraries. */
    if (cli_parse_onto(argc, argv, &layered, false, err, errlen) < 0)
        return -1;
    *o = layered;
    return 0;
}

void config_free(ConfigStore *store)
{
    for (int i = 0; i < store->count; i++)
        free(store->strings[i]);
    free(store->strings);
    memset(store, 0, sizeof(*store));
}
