/* loader.c: opens each generation of the game library under its own name, checks its
 * descriptor, and really closes the old one. Depends on libc and libdl only: the probe
 * links it too. */
#include "dev/loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fs.h"

struct Loader {
    char dir[PATH_MAX]; /* <parent>/<pid>, ours alone */
    unsigned gen;       /* of the last open attempted */
};

/* ---------------------------------------------------------------------------------------
 * The private directory.
 * ------------------------------------------------------------------------------------- */

/* Makes `path` a directory only we can use, or checks that it already is one: copies of
 * code we are about to run must not be writable (or replaceable) by anyone else. */
static int private_dir(const char *path, char *err, size_t errlen)
{
    bool made = mkdir(path, 0700) == 0;
    if (!made && errno != EEXIST) {
        snprintf(err, errlen, "cannot create the directory %s: %s", path, strerror(errno));
        return -1;
    }
    if (made && chmod(path, 0700) < 0) { /* whatever the umask was */
        snprintf(err, errlen, "cannot set the mode of %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (lstat(path, &st) < 0) {
        snprintf(err, errlen, "cannot use the directory %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a directory; refusing to keep libraries there",
                 path);
        return -1;
    }
    if (st.st_uid != geteuid()) {
        snprintf(err, errlen, "%s belongs to another user; refusing to keep libraries there",
                 path);
        return -1;
    }
    if ((st.st_mode & 07777) != 0700) {
        snprintf(err, errlen,
                 "%s has mode %04o, not 0700; refusing to keep libraries there (remove it)",
                 path, (unsigned)(st.st_mode & 07777));
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* The start time of process pid in clock ticks since boot (field 22 of its stat file), so
 * a directory left by a dead hotrun is told apart from a new process that got its pid. */
static unsigned long long start_time(long pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    /* The command name may contain spaces and parentheses: count from the last ')'. */
    char *p = strrchr(buf, ')');
    if (!p)
        return 0;
    p++;
    for (int field = 3; field < 22 && p; field++)
        p = strchr(p + 1, ' ');
    return p ? strtoull(p + 1, NULL, 10) : 0;
}

static bool stale(const char *parent, long pid)
{
    if (pid == (long)getpid())
        return true; /* a leftover of an earlier process with our pid */
    if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
        return true;
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%ld/owner", parent, pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return false; /* maybe being created right now */
    unsigned long long recorded = 0;
    int ok = fscanf(f, "%*d %llu", &recorded);
    fclose(f);
    unsigned long long now = start_time(pid);
    return ok == 1 && now != 0 && recorded != now;
}

static void remove_stale(const char *parent)
{
    DIR *d = opendir(parent);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
            continue;
        long pid = strtol(s, NULL, 10);
        if (pid <= 0 || !stale(parent, pid))
            continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof(path), "%s/%s", parent, s) < (int)sizeof(path))
            remove_tree(path);
    }
    closedir(d);
}

/* $XDG_RUNTIME_DIR/hotrun when the runtime directory is ours, else /tmp/hotrun-<uid>. */
static int choose_parent(char *parent, size_t size, char *err, size_t errlen)
{
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    if (xdg && xdg[0] == '/' && stat(xdg, &st) == 0 && S_ISDIR(st.st_mode) &&
        st.st_uid == geteuid() && access(xdg, W_OK | X_OK) == 0 &&
        (size_t)snprintf(parent, size, "%s/hotrun", xdg) < size &&
        private_dir(parent, err, errlen) == 0)
        return 0;
    snprintf(parent, size, "/tmp/hotrun-%lu", (unsigned long)geteuid());
    return private_dir(parent, err, errlen);
}

Loader *loader_create(char *err, size_t errlen)
{
    char parent[PATH_MAX - 32];
    if (choose_parent(parent, sizeof(parent), err, errlen) < 0)
        return NULL;
    remove_stale(parent);

    Loader *l = calloc(1, sizeof(*l));
    if (!l) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    long pid = (long)getpid();
    snprintf(l->dir, sizeof(l->dir), "%s/%ld", parent, pid);
    remove_tree(l->dir);
    if (private_dir(l->dir, err, errlen) < 0) {
        free(l);
        return NULL;
    }
    char owner[PATH_MAX];
    snprintf(owner, sizeof(owner), "%s/owner", l->dir);
    FILE *f = fopen(owner, "we");
    if (!f || fprintf(f, "%ld %llu\n", pid, start_time(pid)) < 0 || fclose(f) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", owner, strerror(errno));
        remove_tree(l->dir);
        free(l);
        return NULL;
    }
    return l;
}

