/* toolchain.c: compile and link commands, and what compilers say about themselves. */
#include "dev/toolchain.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/spawn.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/which.h"

/* FNV-1a over the arguments, each with its terminating NUL. The diagnostics colour flag is
 * left out: it follows whether stderr is a terminal and changes how errors look, not the
 * output, so it must not make every object stale. So is the no-tables flag: whether a file
 * gets it follows from the file's text, which its stamp already covers. */
uint64_t toolchain_argv_hash(const Strv *a)
{
    uint64_t h = HASH_FNV1A_INIT;
    for (int i = 0; i < a->n; i++)
        if (strncmp(a->v[i], "-fdiagnostics-color", 19) != 0 &&
            strcmp(a->v[i], TOOLCHAIN_NO_TABLES) != 0)
            h = hash_bytes(h, a->v[i], strlen(a->v[i]) + 1);
    return h;
}

bool toolchain_leaves_out_tables(const Toolchain *t)
{
    return t->tcc && !t->release;
}

/* What a compile of a game file means, without what it writes: language, optimisation,
 * the include path, the user's flags. */
static void push_compile_flags(const Toolchain *t, bool no_tables, Strv *a)
{
    strv_push(a, "-std=gnu11");
    if (t->release) {
        strv_push(a, "-O2");
        strv_push(a, "-fPIE");
    } else {
        strv_push(a, "-O0");
        strv_push(a, "-g");
        strv_push(a, "-fPIC");
        /* The game's own calls bind inside the library (a game function named like one
         * of libc's or SDL's stays the game's); HOT_EXPORT marks the descriptor. */
        strv_push(a, "-fvisibility=hidden");
        /* gcc at -O0 writes out every static const object and static function, used or
         * not: hot.h's schema tables then land in every file that includes a HOT_STATE
         * header (0.5 MB of relocated data for 204 files, 2.5 ms of every dlopen and
         * dlclose). With this (on at -O1 and up) only the file with HOT_GAME keeps them. */
        if (t->toplevel_reorder)
            strv_push(a, "-ftoplevel-reorder");
    }
    if (t->color && !t->tcc)
        strv_push(a, "-fdiagnostics-color=always");
    char *inc = str_fmt("-I%s", t->include_dir);
    strv_push(a, inc);
    free(inc);
    strv_push_all(a, &t->cflags);
    if (no_tables && toolchain_leaves_out_tables(t))
        strv_push(a, TOOLCHAIN_NO_TABLES);
}

void toolchain_compile_argv(const Toolchain *t, const char *rel, const char *obj,
                            const char *dep, bool no_tables, Strv *a)
{
    strv_push_all(a, &t->cc);
    strv_push(a, "-c");
    push_compile_flags(t, no_tables, a);
    strv_push(a, t->tcc ? "-MD" : "-MMD"); /* tcc's -MD already leaves out system headers */
    strv_push(a, "-MF");
    strv_push(a, dep);
    strv_push(a, "-o");
    strv_push(a, obj);
    strv_push(a, rel);
}

/* True when the link can skip the compiler driver: every extra link flag means the same
 * to ld (-l, -L, -Wl,) and no compile flag needs the driver's own link steps (LTO plugins,
 * another target, sanitizer runtimes, profiling). */
bool toolchain_ld_can_link(const Toolchain *t)
{
    if (!t->ld || t->release || t->tcc || !t->libgcc)
        return false;
    for (int i = 0; i < t->ldflags.n; i++) {
        const char *f = t->ldflags.v[i];
        if (strncmp(f, "-l", 2) != 0 && strncmp(f, "-L", 2) != 0 && strncmp(f, "-Wl,", 4) != 0)
            return false;
    }
    static const char *const driver_flags[] = {"-flto",     "-m32",       "-mx32",
                                               "-m16",      "-fsanitize", "--coverage",
                                               "-fprofile", "-pg",        "-fopenmp"};
    for (int i = 0; i < t->cflags.n; i++)
        for (size_t k = 0; k < sizeof(driver_flags) / sizeof(driver_flags[0]); k++)
            if (strncmp(t->cflags.v[i], driver_flags[k], strlen(driver_flags[k])) == 0)
                return false;
    return true;
}

