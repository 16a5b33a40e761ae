/* test_loader.c: real libraries compiled by the real compiler, opened, refused and closed
 * by the loader and by the hotrun-probe executable. LOADER_SOAK=N runs N open/close cycles
 * and prints the process's maps, fds and RSS before and after (scripts/soak-swaps). */
#include "dev/loader.h"
#include "testlib.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *tmp;

static const char *good_src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, int32_t, n, 3)\n"
    "HOT_STATE(State, S)\n"
    "static void update(const HotApi *api, void *state) { (void)api; ((State *)state)->n++; }\n"
    "HOT_GAME(State, .name = \"good\", .update = update);\n";

static const char *nodesc_src = "int not_a_game(void) { return 1; }\n";

static const char *abi_src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, int32_t, n, 3)\n"
    "HOT_STATE(State, S)\n"
    "static void update(const HotApi *api, void *state) { (void)api; (void)state; }\n"
    "HOT_EXPORT const HotGame hot_game = {.abi = HOT_ABI_VERSION + 1,\n"
    "    .api_size = sizeof(HotApi), .game_size = sizeof(HotGame),\n"
    "    .state = &hot_schema_State, .update = update};\n";

static const char *noupdate_src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, int32_t, n, 3)\n"
    "HOT_STATE(State, S)\n"
    "HOT_GAME(State, .name = \"noupdate\");\n";

static const char *unresolved_src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, int32_t, n, 3)\n"
    "HOT_STATE(State, S)\n"
    "extern int missing_function_xyz(void);\n"
    "static void update(const HotApi *api, void *state) {\n"
    "    (void)api; ((State *)state)->n = missing_function_xyz(); }\n"
    "HOT_GAME(State, .name = \"unresolved\", .update = update);\n";

static const char *ctor_crash_src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, int32_t, n, 3)\n"
    "HOT_STATE(State, S)\n"
    "static void update(const HotApi *api, void *state) { (void)api; (void)state; }\n"
    "HOT_GAME(State, .name = \"ctor\", .update = update);\n"
    "__attribute__((constructor)) static void boom(void) { *(volatile int *)0 = 1; }\n";

static const char *ctor_hang_src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, int32_t, n, 3)\n"
    "HOT_STATE(State, S)\n"
    "static void update(const HotApi *api, void *state) { (void)api; (void)state; }\n"
    "HOT_GAME(State, .name = \"hang\", .update = update);\n"
    "__attribute__((constructor)) static void hang(void) {\n"
    "    for (volatile int i = 0; ; i++) {} }\n";

/* Linked with -nostdlib: sinf must come from the global scope, as in the host. */
static const char *libm_src =
    "#include \"hot.h\"\n"
    "float sinf(float);\n"
    "#define S(X) X(FIELD, float, x, 1.0f)\n"
    "HOT_STATE(State, S)\n"
    "static void update(const HotApi *api, void *state) {\n"
    "    (void)api; ((State *)state)->x = sinf(((State *)state)->x); }\n"
    "HOT_GAME(State, .name = \"libm\", .update = update);\n";

/* Compiles src into tmp/name with extra flags (e.g. -c or -nostdlib); returns the path. */
static char *build(const char *name, const char *src, const char *flags)
{
    char c[PATH_MAX], out[PATH_MAX], cmd[3 * PATH_MAX];
    snprintf(c, sizeof(c), "%s/%s.c", tmp, name);
    snprintf(out, sizeof(out), "%s/%s", tmp, name);
    test_write_file(c, src);
    snprintf(cmd, sizeof(cmd), "cc -fPIC %s -I%s -o %s %s", flags, HOT_SHARED_DIR, out, c);
    CHECK(system(cmd) == 0);
    return strdup(out);
}

static char *lib_good, *lib_nodesc, *lib_abi, *lib_noupdate, *lib_unresolved, *lib_ctor_crash,
    *lib_ctor_hang, *lib_libm, *lib_object, *lib_exe, *lib_text, *lib_empty;

