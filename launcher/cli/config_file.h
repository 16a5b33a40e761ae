/* config_file.h: the per-game config file, DIR/hotrun.ini: the options a user would otherwise type
 * every time (compiler, flags, pkg-config libraries, ...), read with libinih. */
#ifndef HOTRUN_CLI_CONFIG_FILE_H
#define HOTRUN_CLI_CONFIG_FILE_H

#include <stddef.h>

#include "cli/options.h"

/* The strings the config's values point to; they live until config_free. */
typedef struct ConfigStore {
    char **strings;
    int count;
    char path[4096]; /* the file read, "" when none */
} ConfigStore;

/* Reads FILE's `key = value` lines onto o: each key is an option's long name without the
 * dashes (see cli_config_key), `pkg` may list several names, a relative path is taken from
 * the file's folder. Lines starting with # or ; are comments; sections are not used.
 * 0, or -1 with one sentence naming the file and line ("game/hotrun.ini:3: unknown key
 * 'colour' ..."). */
int config_read(const char *file, Options *o, ConfigStore *store, char *err, size_t errlen);

/* The options of a run: built-in defaults and the environment, then the config file
 * (--config FILE, else DIR/hotrun.ini when it exists; none with --no-config), then the
 * command line, which wins. *o already holds the command line parsed alone (it names DIR).
 * 0, or -1 with one sentence in err. */
int config_options(int argc, char **argv, Options *o, ConfigStore *store, char *err,
                   size_t errlen);

void config_free(ConfigStore *store);

#endif