/* The link command. A game library is linked without the default libraries: the host has
 * libc and libm loaded (in its global scope, where the game's calls resolve at dlopen; the
 * probe loads libm the same way), and skipping their linker scripts and symbol tables makes
 * the link several times faster (ld.bfd: 20-25 ms with them, 9 with libm alone, 4 without).
 * libgcc supplies the compiler's helper functions (popcount, 128-bit division). A develop
 * build runs ld itself rather than the compiler driver: the driver and collect2 are two more
 * programs to start for each link, a third of a small game's link time. tcc links itself,
 * faster than ld (3 times with a big game's debug information), but writes no GNU_STACK
 * header, which makes the loader give the process an executable stack (or, with newer
 * glibc, refuse the library): elf_add_gnu_stack adds it after the link.
 * -Bsymbolic: the game's functions and variables are the game's. Its calls between its own
 * files bind inside the library, never to a function of the host or of one of its ~90
 * libraries with the same name, and dlopen looks none of them up (tcc ignores
 * -fvisibility=hidden and only marks the library DT_SYMBOLIC: elf_bind_locally binds them
 * after the link). */
void toolchain_link_argv(const Toolchain *t, const char *out, char *const *objs, int nobjs,
                         Strv *a)
{
    bool use_ld = toolchain_ld_can_link(t);
    if (use_ld) {
        strv_push(a, t->ld);
        strv_push(a, "-shared");
        strv_push(a, "-z");
        strv_push(a, "noexecstack");
        strv_push(a, "--eh-frame-hdr"); /* as the driver does: unwinders find the tables */
        strv_push(a, "-Bsymbolic");
    } else {
        strv_push_all(a, &t->cc);
        if (!t->release) {
            strv_push(a, "-shared");
            strv_push(a, "-nostdlib");
            if (!t->tcc)
                strv_push(a, "-Wl,-z,noexecstack");
            strv_push(a, "-Wl,-Bsymbolic");
        }
    }
    strv_push(a, "-o");
    strv_push(a, out);
    for (int i = 0; i < nobjs; i++)
        strv_push(a, objs[i]);
    for (int i = 0; i < t->ldflags.n; i++) {
        const char *f = t->ldflags.v[i];
        if (use_ld && strncmp(f, "-Wl,", 4) == 0) {
            /* The driver's -Wl,a,b is ld's a b. */
            char *copy = xstrdup(f + 4), *save = NULL;
            for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
                strv_push(a, t);
            free(copy);
        } else {
            strv_push(a, f);
        }
    }
    if (t->release) {
        strv_push_all(a, &t->exe_link_args);
        return;
    }
    if (t->tcc && t->libtcc1)
        strv_push(a, t->libtcc1);
    if (!t->tcc)
        strv_push(a, use_ld ? t->libgcc : "-lgcc");
}

bool toolchain_links_in_compile(const Toolchain *t)
{
    return t->tcc && !t->release;
}

/* tcc compiles and links in one run: the link command with the edited file's source (and
 * the compile flags) where its object would be. */
void toolchain_compile_link_argv(const Toolchain *t, const char *out, char *const *objs,
                                 int nobjs, int edited, const char *rel, bool no_tables,
                                 Strv *a)
{
    Strv link = {0};
    toolchain_link_argv(t, out, objs, nobjs, &link);
    bool replaced = false;
    for (int i = 0; i < link.n; i++) {
        if (!replaced && i >= t->cc.n && strcmp(link.v[i], objs[edited]) == 0) {
            strv_push(a, rel);
            replaced = true;
            continue;
        }
        strv_push(a, link.v[i]);
        if (i == t->cc.n - 1) /* after the compiler's words */
            push_compile_flags(t, no_tables, a);
    }
    strv_free(&link);
}

