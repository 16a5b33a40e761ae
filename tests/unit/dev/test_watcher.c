/* test_watcher.c: real saves in the styles of real editors and tools, on a real libuv
 * loop, each counted in debounced change calls; plus directories that come and go. */
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testlib.h"
#include "dev/watcher.h"

#define DEBOUNCE_MS 20
#define QUIET_MS    300 /* no call for this long after the last step: the scenario is over */

typedef struct Run Run;
typedef void (*Step)(Run *r, int i);

struct Run {
    uv_loop_t loop;
    Watcher *w;
    uv_timer_t step_timer, quiet_timer;
    char *dir;
    Step step;
    int nsteps, next;
    int calls;
    uint64_t last_step_ns, last_call_ns, first_event_ns;
    char content[256]; /* main.c as the last call saw it */
    int dirs_before, dirs_after;
    int fd; /* an in-place save in progress */
    char saved[1024]; /* the last call's watcher_saved, relative and sorted; "?": NULL */
};

static char *at(const Run *r, const char *name)
{
    static char buf[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", r->dir, name);
    return buf[k];
}

static void read_main(Run *r)
{
    r->content[0] = '\0';
    FILE *f = fopen(at(r, "main.c"), "r");
    if (!f)
        return;
    size_t n = fread(r->content, 1, sizeof(r->content) - 1, f);
    r->content[n] = '\0';
    fclose(f);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What watcher_saved says in a call, as "a.c,sub/b.c" (relative to the tree), or "?". */
static void note_saved(const Watcher *w, const char *dir, char *out, size_t n)
{
    const Strv *saved = watcher_saved(w);
    if (!saved) {
        snprintf(out, n, "?");
        return;
    }
    char real[PATH_MAX];
    CHECK(realpath(dir, real) != NULL);
    char **v = malloc(sizeof(char *) * (size_t)(saved->n + 1));
    for (int i = 0; i < saved->n; i++) {
        CHECK(strncmp(saved->v[i], real, strlen(real)) == 0);
        v[i] = saved->v[i] + strlen(real) + 1;
    }
    qsort(v, (size_t)saved->n, sizeof(char *), cmp_str);
    out[0] = '\0';
    for (int i = 0; i < saved->n; i++)
        snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? "," : "", v[i]);
    free(v);
}

static void on_changed(void *ud, uint64_t first_event_ns)
{
    Run *r = ud;
    note_saved(r->w, r->dir, r->saved, sizeof(r->saved));
    r->calls++;
    r->last_call_ns = uv_hrtime();
    r->first_event_ns = first_event_ns;
    CHECK(first_event_ns <= r->last_call_ns);
    read_main(r);
    if (!uv_is_active((uv_handle_t *)&r->step_timer)) /* the steps are over: wait again */
        uv_timer_again(&r->quiet_timer);
}

static void on_quiet(uv_timer_t *t)
{
    Run *r = t->data;
    r->dirs_after = watcher_dir_count(r->w);
    watcher_destroy(r->w);
    uv_close((uv_handle_t *)&r->step_timer, NULL);
    uv_close((uv_handle_t *)&r->quiet_timer, NULL);
}

static void on_step(uv_timer_t *t)
{
    Run *r = t->data;
    r->step(r, r->next++);
    r->last_step_ns = uv_hrtime();
    if (r->next == r->nsteps) {
        uv_timer_stop(t);
        uv_timer_start(&r->quiet_timer, on_quiet, QUIET_MS, QUIET_MS);
    }
}

/* A fresh tree: main.c, game.h, sub/x.c, sub/deeper/y.h. */
static char *make_tree(void)
{
    char *dir = test_tmpdir();
    char p[1024];
    snprintf(p, sizeof(p), "%s/main.c", dir);
    test_write_file(p, "int main_value = ONE;\n");
    snprintf(p, sizeof(p), "%s/game.h", dir);
    test_write_file(p, "#define ONE 1\n");
    snprintf(p, sizeof(p), "%s/sub", dir);
    CHECK(mkdir(p, 0777) == 0);
    snprintf(p, sizeof(p), "%s/sub/x.c", dir);
    test_write_file(p, "int x;\n");
    snprintf(p, sizeof(p), "%s/sub/deeper", dir);
    CHECK(mkdir(p, 0777) == 0);
    snprintf(p, sizeof(p), "%s/sub/deeper/y.h", dir);
    test_write_file(p, "int y;\n");
    snprintf(p, sizeof(p), "%s/.git", dir); /* hidden: not watched */
    CHECK(mkdir(p, 0777) == 0);
    return dir;
}

/* Runs the steps step_ms apart under a watcher, until QUIET_MS pass without a call. */
static Run *run(Step step, int nsteps, unsigned step_ms, const char *const *ext)
{
    Run *r = calloc(1, sizeof(*r));
    r->dir = make_tree();
    r->step = step;
    r->nsteps = nsteps;
    r->fd = -1;
    CHECK(uv_loop_init(&r->loop) == 0);
    char err[256];
    WatchConfig cfg = {r->dir, ext, DEBOUNCE_MS, NULL};
    r->w = watcher_create(&r->loop, &cfg, on_changed, r, err, sizeof(err));
    CHECK(r->w != NULL);
    r->dirs_before = watcher_dir_count(r->w);
    uv_timer_init(&r->loop, &r->step_timer);
    uv_timer_init(&r->loop, &r->quiet_timer);
    r->step_timer.data = r->quiet_timer.data = r;
    uv_timer_start(&r->step_timer, on_step, step_ms, step_ms);
    uv_run(&r->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&r->loop), 0);
    /* A call may come before the last step now (a save is reported when its file is
     * closed, and a step that only drops a backup changes nothing): what it saw is
     * checked instead (expect_one). */
    return r;
}