static void build_fixtures(void)
{
    lib_good = build("good.so", good_src, "-shared");
    lib_nodesc = build("nodesc.so", nodesc_src, "-shared");
    lib_abi = build("abi.so", abi_src, "-shared");
    lib_noupdate = build("noupdate.so", noupdate_src, "-shared");
    lib_unresolved = build("unresolved.so", unresolved_src, "-shared");
    lib_ctor_crash = build("ctor_crash.so", ctor_crash_src, "-shared");
    lib_ctor_hang = build("ctor_hang.so", ctor_hang_src, "-shared");
    lib_libm = build("libm_user.so", libm_src, "-shared -nostdlib");
    lib_object = build("object.o", good_src, "-c");
    lib_exe = build("program", "int main(void) { return 0; }\n", "-pie");
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/text.so", tmp);
    test_write_file(path, "this is not a library\n");
    lib_text = strdup(path);
    snprintf(path, sizeof(path), "%s/empty.so", tmp);
    test_write_file(path, "");
    lib_empty = strdup(path);
}

/* ------------------------------------------------------------------------------------- */

/* Lines of /proc/self/maps, and how many mention `needle` (NULL: none counted). */
static int maps_lines(const char *needle, int *matching)
{
    FILE *f = fopen("/proc/self/maps", "r");
    CHECK(f != NULL);
    char line[4096];
    int n = 0, m = 0;
    while (fgets(line, sizeof(line), f)) {
        n++;
        if (needle && strstr(line, needle))
            m++;
    }
    fclose(f);
    if (matching)
        *matching = m;
    return n;
}

static int maps_mentioning(const char *needle)
{
    int m;
    maps_lines(needle, &m);
    return m;
}

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    CHECK(d != NULL);
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    CHECK(f != NULL);
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

/* Entries of the loader's directory other than its owner file. */
static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "owner"))
            n++;
    closedir(d);
    return n;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void use_private_xdg(void)
{
    char xdg[PATH_MAX];
    snprintf(xdg, sizeof(xdg), "%s/xdg", tmp);
    mkdir(xdg, 0700);
    setenv("XDG_RUNTIME_DIR", xdg, 1);
}

/* ------------------------------------------------------------------------------------- */

static void test_private_dir(void)
{
    use_private_xdg();
    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    char want[PATH_MAX];
    snprintf(want, sizeof(want), "%s/xdg/hotrun/%ld", tmp, (long)getpid());
    CHECK_EQ_STR(loader_dir(l), want);
    struct stat st;
    CHECK(stat(loader_dir(l), &st) == 0);
    CHECK_EQ_INT(st.st_mode & 07777, 0700);
    CHECK_EQ_INT(st.st_uid, geteuid());
    snprintf(want, sizeof(want), "%s/xdg/hotrun", tmp);
    CHECK(stat(want, &st) == 0);
    CHECK_EQ_INT(st.st_mode & 07777, 0700);
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s", loader_dir(l));
    loader_destroy(l);
    CHECK(!exists(dir));
    loader_destroy(NULL);
}

static pid_t dead_pid(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(0);
    CHECK(waitpid(pid, NULL, 0) == pid);
    return pid;
}

static void test_stale_dirs_removed(void)
{
    use_private_xdg();
    char parent[PATH_MAX], dead[PATH_MAX], reused[PATH_MAX], alive[PATH_MAX], path[PATH_MAX];
    snprintf(parent, sizeof(parent), "%s/xdg/hotrun", tmp);
    mkdir(parent, 0700);
    /* A hotrun that died and left a library behind. */
    snprintf(dead, sizeof(dead), "%s/%ld", parent, (long)dead_pid());
    CHECK(mkdir(dead, 0700) == 0);
    snprintf(path, sizeof(path), "%s/gen-7.so", dead);
    test_write_file(path, "old");
    /* A live process that got the pid of a dead hotrun: its start time differs. */
    snprintf(reused, sizeof(reused), "%s/%ld", parent, (long)getppid());
    CHECK(mkdir(reused, 0700) == 0);
    snprintf(path, sizeof(path), "%s/owner", reused);
    char text[64];
    snprintf(text, sizeof(text), "%ld 1\n", (long)getppid());
    test_write_file(path, text);
    /* A hotrun that is starting right now (no owner file yet): left alone. */
    snprintf(alive, sizeof(alive), "%s/1", parent);
    CHECK(mkdir(alive, 0700) == 0);

    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    CHECK(!exists(dead));
    CHECK(!exists(reused));
    CHECK(exists(alive));
    /* Our own directory records our start time, and a second loader keeps it. */
    snprintf(path, sizeof(path), "%s/owner", loader_dir(l));
    CHECK(exists(path));
    Loader *l2 = loader_create(err, sizeof(err));
    CHECK(l2 != NULL);
    loader_destroy(l2);
    loader_destroy(l);
    rmdir(alive);
}

