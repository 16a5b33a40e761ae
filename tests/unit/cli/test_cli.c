/* test_cli.c: hotrun's command line and a --static game's, including what they refuse. */
#include <stdlib.h>

#include "cli/options.h"
#include "platform/input.h"
#include "testlib.h"

static int parse(Options *o, bool release, char *err, int argc, char **argv)
{
    return cli_parse(argc, argv, o, release, err, 256);
}

#define ARGS(...) ((char *[]){"hotrun", __VA_ARGS__, NULL})
#define COUNT(...) ((int)(sizeof((char *[]){"hotrun", __VA_ARGS__}) / sizeof(char *)))
#define PARSE(o, release, err, ...) parse(o, release, err, COUNT(__VA_ARGS__), ARGS(__VA_ARGS__))

static void test_defaults(void)
{
    Options o;
    char err[256];
    unsetenv("CC");
    unsetenv("CFLAGS");
    CHECK_EQ_INT(PARSE(&o, false, err, "game/src"), 0);
    CHECK_EQ_INT(o.mode, CLI_DEV);
    CHECK_EQ_STR(o.dir, "game/src");
    CHECK_EQ_STR(o.cc, "cc");
    CHECK(o.cflags == NULL);
    CHECK_EQ_INT(o.frames, -1);
    CHECK_EQ_INT(o.fps, 60);
    CHECK(!o.headless && !o.no_guard);

    setenv("CC", "clang", 1);
    CHECK_EQ_INT(PARSE(&o, false, err, "--cc=tcc", "d"), 0);
    CHECK_EQ_STR(o.cc, "tcc"); /* the option wins over the environment */
    CHECK_EQ_INT(PARSE(&o, false, err, "d"), 0);
    CHECK_EQ_STR(o.cc, "clang");
    unsetenv("CC");
}

static void test_once(void)
{
    Options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, false, err, "--once", "d"), 0);
    CHECK_EQ_INT(o.mode, CLI_ONCE);
    CHECK(o.headless);
    CHECK_EQ_INT(o.frames, 120);
    CHECK_EQ_INT(o.fps, 0);
    CHECK_EQ_INT(PARSE(&o, false, err, "--once", "--frames", "7", "--fps", "30", "d"), 0);
    CHECK_EQ_INT(o.frames, 7);
    CHECK_EQ_INT(o.fps, 30);
}

static void test_values(void)
{
    Options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, false, err, "-j4", "--jobs", "3", "--debounce", "12.5",
                       "--budget=0.5", "--seed", "0x10", "--no-guard", "d"),
                 0);
    CHECK_EQ_INT(o.jobs, 3);
    CHECK_EQ_INT(o.nice, 10); /* the default: compilers leave the game its frames */
    CHECK(o.debounce_ms == 12.5);
    CHECK(o.budget_s == 0.5);
    CHECK_EQ_INT(o.seed, 16);
    CHECK(o.no_guard);
    CHECK_EQ_INT(PARSE(&o, false, err, "-j2", "--nice", "0", "d"), 0);
    CHECK_EQ_INT(o.jobs, 2);
    CHECK_EQ_INT(o.nice, 0);
    CHECK_EQ_INT(PARSE(&o, false, err, "--static", "d", "-o", "out"), 0);
    CHECK_EQ_INT(o.mode, CLI_STATIC);
    CHECK_EQ_STR(o.output, "out");
    CHECK_EQ_INT(PARSE(&o, false, err, "dump", "f.state"), 0);
    CHECK_EQ_INT(o.mode, CLI_DUMP);
    CHECK_EQ_STR(o.dir, "f.state");
}

static void expect_refused(const char *want, int argc, char **argv, bool release)
{
    Options o;
    char err[256] = "";
    CHECK_EQ_INT(parse(&o, release, err, argc, argv), -1);
    if (!strstr(err, want))
        fprintf(stderr, "got: %s\n", err);
    CHECK(strstr(err, want) != NULL);
}

#define REFUSED(want, ...) expect_refused(want, COUNT(__VA_ARGS__), ARGS(__VA_ARGS__), false)

