/* test_toolchain.c: the commands hotrun runs, for gcc (through ld), tcc and release builds,
 * and what the real compiler says about itself. */
#include <sys/stat.h>

#include "dev/toolchain.h"
#include "testlib.h"

static bool has(const Strv *a, const char *s)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->v[i], s) == 0)
            return true;
    return false;
}

static void test_gcc(void)
{
    const char *cflags[] = {"-DX=1", NULL};
    ToolchainConfig cfg = {.cc = "cc", .cflags = cflags, .include_dir = "/inc", .ask = true};
    Toolchain t;
    toolchain_init(&t, &cfg);
    CHECK(!t.tcc);
    Strv a = {0};
    toolchain_compile_argv(&t, "sub/a.c", "/o/sub/a.c.o", "/o/sub/a.c.d", false, &a);
    CHECK_EQ_STR(a.v[0], "cc");
    CHECK(has(&a, "-fPIC") && has(&a, "-O0") && has(&a, "-I/inc") && has(&a, "-DX=1"));
    CHECK(has(&a, "-MMD") && has(&a, "/o/sub/a.c.d"));
    CHECK_EQ_STR(a.v[a.n - 1], "sub/a.c");
    CHECK_EQ_STR(a.v[a.n - 2], "/o/sub/a.c.o");
    uint64_t h = toolchain_argv_hash(&a);
    strv_push(&a, "-fdiagnostics-color=always"); /* how errors look: same hash */
    CHECK(toolchain_argv_hash(&a) == h);
    strv_push(&a, "-DY");
    CHECK(toolchain_argv_hash(&a) != h);
    strv_free(&a);

    char *objs[] = {"/o/a.o", "/o/b.o"};
    toolchain_link_argv(&t, "/o/game.so.new", objs, 2, &a);
    if (toolchain_ld_can_link(&t)) {
        /* ld itself, without the default libraries, with the compiler's helper archive. */
        CHECK_EQ_STR(a.v[0], t.ld);
        CHECK(has(&a, "noexecstack") && has(&a, t.libgcc));
        CHECK(has(&a, "-Bsymbolic")); /* the game's names bind to the game */
    } else {
        CHECK_EQ_STR(a.v[0], "cc");
        CHECK(has(&a, "-nostdlib") && has(&a, "-Wl,-Bsymbolic"));
    }
    CHECK(has(&a, "/o/a.o") && has(&a, "/o/b.o") && has(&a, "/o/game.so.new"));
    strv_free(&a);
    toolchain_free(&t);

    /* A flag only the driver understands: the driver links. */
    const char *san[] = {"-fsanitize=address", NULL};
    cfg.cflags = san;
    toolchain_init(&t, &cfg);
    CHECK(!toolchain_ld_can_link(&t));
    toolchain_free(&t);
}