static void test_unsafe_parent_refused(void)
{
    char xdg[PATH_MAX], parent[PATH_MAX];
    snprintf(xdg, sizeof(xdg), "%s/xdg-open", tmp);
    CHECK(mkdir(xdg, 0700) == 0);
    snprintf(parent, sizeof(parent), "%s/hotrun", xdg);
    CHECK(mkdir(parent, 0755) == 0);
    CHECK(chmod(parent, 0755) == 0);
    setenv("XDG_RUNTIME_DIR", xdg, 1);
    char err[512];
    /* The runtime directory is refused; the fallback under /tmp is used instead. */
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    CHECK(strncmp(loader_dir(l), xdg, strlen(xdg)) != 0);
    char want[64];
    snprintf(want, sizeof(want), "/tmp/hotrun-%lu/", (unsigned long)geteuid());
    CHECK(strncmp(loader_dir(l), want, strlen(want)) == 0);
    loader_destroy(l);
    /* A parent that belongs to someone else is refused too (only root can make one). */
    if (geteuid() == 0) {
        CHECK(chmod(parent, 0700) == 0);
        CHECK(chown(parent, 65534, 65534) == 0);
        l = loader_create(err, sizeof(err));
        CHECK(l != NULL);
        CHECK(strncmp(loader_dir(l), xdg, strlen(xdg)) != 0);
        loader_destroy(l);
    }
    use_private_xdg();
}

static void test_open_close(void)
{
    use_private_xdg();
    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    GameLib a, b;
    CHECK_EQ_INT(loader_open(l, lib_good, &a, err, sizeof(err)), 0);
    CHECK_EQ_INT(loader_open(l, lib_good, &b, err, sizeof(err)), 0);
    CHECK_EQ_INT(a.gen, 1);
    CHECK_EQ_INT(b.gen, 2);
    CHECK(a.handle != b.handle);
    CHECK(a.game != b.game);
    CHECK_EQ_STR(a.game->name, "good");
    char want[PATH_MAX];
    snprintf(want, sizeof(want), "%s/gen-1.so", loader_dir(l));
    CHECK_EQ_STR(a.path, want);
    CHECK(exists(a.path) && exists(b.path));
    CHECK(maps_mentioning(a.path) > 0);
    CHECK(maps_mentioning(b.path) > 0);
    /* The code really runs. */
    int32_t state = 3;
    a.game->update(NULL, &state);
    b.game->update(NULL, &state);
    CHECK_EQ_INT(state, 5);

    char path_a[PATH_MAX];
    snprintf(path_a, sizeof(path_a), "%s", a.path);
    loader_close(l, &a);
    CHECK(a.handle == NULL && a.game == NULL && a.path[0] == '\0');
    CHECK_EQ_INT(maps_mentioning(path_a), 0); /* really unmapped */
    CHECK(!exists(path_a));
    CHECK(maps_mentioning(b.path) > 0);
    loader_close(l, &b);
    CHECK_EQ_INT(maps_mentioning(loader_dir(l)), 0);
    CHECK_EQ_INT(dir_entries(loader_dir(l)), 0);
    loader_destroy(l);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    CHECK(stat(path, &st) == 0);
    return st.st_ino;
}

/* loader_adopt: a library that is never written in place becomes the generation's file by
 * a hard link when it is on the loader's file system; one already opened under its own
 * name and kept (RTLD_NODELETE, as -z nodelete or a check whose close did not unload it)
 * is copied instead, so the loader still opens a file it has never seen. */
