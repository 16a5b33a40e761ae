/* test_config_file.c: hotrun.ini through the real libinih: values land in Options, relative
 * paths are taken from the file's folder, the command line wins, and each kind of bad line is
 * refused with the file and its line number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config_file.h"
#include "testlib.h"

static char *dir;

static const char *ini(const char *text)
{
    static char path[4096];
    snprintf(path, sizeof(path), "%s/hotrun.ini", dir);
    test_write_file(path, text);
    return path;
}

static void test_values(void)
{
    Options o;
    ConfigStore store = {0};
    char err[1024];
    cli_defaults(&o);
    const char *file = ini("# a comment\n"
                           "; another\n"
                           "cc = tcc\n"
                           "cflags = -Wall -Wextra\n"
                           "pkg = libcjson zlib\n"
                           "pkg = sdl2\n"
                           "jobs = 3\n"
                           "fps = 30\n"
                           "no-guard = true\n"
                           "cache = .cache\n"
                           "save-file = /abs/q.state\n");
    CHECK_EQ_INT(config_read(file, &o, &store, err, sizeof(err)), 0);
    CHECK_EQ_STR(o.cc, "tcc");
    CHECK_EQ_STR(o.cflags, "-Wall -Wextra");
    CHECK_EQ_INT(o.npkgs, 3);
    CHECK_EQ_STR(o.pkgs[0], "libcjson");
    CHECK_EQ_STR(o.pkgs[1], "zlib");
    CHECK_EQ_STR(o.pkgs[2], "sdl2");
    CHECK_EQ_INT(o.jobs, 3);
    CHECK_EQ_INT(o.fps, 30);
    CHECK(o.no_guard);
    char want[4200];
    snprintf(want, sizeof(want), "%s/.cache", dir); /* relative to the file's folder */
    CHECK_EQ_STR(o.cache, want);
    CHECK_EQ_STR(o.save_file, "/abs/q.state");
    config_free(&store);
}

static void test_command_line_wins(void)
{
    ini("cc = tcc\nfps = 30\npkg = libcjson\n");
    char *argv[] = {"hotrun", "--once", "--cc", "gcc", "--pkg", "zlib", dir, NULL};
    Options o;
    ConfigStore store;
    char err[1024];
    CHECK_EQ_INT(cli_parse(7, argv, &o, false, err, sizeof(err)), 0);
    CHECK_EQ_INT(config_options(7, argv, &o, &store, err, sizeof(err)), 0);
    CHECK_EQ_STR(o.cc, "gcc");
    CHECK_EQ_INT(o.fps, 30); /* set by the file: --once keeps it */
    CHECK_EQ_INT(o.frames, 120);
    CHECK_EQ_INT(o.npkgs, 2); /* --pkg adds to the file's */
    CHECK_EQ_STR(o.pkgs[0], "libcjson");
    CHECK_EQ_STR(o.pkgs[1], "zlib");
    config_free(&store);

    /* --no-config: the file is not read. */
    char *argv2[] = {"hotrun", "--no-config", dir, NULL};
    CHECK_EQ_INT(cli_parse(3, argv2, &o, false, err, sizeof(err)), 0);
    CHECK_EQ_INT(config_options(3, argv2, &o, &store, err, sizeof(err)), 0);
    CHECK_EQ_STR(o.cc, getenv("CC") ? getenv("CC") : "cc");
    CHECK_EQ_INT(o.npkgs, 0);
    config_free(&store);
}

static void expect_bad(const char *text, const char *want)
{
    Options o;
    ConfigStore store = {0};
    char err[1024] = "";
    cli_defaults(&o);
    const char *file = ini(text);
    CHECK_EQ_INT(config_read(file, &o, &store, err, sizeof(err)), -1);
    char full[4200];
    snprintf(full, sizeof(full), "%s:%s", file, want);
    if (strncmp(err, full, strlen(full)) != 0) {
        fprintf(stderr, "got: %s\nwant: %s...\n", err, full);
        CHECK(0);
    }
    config_free(&store);
}

static void test_bad_lines(void)
{
    expect_bad("cc = tcc\n\ncolour = red\n", "3: unknown key 'colour'");
    expect_bad("# fine\nonce = true\n", "2: unknown key 'once'"); /* a mode, not a setting */
    expect_bad("cc = tcc\njust words\n", "2: not a key = value line");
    expect_bad("[build]\ncc = tcc\n", "2: sections are not used");
    expect_bad("jobs = 2\njobs = lots\n", "2: option --jobs: 'lots' is not a valid value");
    expect_bad("no-guard = maybe", "1: no-guard takes true or false, not 'maybe'");
    expect_bad("pkg = -lfoo\n", "1: option --pkg: '-lfoo' is not a valid value");
    /* The first bad line is named, whichever kind comes first. */
    expect_bad("a line\ncolour = red\n", "1: not a key = value line");
    expect_bad("colour = red\na line\n", "1: unknown key 'colour'");

    Options o;
    ConfigStore store = {0};
    char err[1024], missing[4200];
    cli_defaults(&o);
    snprintf(missing, sizeof(missing), "%s/none.ini", dir);
    CHECK_EQ_INT(config_read(missing, &o, &store, err, sizeof(err)), -1);
    CHECK(strstr(err, "cannot read the config file") != NULL);
    config_free(&store);
}

int main(void)
{
    dir = test_tmpdir();
    unsetenv("CC");
    RUN(test_values);
    RUN(test_command_line_wins);
    RUN(test_bad_lines);
    test_rmtree(dir);
    free(dir);
    return 0;
}