static void done(Run *r)
{
    test_rmtree(r->dir);
    free(r->dir);
    free(r);
}

/* Exactly one call, and it saw the final content. */
static void expect_one(Run *r, const char *final_main)
{
    CHECK_EQ_INT(r->calls, 1);
    if (final_main)
        CHECK_EQ_STR(r->content, final_main);
    done(r);
}

/* ---- save patterns ---------------------------------------------------------------------- */

static const char *const final_text = "int main_value = 2; /* saved */\n";

static void write_to(const char *path, const char *text)
{
    test_write_file(path, text);
}

/* In place, the way most editors and VS Code save: truncate, then the write a little
 * later (libuv reports the truncate first). */
static void in_place(Run *r, int i)
{
    if (i == 0) {
        r->fd = open(at(r, "main.c"), O_WRONLY | O_TRUNC);
        CHECK(r->fd >= 0);
    } else if (i == 1) {
        CHECK(write(r->fd, final_text, 10) == 10);
    } else {
        size_t n = strlen(final_text) - 10;
        CHECK(write(r->fd, final_text + 10, n) == (ssize_t)n);
        CHECK(close(r->fd) == 0);
    }
}

static void test_in_place(void)
{
    expect_one(run(in_place, 3, 3, NULL), final_text);
}

/* A temp file then a rename onto the source (gedit's .goutputstream-*, atomic writers). */
static void temp_rename(Run *r, int i)
{
    if (i == 0) {
        write_to(at(r, ".goutputstream-ABC123"), final_text);
    } else {
        CHECK(rename(at(r, ".goutputstream-ABC123"), at(r, "main.c")) == 0);
        write_to(at(r, "main.c.tmp"), "x");
        CHECK(rename(at(r, "main.c.tmp"), at(r, "sub/x.c")) == 0);
    }
}

static void test_temp_rename(void)
{
    expect_one(run(temp_rename, 2, 3, NULL), final_text);
}

/* vim with backupcopy=no: probe file 4913, swap file, rename to main.c~, write anew. */
static void vim(Run *r, int i)
{
    if (i == 0) {
        write_to(at(r, ".main.c.swp"), "swap");
        write_to(at(r, "4913"), "");
        CHECK(unlink(at(r, "4913")) == 0);
    } else if (i == 1) {
        CHECK(rename(at(r, "main.c"), at(r, "main.c~")) == 0);
    } else if (i == 2) {
        write_to(at(r, "main.c"), final_text);
        CHECK(chmod(at(r, "main.c"), 0644) == 0);
    } else {
        CHECK(unlink(at(r, "main.c~")) == 0);
        write_to(at(r, ".main.c.swp"), "swap2");
        CHECK(unlink(at(r, ".main.c.swp")) == 0);
    }
}