/* tcc names its helper archive in -print-search-dirs ("libtcc1:" then the path). */
static char *tcc_helper_archive(const char *tcc)
{
    const char *argv[] = {tcc, "-print-search-dirs", NULL};
    SpawnOptions opt = {.argv = argv, .timeout_s = 5};
    SpawnResult r;
    char err[256];
    if (spawn_run(&opt, &r, err, sizeof(err)) != 0)
        return NULL;
    char *found = NULL;
    const char *p = strstr(r.output, "libtcc1:");
    if (p && r.exit_status == 0) {
        p += strlen("libtcc1:");
        p += strspn(p, " \t\r\n");
        size_t n = strcspn(p, "\r\n");
        if (n)
            found = str_fmt("%.*s", (int)n, p);
    }
    free((char *)r.output);
    return found;
}

/* Asks the compiler for its helper archive (libgcc.a, or clang's builtins: for a link by ld
 * itself) with gcc's -ftoplevel-reorder on the same command line: gcc (which knows the
 * flag) prints the path alone, clang refuses the flag, and then the question is asked again
 * without it. Sets t->libgcc (NULL: none that exists) and t->toplevel_reorder. */
static void ask_compiler(Toolchain *t)
{
    for (int with_flag = 1; with_flag >= 0; with_flag--) {
        Strv argv = {0};
        strv_push_all(&argv, &t->cc);
        if (with_flag)
            strv_push(&argv, "-ftoplevel-reorder");
        strv_push(&argv, "-print-libgcc-file-name");
        SpawnOptions opt = {.argv = (const char *const *)argv.v, .timeout_s = 5};
        SpawnResult r;
        char err[256];
        bool answered = false;
        if (spawn_run(&opt, &r, err, sizeof(err)) == 0) {
            size_t n = strcspn(r.output, "\r\n");
            /* One line, a path: anything else (an error about the flag) is a refusal. */
            answered = r.exit_status == 0 && n && r.output[0] == '/' &&
                       strspn(r.output + n, "\r\n") == strlen(r.output + n);
            if (answered) {
                t->libgcc = str_fmt("%.*s", (int)n, r.output);
                if (access(t->libgcc, R_OK) != 0) {
                    free(t->libgcc);
                    t->libgcc = NULL;
                }
            }
            free((char *)r.output);
        }
        strv_free(&argv);
        if (answered) {
            t->toplevel_reorder = with_flag;
            return;
        }
    }
}

/* What identifies the compiler: each word of the command resolved to its file (through
 * PATH and symbolic links), with that file's size and modification time. NULL when a word
 * cannot be found (then nothing is kept). */
static char *compiler_identity(const Toolchain *t)
{
    char *key = xstrdup("");
    for (int i = 0; i < t->cc.n; i++) {
        char found[PATH_MAX], real[PATH_MAX];
        const char *w = t->cc.v[i];
        if (strchr(w, '/'))
            snprintf(found, sizeof(found), "%s", w);
        else if (which(w, found, sizeof(found)) != 0)
            found[0] = '\0';
        struct stat st;
        if (!found[0] || !realpath(found, real) || stat(real, &st) != 0) {
            if (i == t->cc.n - 1 || !found[0]) { /* the compiler itself, or a missing word */
                free(key);
                return NULL;
            }
            continue; /* a flag after a wrapper, say */
        }
        char *next = str_fmt("%s%s %lld.%09ld %lld;", key, real, (long long)st.st_mtim.tv_sec,
                             st.st_mtim.tv_nsec, (long long)st.st_size);
        free(key);
        key = next;
    }
    return key;
}

#define ANSWERS_MAGIC "hotrun-toolchain-answers 1"