static void test_refusals(void)
{
    REFUSED("no game directory given", "--headless");
    REFUSED("one game directory only", "a", "b");
    REFUSED("unknown option '--frobnicate'", "--frobnicate", "d");
    REFUSED("option --frames needs a value", "d", "--frames");
    REFUSED("'-3' is not a valid value", "--frames", "-3", "d");
    REFUSED("'x' is not a valid value", "--fps", "x", "d");
    REFUSED("'-1' is not a valid value", "--seed", "-1", "d");
    REFUSED("'0' is not a valid value", "-j", "0", "d");
    REFUSED("option --nice: '20' is not a valid value", "--nice", "20", "d");
    REFUSED("option --nice: '-5' is not a valid value", "--nice=-5", "d");
    REFUSED("two modes", "--once", "--static", "d");
    REFUSED("--build and --lib go together", "--build", "make", "d");
    REFUSED("-o is for --static", "-o", "x", "d");
    REFUSED("usage: hotrun dump FILE", "dump");
    REFUSED("option --host-keys: 'shift' is not ctrl, alt, super or none", "--host-keys",
            "shift", "d");
}

/* --host-keys: the modifier of hotrun's own keys, into the host's config. */
static void test_host_keys(void)
{
    Options o;
    char err[256];
    HostConfig hc;
    CHECK_EQ_INT(PARSE(&o, false, err, "d"), 0);
    cli_host_config(&o, &hc);
    CHECK_EQ_INT(hc.host_mod, HOST_MOD_CTRL); /* the default: the game has plain F-keys */
    CHECK_EQ_INT(PARSE(&o, false, err, "--host-keys", "alt", "d"), 0);
    cli_host_config(&o, &hc);
    CHECK_EQ_INT(hc.host_mod, HOST_MOD_ALT);
    CHECK_EQ_INT(PARSE(&o, false, err, "--host-keys=none", "d"), 0);
    CHECK_EQ_INT(o.host_mod, HOST_MOD_NONE);
    CHECK_EQ_INT(cli_config_key("host-keys"), 0);
    CHECK_EQ_INT(cli_config_set(&o, "host-keys", "super", err, sizeof(err)), 0);
    CHECK_EQ_INT(o.host_mod, HOST_MOD_GUI);
}

static void test_release(void)
{
    Options o;
    char err[256];
    CHECK_EQ_INT(parse(&o, true, err, 4, (char *[]){"game", "--headless", "--frames", "60", NULL}),
                 0);
    CHECK(o.headless);
    CHECK_EQ_INT(o.frames, 60);
    CHECK(o.dir == NULL);
    /* A shipped game has no compiler options and takes no directory. */
    expect_refused("unknown option '--cc'", 3, (char *[]){"game", "--cc", "tcc", NULL}, true);
    expect_refused("unexpected argument 'src'", 2, (char *[]){"game", "src", NULL}, true);
    CHECK_EQ_INT(parse(&o, true, err, 2, (char *[]){"game", "--help", NULL}), 0);
    CHECK_EQ_INT(o.mode, CLI_HELP);
}

static void test_new_and_pkgs(void)
{
    Options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, false, err, "new", "mygame"), 0);
    CHECK_EQ_INT(o.mode, CLI_NEW);
    CHECK_EQ_STR(o.dir, "mygame");
    expect_refused("usage: hotrun new DIR", 2, (char *[]){"hotrun", "new", NULL}, false);
    expect_refused("usage: hotrun new DIR", 4, (char *[]){"hotrun", "new", "a", "b", NULL},
                   false);
    CHECK_EQ_INT(PARSE(&o, false, err, "--pkg", "libcjson", "--pkg=zlib",
                       "--no-config", "d"),
                 0);
    CHECK_EQ_INT(o.npkgs, 2);
    CHECK_EQ_STR(o.pkgs[0], "libcjson");
    CHECK_EQ_STR(o.pkgs[1], "zlib");
    CHECK(o.no_config);
    expect_refused("option --pkg: 'a b' is not a valid value", 4,
                   (char *[]){"hotrun", "--pkg", "a b", "d", NULL}, false);
    /* A game's executable takes none of them. */
    expect_refused("unknown option '--pkg'", 3, (char *[]){"game", "--pkg", "x", NULL}, true);
}

int main(void)
{
    char *dir = test_tmpdir(); /* also registers the check count report */
    test_rmtree(dir);
    free(dir);
    RUN(test_defaults);
    RUN(test_once);
    RUN(test_values);
    RUN(test_refusals);
    RUN(test_release);
    RUN(test_host_keys);
    RUN(test_new_and_pkgs);
    return 0;
}