static void test_vim(void)
{
    expect_one(run(vim, 4, 2, NULL), final_text);
}

/* emacs: autosave #main.c#, lock link .#main.c, backup main.c~, then the new file. */
static void emacs(Run *r, int i)
{
    if (i == 0) {
        write_to(at(r, "#main.c#"), "autosave");
        CHECK(symlink("user@host.1234:1", at(r, ".#main.c")) == 0);
    } else if (i == 1) {
        CHECK(rename(at(r, "main.c"), at(r, "main.c~")) == 0);
        write_to(at(r, "main.c"), final_text);
    } else {
        CHECK(unlink(at(r, "#main.c#")) == 0);
        CHECK(unlink(at(r, ".#main.c")) == 0);
    }
}

static void test_emacs(void)
{
    expect_one(run(emacs, 3, 2, NULL), final_text);
}

/* JetBrains safe write: main.c___jb_tmp___, main.c -> main.c___jb_old___, tmp -> main.c. */
static void jetbrains(Run *r, int i)
{
    if (i == 0) {
        write_to(at(r, "main.c___jb_tmp___"), final_text);
    } else if (i == 1) {
        CHECK(rename(at(r, "main.c"), at(r, "main.c___jb_old___")) == 0);
        CHECK(rename(at(r, "main.c___jb_tmp___"), at(r, "main.c")) == 0);
    } else {
        CHECK(unlink(at(r, "main.c___jb_old___")) == 0);
    }
}

static void test_jetbrains(void)
{
    expect_one(run(jetbrains, 3, 2, NULL), final_text);
}

/* sed -i: the real one (a sedXXXXXX temp file renamed over the source). */
static void sed_i(Run *r, int i)
{
    (void)i;
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "sed -i 's/ONE/2/' '%s'", at(r, "main.c"));
    CHECK(system(cmd) == 0);
}

static void test_sed(void)
{
    expect_one(run(sed_i, 1, 2, NULL), "int main_value = 2;\n");
}

/* git checkout: many files replaced at once (unlink and create), in several directories. */
static void checkout(Run *r, int i)
{
    (void)i;
    for (int k = 0; k < 40; k++) {
        char name[64], text[64];
        snprintf(name, sizeof(name), "%sfile%02d.%s", k % 2 ? "sub/" : "sub/deeper/", k,
                 k % 3 ? "c" : "h");
        snprintf(text, sizeof(text), "int v%d = %d;\n", k, k);
        unlink(at(r, name));
        write_to(at(r, name), text);
    }
    CHECK(unlink(at(r, "main.c")) == 0);
    write_to(at(r, "main.c"), final_text);
}

static void test_checkout(void)
{
    expect_one(run(checkout, 1, 2, NULL), final_text);
}

/* 20 saves within 100 ms: at most two calls, the last one after the final save. */
static void rapid(Run *r, int i)
{
    char text[64];
    snprintf(text, sizeof(text), "int main_value = %d;\n", i);
    write_to(at(r, "main.c"), text);
}

static void test_rapid(void)
{
    Run *r = run(rapid, 20, 5, NULL);
    CHECK(r->calls >= 1 && r->calls <= 2);
    CHECK_EQ_STR(r->content, "int main_value = 19;\n");
    done(r);
}

/* Temp, backup, swap and other files alone: no call at all. */
static void temps_only(Run *r, int i)
{
    static const char *const names[] = {".main.c.swp",
                                        ".main.c.swx",
                                        "4913",
                                        "main.c~",
                                        "#main.c#",
                                        ".#game.h",
                                        "main.c.tmp",
                                        "scratch.tmp",
                                        "main.c___jb_tmp___",
                                        "main.c___jb_old___",
                                        ".goutputstream-XYZ",
                                        "notes.txt",
                                        "main.o",
                                        "sub/x.c.bak",
                                        "sub/.hidden.c",
                                        ".git/index.c"};
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        if (i == 0)
            write_to(at(r, names[k]), "x");
        else if (i == 1)
            write_to(at(r, names[k]), "changed");
        else
            CHECK(unlink(at(r, names[k])) == 0);
    }
}