/* The answers kept for this compiler: true when the file holds them (same identity). */
static bool read_answers(Toolchain *t, const char *file, const char *key)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return false;
    char line[PATH_MAX + 64], libgcc[PATH_MAX] = "", libtcc1[PATH_MAX] = "";
    bool magic = false, same = false;
    int toplevel = -1;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, ANSWERS_MAGIC) == 0)
            magic = true;
        else if (strncmp(line, "key ", 4) == 0)
            same = strcmp(line + 4, key) == 0;
        else if (strncmp(line, "libgcc ", 7) == 0)
            snprintf(libgcc, sizeof(libgcc), "%s", line + 7);
        else if (strncmp(line, "libtcc1 ", 8) == 0)
            snprintf(libtcc1, sizeof(libtcc1), "%s", line + 8);
        else if (strncmp(line, "toplevel ", 9) == 0)
            toplevel = atoi(line + 9);
    }
    fclose(f);
    if (!magic || !same || toplevel < 0)
        return false;
    /* A helper archive that went away since: ask again. */
    if ((libgcc[0] && access(libgcc, R_OK) != 0) || (libtcc1[0] && access(libtcc1, R_OK) != 0))
        return false;
    t->libgcc = libgcc[0] ? xstrdup(libgcc) : NULL;
    t->libtcc1 = libtcc1[0] ? xstrdup(libtcc1) : NULL;
    t->toplevel_reorder = toplevel == 1;
    return true;
}

/* Keeps the answers (a temporary file renamed over the old one). Best effort: without it
 * the next start asks again. */
static void write_answers(const Toolchain *t, const char *file, const char *key)
{
    if (fs_mkdirs_parent(file) < 0)
        return;
    char *tmp = str_fmt("%s.tmp-%d", file, (int)getpid());
    FILE *f = fopen(tmp, "w");
    if (f) {
        fprintf(f, "%s\nkey %s\nlibgcc %s\nlibtcc1 %s\ntoplevel %d\n", ANSWERS_MAGIC, key,
                t->libgcc ? t->libgcc : "", t->libtcc1 ? t->libtcc1 : "", t->toplevel_reorder);
        if (fclose(f) == 0 && rename(tmp, file) == 0) {
            free(tmp);
            return;
        }
    }
    unlink(tmp);
    free(tmp);
}

void toolchain_init(Toolchain *t, const ToolchainConfig *cfg)
{
    *t = (Toolchain){0};
    strv_push_words(&t->cc, cfg->cc && *cfg->cc ? cfg->cc : "cc");
    if (t->cc.n == 0)
        strv_push(&t->cc, "cc");
    strv_push_list(&t->cflags, cfg->cflags);
    strv_push_list(&t->ldflags, cfg->ldflags);
    strv_push_list(&t->exe_link_args, cfg->exe_link_args);
    t->include_dir = cfg->include_dir ? xstrdup(cfg->include_dir) : NULL;
    t->release = cfg->release;
    t->color = cfg->color;
    /* tcc is recognised by name, the last word of cc (after a wrapper such as ccache). */
    const char *last = t->cc.v[t->cc.n - 1];
    const char *base = strrchr(last, '/') ? strrchr(last, '/') + 1 : last;
    t->tcc = strstr(base, "tcc") != NULL;
    if (!cfg->ask || t->release)
        return;
    char *key = cfg->answers_file ? compiler_identity(t) : NULL;
    bool kept = key && read_answers(t, cfg->answers_file, key);
    if (t->tcc) {
        if (!kept)
            t->libtcc1 = tcc_helper_archive(last);
    } else {
        if (!kept)
            ask_compiler(t);
        char ld[PATH_MAX];
        t->ld = which("ld", ld, sizeof(ld)) == 0 ? xstrdup(ld) : NULL;
    }
    if (key && !kept)
        write_answers(t, cfg->answers_file, key);
    free(key);
}

void toolchain_free(Toolchain *t)
{
    strv_free(&t->cc);
    strv_free(&t->cflags);
    strv_free(&t->ldflags);
    strv_free(&t->exe_link_args);
    free(t->include_dir);
    free(t->libtcc1);
    free(t->libgcc);
    free(t->ld);
    *t = (Toolchain){0};
}
