/* main.c: main() of a --static game executable. The game's descriptor is linked in
 * directly: no loader, watcher, compiler or guard. */
#include <stdio.h>

#include "cli/options.h"
#include "core/events.h"
#include "core/host.h"

extern const HotGame hot_game;

int main(int argc, char **argv)
{
    Options opt;
    char err[1024];
    const char *name = hot_game.name ? hot_game.name : argv[0];
    if (cli_parse(argc, argv, &opt, true, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s: %s\n", name, err);
        return 2;
    }
    if (opt.mode == CLI_HELP) {
        cli_usage(stdout, argv[0], true);
        return 0;
    }
    if (opt.mode == CLI_VERSION) {
        printf("%s (built with hotrun, state version %u)\n", name, hot_game.state_version);
        return 0;
    }
    if (events_open(opt.events) < 0) {
        fprintf(stderr, "%s: cannot write events to %s\n", name, opt.events);
        return 1;
    }
    HostConfig cfg;
    cli_host_config(&opt, &cfg);
    Err e = {0};
    Host *host = host_create(&cfg, NULL, &e);
    if (!host) {
        fprintf(stderr, "%s: %s\n", name, err_text(&e, ERR_UNSUPPORTED));
        events_close();
        return 1;
    }
    int rc = host_start(host, &hot_game, 1, &e);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", name, err_text(&e, rc));
        host_set_exit_status(host, 1);
        host_finish(host);
        host_destroy(host);
        events_close();
        return 1;
    }
    host_run(host);
    int status = host_finish(host);
    host_destroy(host);
    events_close();
    return status;
}
