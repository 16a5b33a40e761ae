/* main.c: main() of a --static game executable. The game's descriptor is linked in
 * directly: no loader, watcher, compiler or guard. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "core/asset_pack.h"
#include "core/events.h"
#include "core/host.h"

extern const HotGame hot_game;

/* The asset folder: --assets, else the folder "assets" beside the executable (exe, its
 * own path), so the game runs from any working directory. */
static void asset_root(const Options *opt, const char *exe, char *out, size_t size)
{
    if (opt->assets) {
        char abs[PATH_MAX];
        snprintf(out, size, "%s", realpath(opt->assets, abs) ? abs : opt->assets);
        return;
    }
    const char *slash = strrchr(exe, '/');
    if (!slash) {
        snprintf(out, size, "assets");
        return;
    }
    snprintf(out, size, "%.*s/assets", (int)(slash - exe), exe);
}

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
    char assets[PATH_MAX], exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[len > 0 ? len : 0] = '\0';
    asset_root(&opt, exe, assets, sizeof(assets));
    struct stat st;
    /* No folder: the assets built into the executable, if it carries them. */
    AssetPack *pack = !opt.assets && stat(assets, &st) != 0 ? asset_pack_open(exe) : NULL;
    HostConfig cfg;
    cli_host_config(&opt, &cfg);
    cfg.assets = pack ? "(built into the executable)" : assets;
    Err e = {0};
    Host *host = host_create(&cfg, NULL, &e);
    if (!host) {
        fprintf(stderr, "%s: %s\n", name, err_text(&e, ERR_UNSUPPORTED));
        asset_pack_close(pack);
        events_close();
        return 1;
    }
    if (pack)
        assets_set_reader(host_assets(host), asset_pack_read, pack);
    int rc = host_start(host, &hot_game, 1, &e);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", name, err_text(&e, rc));
        host_set_exit_status(host, 1);
        host_finish(host);
        host_destroy(host);
        asset_pack_close(pack);
        events_close();
        return 1;
    }
    host_run(host);
    int status = host_finish(host);
    host_destroy(host);
    asset_pack_close(pack);
    events_close();
    return status;
}