static void test_tcc_and_release(void)
{
    ToolchainConfig cfg = {.cc = "ccache /usr/bin/tcc", .include_dir = "/inc"};
    Toolchain t;
    toolchain_init(&t, &cfg);
    CHECK(t.tcc); /* by name, after a wrapper */
    CHECK_EQ_INT(t.cc.n, 2);
    Strv a = {0};
    toolchain_compile_argv(&t, "a.c", "a.o", "a.d", false, &a);
    CHECK(has(&a, "-MD") && !has(&a, "-MMD"));
    CHECK(!has(&a, TOOLCHAIN_NO_TABLES));
    uint64_t h = toolchain_argv_hash(&a);
    strv_free(&a);
    /* A file that uses no schema table: without them, under the same hash (whether a file
     * gets the flag follows from its text, which its stamp covers). */
    CHECK(toolchain_leaves_out_tables(&t));
    toolchain_compile_argv(&t, "a.c", "a.o", "a.d", true, &a);
    CHECK(has(&a, TOOLCHAIN_NO_TABLES));
    CHECK(toolchain_argv_hash(&a) == h);
    CHECK_EQ_STR(a.v[a.n - 1], "a.c");
    strv_free(&a);
    char *tobjs[] = {"a.o"};
    toolchain_link_argv(&t, "game.so", tobjs, 1, &a);
    CHECK(has(&a, "-shared") && has(&a, "-Wl,-Bsymbolic")); /* DT_SYMBOLIC; elf.c binds */
    strv_free(&a);
    toolchain_free(&t);

    const char *exe_args[] = {"runtime.a", "-lSDL2", NULL};
    cfg = (ToolchainConfig){.cc = NULL, .include_dir = "/inc", .release = true,
                            .exe_link_args = exe_args, .ask = true};
    toolchain_init(&t, &cfg);
    CHECK_EQ_STR(t.cc.v[0], "cc");
    toolchain_compile_argv(&t, "a.c", "a.o", "a.d", false, &a);
    CHECK(has(&a, "-O2") && has(&a, "-fPIE") && !has(&a, "-fPIC"));
    strv_free(&a);
    CHECK(!toolchain_leaves_out_tables(&t)); /* gcc drops unused tables itself */
    toolchain_compile_argv(&t, "a.c", "a.o", "a.d", true, &a);
    CHECK(!has(&a, TOOLCHAIN_NO_TABLES));
    strv_free(&a);
    char *objs[] = {"a.o"};
    toolchain_link_argv(&t, "game", objs, 1, &a);
    CHECK(!has(&a, "-shared") && !has(&a, "-Wl,-Bsymbolic"));
    CHECK_EQ_STR(a.v[a.n - 1], "-lSDL2");
    strv_free(&a);
    toolchain_free(&t);
}

/* The compiler's answers are kept in answers_file: a second start with the same compiler
 * reads them instead of asking, a changed file is asked again, a different compiler's
 * answers are not taken. */
static void test_answers_kept(void)
{
    char *dir = test_tmpdir();
    char file[600], fake[600], text[1400];
    snprintf(file, sizeof(file), "%s/cache/toolchain.answers", dir);
    ToolchainConfig cfg = {.cc = "cc", .include_dir = "/inc", .ask = true,
                           .answers_file = file};
    Toolchain asked, kept;
    toolchain_init(&asked, &cfg);
    FILE *f = fopen(file, "r");
    CHECK(f != NULL); /* written by the first start */
    fclose(f);
    toolchain_init(&kept, &cfg);
    CHECK(kept.toplevel_reorder == asked.toplevel_reorder);
    CHECK((kept.libgcc == NULL) == (asked.libgcc == NULL));
    if (asked.libgcc)
        CHECK_EQ_STR(kept.libgcc, asked.libgcc);
    toolchain_free(&kept);

    /* Answers that differ from what the compiler would say, under the same compiler's
     * identity, are taken as they are: the compiler was not asked. */
    f = fopen(file, "r");
    CHECK(f != NULL);
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    char *tl = strstr(text, "toplevel ");
    CHECK(tl != NULL);
    tl[9] = asked.toplevel_reorder ? '0' : '1';
    test_write_file(file, text);
    toolchain_init(&kept, &cfg);
    CHECK(kept.toplevel_reorder != asked.toplevel_reorder);
    toolchain_free(&kept);

    /* Another compiler (a script named differently): its own answers, not these. */
    snprintf(fake, sizeof(fake), "%s/othercc", dir);
    snprintf(text, sizeof(text), "#!/bin/sh\nexec cc \"$@\"\n");
    test_write_file(fake, text);
    chmod(fake, 0755);
    cfg.cc = fake;
    toolchain_init(&kept, &cfg);
    CHECK(kept.toplevel_reorder == asked.toplevel_reorder);
    toolchain_free(&kept);
    f = fopen(file, "r");
    CHECK(f != NULL);
    n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    CHECK(strstr(text, "othercc") != NULL); /* now the kept answers are othercc's */

    toolchain_free(&asked);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_answers_kept);
    RUN(test_gcc);
    RUN(test_tcc_and_release);
    return 0;
}