static void test_temps_only(void)
{
    Run *r = run(temps_only, 3, 3, NULL);
    CHECK_EQ_INT(r->calls, 0);
    done(r);
}

/* Extra extensions come from the config; then .c alone no longer counts if not listed. */
static void inc_file(Run *r, int i)
{
    if (i == 0)
        write_to(at(r, "table.inc"), "1, 2, 3\n");
    else
        write_to(at(r, "main.c"), final_text);
}

static void test_extensions(void)
{
    const char *const ext[] = {".inc", NULL};
    Run *r = run(inc_file, 1, 2, ext);
    CHECK_EQ_INT(r->calls, 1);
    done(r);
    r = run(inc_file, 1, 2, NULL); /* .inc is not a default */
    CHECK_EQ_INT(r->calls, 0);
    done(r);
    r = run(inc_file, 2, 2, ext); /* main.c is not listed either */
    CHECK_EQ_INT(r->calls, 1);
    done(r);
}

/* ---- directories ------------------------------------------------------------------------ */

static void new_dir(Run *r, int i)
{
    if (i == 0)
        CHECK(mkdir(at(r, "levels"), 0777) == 0);
    else
        write_to(at(r, "levels/level1.c"), "int level1;\n");
}

static void test_new_dir(void)
{
    /* The watch exists from the mkdir: the file made 50 ms later is seen by its event. */
    Run *r = run(new_dir, 2, 50, NULL);
    CHECK_EQ_INT(r->dirs_before, 3); /* the root, sub, sub/deeper; not .git */
    CHECK_EQ_INT(r->dirs_after, 4);
    CHECK_EQ_INT(r->calls, 1); /* the mkdir alone is no change */
    done(r);
}

static void new_tree_at_once(Run *r, int i)
{
    (void)i;
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && echo 'int deep;' > '%s'", at(r, "a/b/c"),
             at(r, "a/b/c/deep.c"));
    CHECK(system(cmd) == 0);
}

static void test_new_tree_at_once(void)
{
    /* Files made before their directory's watch started are found by the listing. */
    Run *r = run(new_tree_at_once, 1, 2, NULL);
    CHECK_EQ_INT(r->dirs_after, 6);
    CHECK_EQ_INT(r->calls, 1);
    done(r);
}

static void remove_dir(Run *r, int i)
{
    (void)i;
    test_rmtree(at(r, "sub"));
}

static void test_removed_dir(void)
{
    Run *r = run(remove_dir, 1, 2, NULL);
    CHECK_EQ_INT(r->dirs_after, 1); /* sub and sub/deeper released */
    CHECK_EQ_INT(r->calls, 1);      /* its sources left: that is a change */
    done(r);
}

static void move_dir(Run *r, int i)
{
    (void)i;
    CHECK(rename(at(r, "sub"), at(r, "moved")) == 0);
}

static void test_moved_dir(void)
{
    Run *r = run(move_dir, 1, 2, NULL);
    CHECK_EQ_INT(r->dirs_after, 3); /* sub/... released, moved/... watched */
    CHECK_EQ_INT(r->calls, 1);
    done(r);
}

static void test_errors_and_idle(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    char err[256] = "";
    WatchConfig cfg = {"/nonexistent/hotrun-dir", NULL, 0, NULL};
    CHECK(watcher_create(&loop, &cfg, on_changed, NULL, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "/nonexistent/hotrun-dir") != NULL);
    watcher_destroy(NULL);
    CHECK_EQ_INT(watcher_dir_count(NULL), 0);

    /* Idle: nothing is due, so one loop iteration with a pending event source returns
     * without any callback and no timer is left running. */
    char *dir = make_tree();
    cfg.dir = dir;
    Watcher *w = watcher_create(&loop, &cfg, on_changed, NULL, err, sizeof(err));
    CHECK(w != NULL);
    CHECK_EQ_INT(uv_run(&loop, UV_RUN_NOWAIT), 1); /* fs handles keep it alive */
    watcher_destroy(w);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    test_rmtree(dir);
    free(dir);
}

/* The host runs the loop once per frame (UV_RUN_NOWAIT). A save every few milliseconds over
 * several frames is one burst: every frame's poll brings new events, so the quiet time
 * never ends between frames, however long a frame takes, and there is exactly one call. */