static void test_adopt(void)
{
    use_private_xdg();
    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    char built[PATH_MAX], cmd[3 * PATH_MAX];
    snprintf(built, sizeof(built), "%s/xdg/built.so", tmp); /* the loader's file system */
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", lib_good, built);
    CHECK(system(cmd) == 0);

    GameLib a;
    CHECK_EQ_INT(loader_adopt(l, built, &a, err, sizeof(err)), 0);
    CHECK_EQ_INT(a.gen, 1);
    CHECK(inode_of(a.path) == inode_of(built)); /* linked, not copied */
    int32_t state = 3;
    a.game->update(NULL, &state);
    CHECK_EQ_INT(state, 4);
    /* The builder replaces its library by a rename: the open generation keeps its file. */
    char fresh[PATH_MAX + 8];
    snprintf(fresh, sizeof(fresh), "%s.new", built);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", lib_good, fresh);
    CHECK(system(cmd) == 0);
    CHECK(rename(fresh, built) == 0);
    GameLib b;
    CHECK_EQ_INT(loader_adopt(l, built, &b, err, sizeof(err)), 0);
    CHECK(inode_of(b.path) == inode_of(built));
    CHECK(inode_of(a.path) != inode_of(b.path));
    CHECK(a.game != b.game);
    char path_a[PATH_MAX];
    snprintf(path_a, sizeof(path_a), "%s", a.path);
    loader_close(l, &a);
    CHECK(!exists(path_a));
    CHECK(exists(built)); /* closing a generation removes only its own name */
    loader_close(l, &b);

    /* Opened under its own name and kept: a copy is opened instead. In a child: the kept
     * library and the names the dynamic loader learnt stay in its process. */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        void *kept = dlopen(built, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        GameLib c;
        if (!kept || loader_adopt(l, built, &c, err, sizeof(err)) != 0) {
            fprintf(stderr, "   %s\n", kept ? err : dlerror());
            _exit(1);
        }
        state = 1;
        c.game->update(NULL, &state);
        bool ok = inode_of(c.path) != inode_of(built) && c.handle != kept && state == 2;
        loader_close(l, &c);
        _exit(ok && dir_entries(loader_dir(l)) == 0 ? 0 : 2);
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

    /* Refusals are the same as loader_open's, and leave nothing behind. */
    GameLib c;
    CHECK_EQ_INT(loader_adopt(l, lib_unresolved, &c, err, sizeof(err)), -1);
    CHECK(strstr(err, "unresolved symbol: missing_function_xyz") != NULL);
    CHECK_EQ_INT(loader_adopt(l, "/nonexistent/game.so", &c, err, sizeof(err)), -1);
    CHECK(strstr(err, "cannot read /nonexistent/game.so") != NULL);
    CHECK_EQ_INT(dir_entries(loader_dir(l)), 0);
    unlink(built);
    loader_destroy(l);
}

static void expect_refused(Loader *l, const char *lib, const char *sentence)
{
    GameLib out;
    memset(&out, 0xab, sizeof(out));
    GameLib before = out;
    int lines = maps_lines(NULL, NULL);
    char err[512] = "";
    CHECK_EQ_INT(loader_open(l, lib, &out, err, sizeof(err)), -1);
    fprintf(stderr, "   %s -> %s\n", strrchr(lib, '/') + 1, err);
    if (!strstr(err, sentence)) {
        fprintf(stderr, "   expected: %s\n", sentence);
        CHECK(!"the sentence");
    }
    CHECK(memcmp(&out, &before, sizeof(out)) == 0);
    CHECK_EQ_INT(dir_entries(loader_dir(l)), 0);
    CHECK_EQ_INT(maps_mentioning(loader_dir(l)), 0);
    CHECK_EQ_INT(maps_lines(NULL, NULL), lines);
}

static void test_refusals(void)
{
    use_private_xdg();
    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    /* Warm up the dynamic loader's own allocations so the maps count is stable. */
    GameLib warm;
    CHECK_EQ_INT(loader_open(l, lib_good, &warm, err, sizeof(err)), 0);
    loader_close(l, &warm);
    expect_refused(l, lib_unresolved, "");

    char want[PATH_MAX + 128];
    snprintf(want, sizeof(want),
             "%s has no hot_game descriptor: did you forget HOT_GAME(...)?", lib_nodesc);
    expect_refused(l, lib_nodesc, want);
    snprintf(want, sizeof(want),
             "the game was compiled against another hot.h (ABI %u, hotrun has %u): rebuild "
             "hotrun or the game",
             HOT_ABI_VERSION + 1, HOT_ABI_VERSION);
    expect_refused(l, lib_abi, want);
    expect_refused(l, lib_noupdate, "has no update function");
    expect_refused(l, lib_unresolved,
                   "the game library has an unresolved symbol: missing_function_xyz "
                   "(undefined symbol: missing_function_xyz)");
    snprintf(want, sizeof(want), "%s is not a valid shared library", lib_text);
    expect_refused(l, lib_text, want);
    snprintf(want, sizeof(want), "%s is not a valid shared library", lib_empty);
    expect_refused(l, lib_empty, want);
    snprintf(want, sizeof(want), "%s is not a valid shared library", lib_object);
    expect_refused(l, lib_object, want);
    snprintf(want, sizeof(want), "%s is not a valid shared library", lib_exe);
    expect_refused(l, lib_exe, want);
    expect_refused(l, "/nonexistent/game.so", "cannot read /nonexistent/game.so");

    /* Every attempt took a generation number. */
    GameLib ok;
    CHECK_EQ_INT(loader_open(l, lib_good, &ok, err, sizeof(err)), 0);
    CHECK_EQ_INT(ok.gen, 12);
    loader_close(l, &ok);
    loader_destroy(l);
}

static void test_check_descriptor(void)
{
    char err[256];
    CHECK_EQ_INT(loader_check_descriptor(NULL, err, sizeof(err)), -1);
    HotGame g = {0};
    g.abi = HOT_ABI_VERSION;
    g.api_size = sizeof(HotApi) + 8;
    g.game_size = sizeof(HotGame);
    CHECK_EQ_INT(loader_check_descriptor(&g, err, sizeof(err)), -1);
    CHECK(strstr(err, "another hot.h") != NULL);
    g.api_size = sizeof(HotApi);
    CHECK_EQ_INT(loader_check_descriptor(&g, err, sizeof(err)), -1);
    CHECK(strstr(err, "no state schema") != NULL);
    static const HotSchema scalar = {"int", HOT_I32, 4, 4, NULL};
    g.state = &scalar;
    CHECK_EQ_INT(loader_check_descriptor(&g, err, sizeof(err)), -1);
    CHECK(strstr(err, "not a HOT_STATE struct") != NULL);
}

/* Open and close many generations: nothing may pile up. */
static void cycle(Loader *l, int n)
{
    char err[512];
    for (int i = 0; i < n; i++) {
        GameLib lib;
        CHECK_EQ_INT(loader_open(l, lib_good, &lib, err, sizeof(err)), 0);
        loader_close(l, &lib);
    }
}

static void test_hygiene(void)
{
    use_private_xdg();
    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    cycle(l, 2);
    int maps = maps_lines(NULL, NULL), fds = count_fds();
    long rss = rss_kib();
    cycle(l, 200);
    fprintf(stderr, "   200 cycles: maps %d -> %d, fds %d -> %d, RSS %ld -> %ld KiB\n", maps,
            maps_lines(NULL, NULL), fds, count_fds(), rss, rss_kib());
    CHECK_EQ_INT(maps_lines(NULL, NULL), maps);
    CHECK_EQ_INT(count_fds(), fds);
    CHECK(rss_kib() < rss + 2048);
    CHECK_EQ_INT(dir_entries(loader_dir(l)), 0);
    loader_destroy(l);
}

/* ------------------------------------------------------------------------------------- */

static char probe[PATH_MAX];

typedef struct ProbeRun {
    int status;
    bool killed; /* still running after the timeout */
    char out[2048];
} ProbeRun;

static void run_probe(const char *lib, double timeout_s, ProbeRun *r)
{
    memset(r, 0, sizeof(*r));
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        dup2(fds[1], 1);
        close(fds[0]);
        execl(probe, probe, lib, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        pid_t w = waitpid(pid, &r->status, WNOHANG);
        CHECK(w >= 0);
        if (w == pid)
            break;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) * 1e-9 >
            timeout_s) {
            kill(pid, SIGKILL);
            CHECK(waitpid(pid, &r->status, 0) == pid);
            r->killed = true;
            break;
        }
        struct timespec ts = {0, 2 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    ssize_t n = read(fds[0], r->out, sizeof(r->out) - 1);
    r->out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
}

static void expect_probe_refuses(const char *lib, const char *sentence)
{
    ProbeRun r;
    run_probe(lib, 20.0, &r);
    fprintf(stderr, "   probe %s -> %s", strrchr(lib, '/') + 1, r.out);
    CHECK(!r.killed);
    CHECK(WIFEXITED(r.status));
    CHECK_EQ_INT(WEXITSTATUS(r.status), 2);
    CHECK(strstr(r.out, sentence) != NULL);
    CHECK(strchr(r.out, '\n') == r.out + strlen(r.out) - 1); /* one line */
}

static void test_probe(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    CHECK(n > 0);
    self[n] = '\0';
    snprintf(probe, sizeof(probe), "%s/../launcher/hotrun-probe", dirname(self));
    if (access(probe, X_OK) != 0) {
        fprintf(stderr, "   %s is missing: build it first\n", probe);
        CHECK(!"hotrun-probe exists");
    }

    ProbeRun r;
    run_probe(lib_good, 20.0, &r);
    CHECK(WIFEXITED(r.status));
    CHECK_EQ_INT(WEXITSTATUS(r.status), 0);
    CHECK_EQ_STR(r.out, "");
    /* A -nostdlib library gets libm from the global scope, as in the host. */
    run_probe(lib_libm, 20.0, &r);
    if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0)
        fprintf(stderr, "   probe libm_user.so -> %s", r.out);
    CHECK(WIFEXITED(r.status));
    CHECK_EQ_INT(WEXITSTATUS(r.status), 0);

    char want[PATH_MAX + 128];
    snprintf(want, sizeof(want),
             "%s has no hot_game descriptor: did you forget HOT_GAME(...)?", lib_nodesc);
    expect_probe_refuses(lib_nodesc, want);
    snprintf(want, sizeof(want),
             "the game was compiled against another hot.h (ABI %u, hotrun has %u): rebuild "
             "hotrun or the game",
             HOT_ABI_VERSION + 1, HOT_ABI_VERSION);
    expect_probe_refuses(lib_abi, want);
    expect_probe_refuses(lib_unresolved,
                         "the game library has an unresolved symbol: missing_function_xyz "
                         "(undefined symbol: missing_function_xyz)");
    snprintf(want, sizeof(want), "%s is not a valid shared library", lib_text);
    expect_probe_refuses(lib_text, want);
    snprintf(want, sizeof(want), "%s is not a valid shared library", lib_object);
    expect_probe_refuses(lib_object, want);
    expect_probe_refuses(lib_noupdate, "has no update function");

    /* A crashing constructor ends the probe, not the host, which names it. */
    run_probe(lib_ctor_crash, 20.0, &r);
    CHECK(!r.killed);
    CHECK(WIFEXITED(r.status));
    CHECK_EQ_INT(WEXITSTATUS(r.status), 3);
    CHECK(strstr(r.out, "the library's constructor crashed: SIGSEGV") != NULL);
    CHECK(strstr(r.out, " in boom") != NULL);
    /* A hanging one is ended by the caller's timeout. */
    run_probe(lib_ctor_hang, 0.5, &r);
    CHECK(r.killed);
    CHECK(WIFSIGNALED(r.status));
    CHECK_EQ_INT(WTERMSIG(r.status), SIGKILL);
    /* The same libraries would have been dangerous in-process; the probe said so first. */
}