void loader_destroy(Loader *l)
{
    if (!l)
        return;
    remove_tree(l->dir);
    free(l);
}

const char *loader_dir(const Loader *l)
{
    return l->dir;
}

/* ---------------------------------------------------------------------------------------
 * Opening and closing generations.
 * ------------------------------------------------------------------------------------- */

/* Copies src to the new file dst (mode 0700). The source must start like an ELF file. */
static int copy_library(const char *src, const char *dst, char *err, size_t errlen)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        snprintf(err, errlen, "cannot read %s: %s", src, strerror(errno));
        return -1;
    }
    unsigned char magic[4] = {0};
    ssize_t got = pread(in, magic, sizeof(magic), 0);
    if (got < 0) {
        snprintf(err, errlen, "cannot read %s: %s", src, strerror(errno));
        close(in);
        return -1;
    }
    if (got < 4 || memcmp(magic, "\177ELF", 4) != 0) {
        snprintf(err, errlen, "%s is not a valid shared library (it is not an ELF file)",
                 src);
        close(in);
        return -1;
    }
    unlink(dst);
    int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
    if (out < 0) {
        snprintf(err, errlen, "cannot create %s: %s", dst, strerror(errno));
        close(in);
        return -1;
    }
    int rc = 0;
    if (fs_copy_fd(in, out) < 0) {
        snprintf(err, errlen, "cannot copy %s to %s: %s", src, dst, strerror(errno));
        rc = -1;
    }
    close(in);
    if (close(out) < 0 && rc == 0) {
        snprintf(err, errlen, "cannot copy %s to %s: %s", src, dst, strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        unlink(dst);
    return rc;
}

void loader_dlerror_sentence(const char *shown, const char *opened, const char *dlerr,
                             char *err, size_t errlen)
{
    if (!dlerr)
        dlerr = "unknown error";
    /* dlerror says "<path>: <what>"; the user knows the library by its built name. */
    const char *what = dlerr;
    size_t n = strlen(opened);
    if (strncmp(dlerr, opened, n) == 0 && dlerr[n] == ':')
        what = dlerr + n + 1 + (dlerr[n + 1] == ' ');

    const char *undef = strstr(what, "undefined symbol: ");
    if (undef) {
        const char *sym = undef + strlen("undefined symbol: ");
        int len = (int)strcspn(sym, ", ");
        snprintf(err, errlen, "the game library has an unresolved symbol: %.*s (%s)", len,
                 sym, what);
        return;
    }
    static const char *const not_library[] = {
        "invalid ELF header", "file too short", "wrong ELF class", "ELF load command",
        "cannot dynamically load", "only ET_DYN and ET_EXEC", "ELF file", "not an ELF"};
    for (size_t i = 0; i < sizeof(not_library) / sizeof(not_library[0]); i++) {
        if (strstr(what, not_library[i])) {
            snprintf(err, errlen, "%s is not a valid shared library (%s)", shown, what);
            return;
        }
    }
    if (what == dlerr && strstr(dlerr, "cannot open shared object file")) {
        /* Not our file: a library it depends on. */
        int len = (int)strcspn(dlerr, ":");
        snprintf(err, errlen, "the game library needs %.*s, which cannot be loaded (%s)",
                 len, dlerr, dlerr);
        return;
    }
    if (strstr(what, "failed to map segment")) {
        snprintf(err, errlen,
                 "cannot map %s (%s): is the directory on a filesystem mounted noexec?",
                 shown, what);
        return;
    }
    snprintf(err, errlen, "cannot load %s: %s", shown, what);
}

int loader_check_descriptor(const HotGame *g, char *err, size_t errlen)
{
    if (!g) {
        snprintf(err, errlen, "the game's hot_game descriptor is NULL");
        return -1;
    }
    /* ABI first: with another hot.h nothing after it can be trusted. */
    if (g->abi != HOT_ABI_VERSION) {
        snprintf(err, errlen,
                 "the game was compiled against another hot.h (ABI %u, hotrun has %u): "
                 "rebuild hotrun or the game",
                 (unsigned)g->abi, (unsigned)HOT_ABI_VERSION);
        return -1;
    }
    if (g->api_size != sizeof(HotApi) || g->game_size != sizeof(HotGame)) {
        snprintf(err, errlen,
                 "the game was compiled against another hot.h (HotApi %u and HotGame %u "
                 "bytes, hotrun has %zu and %zu): rebuild hotrun or the game",
                 (unsigned)g->api_size, (unsigned)g->game_size, sizeof(HotApi),
                 sizeof(HotGame));
        return -1;
    }
    if (!g->state) {
        snprintf(err, errlen,
                 "the game's descriptor has no state schema: HOT_GAME(State, ...) needs a "
                 "type declared with HOT_STATE");
        return -1;
    }
    if (g->state->type != HOT_STRUCT || !g->state->fields) {
        snprintf(err, errlen,
                 "the game's state is not a HOT_STATE struct: declare it with HOT_STATE "
                 "and name it in HOT_GAME");
        return -1;
    }
    if (!g->update) {
        snprintf(err, errlen,
                 "the game's descriptor has no update function: add .update = ... to "
                 "HOT_GAME");
        return -1;
    }
    return 0;
}

int loader_game_of(void *handle, const char *shown, const HotGame **out, char *err,
                   size_t errlen)
{
    const HotGame *g = dlsym(handle, HOT_GAME_SYMBOL);
    if (!g) {
        snprintf(err, errlen, "%s has no %s descriptor: did you forget HOT_GAME(...)?", shown,
                 HOT_GAME_SYMBOL);
        return -1;
    }
    if (loader_check_descriptor(g, err, errlen) < 0)
        return -1;
    *out = g;
    return 0;
}

int loader_check_library(const char *path, char *err, size_t errlen)
{
    dlerror();
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        loader_dlerror_sentence(path, path, dlerror(), err, errlen);
        return -1;
    }
    const HotGame *g;
    int rc = loader_game_of(handle, path, &g, err, errlen);
    dlclose(handle);
    return rc;
}