static void test_frame_driven(void)
{
    Run r = {0};
    r.dir = make_tree();
    CHECK(uv_loop_init(&r.loop) == 0);
    char err[256];
    WatchConfig cfg = {r.dir, NULL, 5, NULL};
    r.w = watcher_create(&r.loop, &cfg, on_changed, &r, err, sizeof(err));
    CHECK(r.w != NULL);
    const struct timespec save_gap = {0, 4000000};
    uint64_t last = uv_hrtime(), widest = 0;
    for (int frame = 0; frame < 8; frame++) {
        for (int i = 0; i < 4; i++) { /* 4 saves 4 ms apart between two frames */
            char text[64];
            snprintf(text, sizeof(text), "int main_value = %d;\n", frame * 4 + i);
            test_write_file(at(&r, "main.c"), text);
            nanosleep(&save_gap, NULL);
        }
        uint64_t now = uv_hrtime();
        if (frame > 0 && now - last > widest)
            widest = now - last;
        last = now;
        uv_run(&r.loop, UV_RUN_NOWAIT);
    }
    /* The first save was whole when read (closed): reported at once; the rest is a burst,
     * unless a frame came more than the burst window (250 ms) after the one before: a
     * machine that loaded makes them separate saves, and that is not counted. */
    if (widest < 200000000ull)
        CHECK(r.calls <= 1);
    else
        fprintf(stderr, "   (a frame %.0f ms late: the burst is not counted)\n",
                (double)widest / 1e6);
    int before = r.calls;
    CHECK(watcher_pending(r.w)); /* the host does not load a build made meanwhile */
    const struct timespec frame_gap = {0, 16000000};
    for (int frame = 0; frame < 100 && r.calls == before; frame++) {
        nanosleep(&frame_gap, NULL);
        uv_run(&r.loop, UV_RUN_NOWAIT);
    }
    CHECK_EQ_INT(r.calls, before + 1);
    CHECK(!watcher_pending(r.w));
    CHECK(strcmp(r.content, "int main_value = 31;\n") == 0);
    watcher_destroy(r.w);
    uv_run(&r.loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&r.loop), 0);
    test_rmtree(r.dir);
    free(r.dir);
}

/* ---- the end of a save, the tree moving, links (a loop of our own, no steps) ------------ */

typedef struct Live {
    uv_loop_t loop;
    Watcher *w;
    uv_timer_t stop;
    char *dir;
    int calls, notes;
    char note[1024];
    char content[256];
    uint64_t call_ns;
} Live;

static void live_changed(void *ud, uint64_t first_event_ns)
{
    (void)first_event_ns;
    Live *l = ud;
    l->calls++;
    l->call_ns = uv_hrtime();
    char p[1100];
    snprintf(p, sizeof(p), "%s/main.c", l->dir);
    l->content[0] = '\0';
    FILE *f = fopen(p, "r");
    if (f) {
        size_t n = fread(l->content, 1, sizeof(l->content) - 1, f);
        l->content[n] = '\0';
        fclose(f);
    }
}

static void live_note(void *ud, const char *sentence)
{
    Live *l = ud;
    l->notes++;
    snprintf(l->note, sizeof(l->note), "%s", sentence);
}

static void on_stop(uv_timer_t *t)
{
    uv_stop(t->loop);
}

/* Runs the loop for ms milliseconds. */
static void pump(Live *l, unsigned ms)
{
    uv_timer_start(&l->stop, on_stop, ms, 0);
    uv_run(&l->loop, UV_RUN_DEFAULT);
}

static Live *live(double debounce_ms)
{
    Live *l = calloc(1, sizeof(*l));
    l->dir = make_tree();
    CHECK(uv_loop_init(&l->loop) == 0);
    uv_timer_init(&l->loop, &l->stop);
    char err[256];
    WatchConfig cfg = {l->dir, NULL, debounce_ms, live_note};
    l->w = watcher_create(&l->loop, &cfg, live_changed, l, err, sizeof(err));
    CHECK(l->w != NULL);
    return l;
}

static void live_end(Live *l)
{
    watcher_destroy(l->w);
    uv_close((uv_handle_t *)&l->stop, NULL);
    uv_run(&l->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&l->loop), 0);
    test_rmtree(l->dir);
    free(l->dir);
    free(l);
}

