/* options.h: hotrun's command line, and the subset a --static game executable accepts. */
#ifndef HOTRUN_CLI_H
#define HOTRUN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/host.h"

typedef enum CliMode {
    CLI_DEV = 0, /* hotrun DIR */
    CLI_ONCE,    /* hotrun --once DIR */
    CLI_STATIC,  /* hotrun --static DIR */
    CLI_DUMP,    /* hotrun dump FILE */
    CLI_REPLAY,  /* hotrun --replay FILE DIR */
    CLI_VERIFY,  /* hotrun verify REC DIR */
    CLI_NEW,     /* hotrun new DIR */
    CLI_HELP,
    CLI_VERSION,
} CliMode;

#define CLI_MAX_PKGS 32

/* Every string points into argv or the environment (borrowed). */
typedef struct Options {
    CliMode mode;
    const char *dir;        /* the game's sources, or the file for dump */
    bool headless;
    long frames;            /* frames to run; < 0: until quit */
    int fps;                /* frame cap; 0: uncapped */
    const char *events;     /* --events FILE or "-" */
    bool events_frames;     /* --events-frames: a "frame" event per frame (benchmarks) */
    const char *state_in;   /* --state-in FILE: start from this image */
    bool state_in_any;      /* --state-in-any: an image of another game is loaded too */
    const char *state_out;  /* --state-out FILE: the final image at exit */
    const char *save_file;  /* --save-file FILE: where F5/F9 save and load */
    const char *press;      /* --press "KEY@FRAME ...": scripted key presses */
    int host_mod;           /* --host-keys: a HostMod, the modifier of hotrun's keys */
    const char *screenshot; /* --screenshot FILE.bmp: the last frame at exit */
    uint64_t seed;          /* --seed N */
    const char *assets;     /* --assets DIR: the asset folder (NULL: the default) */
    const char *audio_out;  /* --audio-out FILE.wav: everything the game played */
    bool mute;              /* --mute: no sound card */
    bool release;           /* parsed for a --static game executable */
    /* Develop mode. */
    const char *cc, *cflags, *ldflags;
    const char *build_cmd, *lib; /* --build "COMMAND" --lib PATH */
    const char *cache;      /* --cache DIR */
    const char *watch_ext;  /* --watch-ext ".c,.h,.inc" */
    int jobs;
    int nice;               /* --nice: niceness added for the build's child processes */
    double build_timeout_s; /* --build-timeout: a build child running longer is killed */
    double debounce_ms;
    double budget_s;        /* watchdog budget of one game call */
    bool no_guard;
    const char *output;     /* --static -o FILE */
    /* Flow. */
    const char *record;     /* --record FILE: the whole run, written at exit */
    const char *replay;     /* --replay FILE (verify: the recording) */
    const char *trace;      /* --trace DIR: the image after every frame */
    double time_scale;      /* --time-scale X */
    bool replay_on_reload;  /* --replay-on-reload */
    double history_mb;      /* --history-mb N */
    bool resume;            /* --resume: from the last session that did not exit */
    const char *pkgs[CLI_MAX_PKGS]; /* --pkg NAME (repeatable): pkg-config libraries */
    int npkgs;
    const char *config;     /* --config FILE: read instead of DIR/hotrun.ini */
    bool no_config;         /* --no-config: no config file at all */
    bool frames_set, fps_set; /* given by an option (--once keeps them) */
} Options;

/* Fills o from argv. `release` parses the options of a --static game executable.
 * Returns 0, or -1 with one sentence in err. Defaults come from the environment too
 * (CC, CFLAGS, LDFLAGS). */
int cli_parse(int argc, char **argv, Options *o, bool release, char *err, size_t errlen);
/* The host's part of the options. */
void cli_host_config(const Options *o, HostConfig *out);

/* The layers under the command line, in the order they win: cli_defaults (built-in values
 * and the environment), then config entries (cli_config_set, one per key of hotrun.ini),
 * then cli_parse_onto (the command line, applied onto what o already holds). cli_parse is
 * cli_defaults + cli_parse_onto. */
void cli_defaults(Options *o);
int cli_parse_onto(int argc, char **argv, Options *o, bool release, char *err, size_t errlen);
/* A config file key is an option's long name without "--" (cc, cflags, pkg, jobs, ...).
 * 1 when key takes a path (relative to the file's folder), 0 for another known key, -1 for a
 * key that is no option or no config setting. */
int cli_config_key(const char *key);
/* Applies key = value onto o (a flag takes true/false, yes/no, 1/0). value is borrowed.
 * 0, or -1 with one sentence in err. */
int cli_config_set(Options *o, const char *key, const char *value, char *err, size_t errlen);
/* The --help text. */
void cli_usage(FILE *out, const char *prog, bool release);

#endif
