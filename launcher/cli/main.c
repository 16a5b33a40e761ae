/* main.c: the hotrun command: develop, --once, --static, dump and new. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/config_file.h"
#include "cli/modes.h"
#include "cli/options.h"
#include "config.h"
#include "state/state.h"

static int dump(const char *path)
{
    StateImage img = {0};
    int rc = state_image_read(path, &img); /* the header first: a big non-image is not read */
    if (rc == 0)
        rc = state_image_check(&img);
    if (rc == 0)
        rc = state_image_to_json(&img, stdout);
    state_image_free(&img);
    if (rc < 0) {
        fprintf(stderr, "hotrun: %s: %s\n", path, state_error_text(rc));
        return 1;
    }
    return 0;
}

static int run(const Options *opt)
{
    switch (opt->mode) {
    case CLI_HELP:
        cli_usage(stdout, "hotrun", false);
        return 0;
    case CLI_VERSION:
        printf("hotrun %s (ABI %u)\n", HOTRUN_VERSION, HOT_ABI_VERSION);
        return 0;
    case CLI_DUMP:
        return dump(opt->dir);
    case CLI_NEW:
        return new_main(opt);
    case CLI_ONCE:
        return once_main(opt);
    case CLI_REPLAY:
        return replay_main(opt);
    case CLI_VERIFY:
        return verify_main(opt);
    case CLI_STATIC:
        return release_main(opt);
    case CLI_DEV:
        break;
    }
    return develop_main(opt);
}

int main(int argc, char **argv)
{
    Options opt;
    char err[1024];
    ConfigStore config = {0};
    int status = 2;
    /* The command line alone first: it names the game directory and so the config file;
     * then defaults < config file < command line. */
    /* A closed reader of --events - (or of anything else) is a write error hotrun reports,
     * never its death; `hotrun dump FILE | head` may end the usual way. */
    if (argc < 2 || strcmp(argv[1], "dump") != 0)
        signal(SIGPIPE, SIG_IGN);
    if (cli_parse(argc, argv, &opt, false, err, sizeof(err)) < 0 ||
        config_options(argc, argv, &opt, &config, err, sizeof(err)) < 0)
        fprintf(stderr, "hotrun: %s\n", err);
    else
        status = run(&opt);
    config_free(&config);
    return status;
}