static char *in(const Live *l, const char *name)
{
    static char buf[2][1100];
    static int k;
    k = !k;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", l->dir, name);
    return buf[k];
}

/* A save whose writer closed the file is reported without waiting for a quiet time (here
 * a long one, 1.5 s): the close ends it. */
static void test_close_ends_save(void)
{
    Live *l = live(1500);
    uint64_t t0 = uv_hrtime();
    test_write_file(in(l, "main.c"), final_text);
    for (int i = 0; i < 100 && l->calls == 0; i++)
        pump(l, 10);
    CHECK_EQ_INT(l->calls, 1);
    CHECK((l->call_ns - t0) / 1000000 < 1000); /* long before the quiet time */
    CHECK_EQ_STR(l->content, final_text);
    live_end(l);
}

/* A file written in two pieces 30 ms apart, held open between them: one call, after the
 * close, with the whole file. */
static void test_slow_writer(void)
{
    Live *l = live(2);
    int fd = open(in(l, "main.c"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    CHECK(write(fd, final_text, 10) == 10);
    pump(l, 30);
    CHECK_EQ_INT(l->calls, 0);
    CHECK(watcher_pending(l->w)); /* a build made now is not loaded */
    size_t n = strlen(final_text) - 10;
    CHECK(write(fd, final_text + 10, n) == (ssize_t)n);
    pump(l, 30);
    CHECK_EQ_INT(l->calls, 0);
    CHECK(close(fd) == 0);
    pump(l, 300);
    CHECK_EQ_INT(l->calls, 1);
    CHECK_EQ_STR(l->content, final_text);
    live_end(l);
}

/* A writer that keeps its file open: given up on after the open-file quiet time. */
static void test_writer_keeps_open(void)
{
    Live *l = live(2);
    int fd = open(in(l, "main.c"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    CHECK(write(fd, final_text, strlen(final_text)) == (ssize_t)strlen(final_text));
    pump(l, 200);
    CHECK_EQ_INT(l->calls, 0);
    pump(l, 800);
    CHECK_EQ_INT(l->calls, 1);
    CHECK(close(fd) == 0); /* the close is a save's end of its own: one more */
    pump(l, 300);
    CHECK_EQ_INT(l->calls, 2);
    live_end(l);
}

/* The root removed: said once, nothing reported; made again with a source: said, watched
 * and reported. Renamed: said with the new name; renamed back: watched again. */
static void test_root_moves(void)
{
    Live *l = live(2);
    char cmd[2400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", l->dir);
    CHECK(system(cmd) == 0);
    pump(l, 200);
    CHECK_EQ_INT(l->notes, 1);
    CHECK(strstr(l->note, "was removed") != NULL);
    CHECK_EQ_INT(l->calls, 0);
    CHECK_EQ_INT(watcher_dir_count(l->w), 0);
    CHECK(mkdir(l->dir, 0777) == 0);
    pump(l, 50);
    CHECK_EQ_INT(l->notes, 2);
    CHECK(strstr(l->note, "is back") != NULL);
    test_write_file(in(l, "main.c"), final_text);
    pump(l, 300);
    CHECK_EQ_INT(l->calls, 1);
    CHECK_EQ_STR(l->content, final_text);
    char moved[1200];
    snprintf(moved, sizeof(moved), "%s-renamed", l->dir);
    CHECK(rename(l->dir, moved) == 0);
    pump(l, 200);
    CHECK_EQ_INT(l->notes, 3);
    CHECK(strstr(l->note, "was renamed to") && strstr(l->note, "-renamed"));
    CHECK(rename(moved, l->dir) == 0);
    pump(l, 200);
    CHECK_EQ_INT(l->notes, 4);
    CHECK(strstr(l->note, "is back") != NULL);
    test_write_file(in(l, "main.c"), "int main_value = 5;\n");
    pump(l, 300);
    CHECK_EQ_STR(l->content, "int main_value = 5;\n");
    live_end(l);
}

/* Links: a directory outside the tree and a header outside it are watched where they are,
 * an in-place save of either is reported; a link to a directory that contains it is a
 * loop, said once and not followed. */
static void test_links(void)
{
    char *out = test_tmpdir();
    char p[1200], q[1200];
    snprintf(p, sizeof(p), "%s/lib", out);
    CHECK(mkdir(p, 0777) == 0);
    snprintf(p, sizeof(p), "%s/lib/util.c", out);
    test_write_file(p, "int util;\n");
    snprintf(p, sizeof(p), "%s/shared.h", out);
    test_write_file(p, "#define SHARED 1\n");
    snprintf(p, sizeof(p), "%s/other.txt", out);
    test_write_file(p, "x\n");
    Live *l = calloc(1, sizeof(*l));
    l->dir = make_tree();
    snprintf(p, sizeof(p), "%s/lib", out);
    CHECK(symlink(p, in(l, "lib")) == 0);
    snprintf(p, sizeof(p), "%s/shared.h", out);
    CHECK(symlink(p, in(l, "shared.h")) == 0);
    CHECK(symlink("..", in(l, "sub/up")) == 0);
    CHECK(uv_loop_init(&l->loop) == 0);
    uv_timer_init(&l->loop, &l->stop);
    char err[256];
    WatchConfig cfg = {l->dir, NULL, 2, live_note};
    l->w = watcher_create(&l->loop, &cfg, live_changed, l, err, sizeof(err));
    CHECK(l->w != NULL);
    CHECK_EQ_INT(l->notes, 1);
    CHECK(strstr(l->note, "a loop") && strstr(l->note, "sub/up"));
    snprintf(p, sizeof(p), "%s/lib/util.c", out);
    test_write_file(p, "int util = 2;\n");
    pump(l, 200);
    CHECK_EQ_INT(l->calls, 1);
    snprintf(q, sizeof(q), "%s/shared.h", out);
    int fd = open(q, O_WRONLY | O_TRUNC); /* in place, through no link: the file itself */
    CHECK(fd >= 0);
    CHECK(write(fd, "#define SHARED 2\n", 17) == 17);
    CHECK(close(fd) == 0);
    pump(l, 300);
    CHECK_EQ_INT(l->calls, 2);
    snprintf(p, sizeof(p), "%s/other.txt", out);
    test_write_file(p, "y\n"); /* beside the header, not linked: nothing */
    pump(l, 200);
    CHECK_EQ_INT(l->calls, 2);
    CHECK_EQ_INT(l->notes, 1); /* the loop was said once */
    live_end(l);
    test_rmtree(out);
    free(out);
}

/* Which files a call's saves wrote, when that is all that changed (the builder then
 * starts their compiles at once); NULL when something else did too. */
static void expect_saved(Step step, int nsteps, const char *saved)
{
    Run *r = run(step, nsteps, 2, NULL);
    CHECK(r->calls >= 1);
    CHECK_EQ_STR(r->saved, saved);
    done(r);
}

static void remove_main(Run *r, int i)
{
    (void)i;
    CHECK(unlink(at(r, "main.c")) == 0);
}

static void test_saved_files(void)
{
    expect_saved(in_place, 3, "main.c");
    expect_saved(temp_rename, 2, "main.c,sub/x.c");
    expect_saved(vim, 4, "main.c");           /* renamed away and written anew */
    expect_saved(jetbrains, 3, "main.c");
    expect_saved(sed_i, 1, "main.c");
    expect_saved(remove_main, 1, "?");        /* a source went away */
    expect_saved(remove_dir, 1, "?");         /* a directory went */
    expect_saved(move_dir, 1, "?");
    expect_saved(new_tree_at_once, 1, "?");   /* a directory came with sources */
}

int main(void)
{
    RUN(test_in_place);
    RUN(test_temp_rename);
    RUN(test_vim);
    RUN(test_emacs);
    RUN(test_jetbrains);
    RUN(test_sed);
    RUN(test_checkout);
    RUN(test_rapid);
    RUN(test_temps_only);
    RUN(test_extensions);
    RUN(test_new_dir);
    RUN(test_new_tree_at_once);
    RUN(test_removed_dir);
    RUN(test_moved_dir);
    RUN(test_errors_and_idle);
    RUN(test_frame_driven);
    RUN(test_close_ends_save);
    RUN(test_slow_writer);
    RUN(test_writer_keeps_open);
    RUN(test_root_moves);
    RUN(test_links);
    RUN(test_saved_files);
    return 0;
}