/* Not a test: LOADER_SOAK=N prints what N open/close cycles leave behind. */
static int soak(long n)
{
    use_private_xdg();
    char err[512];
    Loader *l = loader_create(err, sizeof(err));
    CHECK(l != NULL);
    cycle(l, 1);
    int maps = maps_lines(NULL, NULL), fds = count_fds();
    long rss = rss_kib();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cycle(l, (int)n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    int maps2 = maps_lines(NULL, NULL), fds2 = count_fds();
    long rss2 = rss_kib();
    printf("%ld open/close cycles in %.0f ms (%.3f ms each)\n", n, ms, ms / (double)n);
    printf("maps lines: %d -> %d\nopen fds:   %d -> %d\nRSS:        %ld -> %ld KiB\n", maps,
           maps2, fds, fds2, rss, rss2);
    fflush(stdout);
    loader_destroy(l);
    return maps2 == maps && fds2 == fds ? 0 : 1;
}

int main(void)
{
    tmp = test_tmpdir();
    build_fixtures();
    if (getenv("LOADER_SOAK")) {
        long n = atol(getenv("LOADER_SOAK"));
        int rc = soak(n > 0 ? n : 1000);
        test_rmtree(tmp);
        return rc;
    }
    RUN(test_check_descriptor);
    RUN(test_private_dir);
    RUN(test_stale_dirs_removed);
    RUN(test_unsafe_parent_refused);
    RUN(test_open_close);
    RUN(test_refusals);
    RUN(test_adopt);
    RUN(test_hygiene);
    RUN(test_probe);
    test_rmtree(tmp);
    return 0;
}