/* The generation's file: a hard link to built when that may be (adopt: built is never
 * written in place, only replaced by a rename) and it is on our file system, which saves
 * the copy (0.7 ms for a 1 MB library); else a copy. */
static int place(const char *built, const char *path, bool adopt, bool *linked, char *err,
                 size_t errlen)
{
    unlink(path);
    *linked = adopt && link(built, path) == 0;
    return *linked ? 0 : copy_library(built, path, err, errlen);
}

static int open_generation(Loader *l, const char *built, bool adopt, GameLib *out, char *err,
                           size_t errlen)
{
    unsigned gen = ++l->gen;
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof(path), "%s/gen-%u.so", l->dir, gen) >= sizeof(path)) {
        snprintf(err, errlen, "the library directory %s has too long a name", l->dir);
        return -1;
    }
    bool linked;
    if (place(built, path, adopt, &linked, err, errlen) < 0)
        return -1;

    dlerror();
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        loader_dlerror_sentence(built, path, dlerror(), err, errlen);
        unlink(path);
        return -1;
    }
    /* The loader recognises files by device and inode: if an old generation was never
     * really unloaded and its inode number came back, dlopen returns that old library.
     * A link shares the inode of built, which may have been opened (and kept, -z nodelete)
     * under its own name: a copy is a file the loader has never seen, under a name it has
     * not seen either (it now knows the link's name as one of the old library's). */
    struct link_map *map = NULL;
    if (linked && (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map ||
                   strcmp(map->l_name, path) != 0)) {
        dlclose(handle);
        unlink(path);
        if ((size_t)snprintf(path, sizeof(path), "%s/gen-%u-copy.so", l->dir, gen) >=
                sizeof(path) ||
            copy_library(built, path, err, errlen) < 0)
            return -1;
        dlerror();
        handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            loader_dlerror_sentence(built, path, dlerror(), err, errlen);
            unlink(path);
            return -1;
        }
    }
    map = NULL;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map || strcmp(map->l_name, path) != 0) {
        snprintf(err, errlen,
                 "the dynamic loader returned an older library instead of %s (an earlier "
                 "generation could not be unloaded)",
                 built);
        goto fail;
    }
    const HotGame *g;
    if (loader_game_of(handle, built, &g, err, errlen) < 0)
        goto fail;

    out->handle = handle;
    out->game = g;
    out->gen = gen;
    snprintf(out->path, sizeof(out->path), "%s", path);
    return 0;

fail:
    dlclose(handle);
    unlink(path);
    return -1;
}

int loader_open(Loader *l, const char *built, GameLib *out, char *err, size_t errlen)
{
    return open_generation(l, built, false, out, err, errlen);
}

int loader_adopt(Loader *l, const char *built, GameLib *out, char *err, size_t errlen)
{
    return open_generation(l, built, true, out, err, errlen);
}

void loader_close(Loader *l, GameLib *lib)
{
    (void)l;
    if (!lib)
        return;
    if (lib->handle)
        dlclose(lib->handle);
    if (lib->path[0])
        unlink(lib->path);
    memset(lib, 0, sizeof(*lib));
}
