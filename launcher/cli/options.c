/* options.c: parses hotrun's command line (and a --static game's) into Options. */
#include "cli/options.h"
#include "core/script.h"
#include "platform/input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options that take a value, and whether a --static game accepts them. */
typedef enum OptId {
    OPT_ONCE, OPT_STATIC, OPT_HEADLESS, OPT_FRAMES, OPT_FPS, OPT_EVENTS, OPT_STATE_IN,
    OPT_STATE_OUT, OPT_SAVE_FILE, OPT_PRESS, OPT_SCREENSHOT, OPT_SEED, OPT_CC, OPT_CFLAGS,
    OPT_LDFLAGS, OPT_BUILD, OPT_LIB, OPT_CACHE, OPT_WATCH_EXT, OPT_JOBS, OPT_NICE, OPT_DEBOUNCE,
    OPT_BUDGET, OPT_NO_GUARD, OPT_EVENTS_FRAMES, OPT_OUTPUT, OPT_HELP, OPT_VERSION,
    OPT_RECORD, OPT_REPLAY, OPT_TRACE, OPT_TIME_SCALE, OPT_REPLAY_ON_RELOAD, OPT_HISTORY_MB,
    OPT_RESUME, OPT_PKG, OPT_CONFIG, OPT_NO_CONFIG, OPT_ASSETS, OPT_BUILD_TIMEOUT, OPT_AUDIO_OUT, OPT_MUTE,
    OPT_STATE_IN_ANY, OPT_HOST_KEYS,
} OptId;

/* CONFIG: also a key of hotrun.ini; PATH: a config value relative to the file's folder. */
enum { CONFIG = 1, PATH = 2 };

typedef struct OptSpec {
    const char *name;
    OptId id;
    bool has_value;
    bool release;
    int config; /* 0, CONFIG or CONFIG | PATH */
} OptSpec;

static const OptSpec specs[] = {
    {"--once", OPT_ONCE, false, false, 0},
    {"--static", OPT_STATIC, false, false, 0},
    {"--headless", OPT_HEADLESS, false, true, 0},
    {"--frames", OPT_FRAMES, true, true, 0},
    {"--fps", OPT_FPS, true, true, CONFIG},
    {"--events", OPT_EVENTS, true, true, 0},
    {"--events-frames", OPT_EVENTS_FRAMES, false, true, 0},
    {"--state-in", OPT_STATE_IN, true, true, 0},
    {"--state-in-any", OPT_STATE_IN_ANY, false, true, CONFIG},
    {"--state-out", OPT_STATE_OUT, true, true, 0},
    {"--save-file", OPT_SAVE_FILE, true, true, CONFIG | PATH},
    {"--press", OPT_PRESS, true, true, 0},
    {"--host-keys", OPT_HOST_KEYS, true, false, CONFIG},
    {"--screenshot", OPT_SCREENSHOT, true, true, 0},
    {"--seed", OPT_SEED, true, true, CONFIG},
    {"--assets", OPT_ASSETS, true, true, CONFIG | PATH},
    {"--audio-out", OPT_AUDIO_OUT, true, true, 0},
    {"--mute", OPT_MUTE, false, true, CONFIG},
    {"--cc", OPT_CC, true, false, CONFIG},
    {"--cflags", OPT_CFLAGS, true, false, CONFIG},
    {"--ldflags", OPT_LDFLAGS, true, false, CONFIG},
    {"--build", OPT_BUILD, true, false, CONFIG},
    {"--lib", OPT_LIB, true, false, CONFIG},
    {"--cache", OPT_CACHE, true, false, CONFIG | PATH},
    {"--watch-ext", OPT_WATCH_EXT, true, false, CONFIG},
    {"-j", OPT_JOBS, true, false, 0},
    {"--jobs", OPT_JOBS, true, false, CONFIG},
    {"--nice", OPT_NICE, true, false, CONFIG},
    {"--debounce", OPT_DEBOUNCE, true, false, CONFIG},
    {"--build-timeout", OPT_BUILD_TIMEOUT, true, false, CONFIG},
    {"--budget", OPT_BUDGET, true, false, CONFIG},
    {"--no-guard", OPT_NO_GUARD, false, false, CONFIG},
    {"-o", OPT_OUTPUT, true, false, 0},
    {"--pkg", OPT_PKG, true, false, CONFIG},
    {"--config", OPT_CONFIG, true, false, 0},
    {"--no-config", OPT_NO_CONFIG, false, false, 0},
    {"--record", OPT_RECORD, true, true, 0},
    {"--replay-on-reload", OPT_REPLAY_ON_RELOAD, false, false, CONFIG},
    {"--replay", OPT_REPLAY, true, true, 0},
    {"--trace", OPT_TRACE, true, true, 0},
    {"--time-scale", OPT_TIME_SCALE, true, true, CONFIG},
    {"--history-mb", OPT_HISTORY_MB, true, true, CONFIG},
    {"--resume", OPT_RESUME, false, false, 0},
    {"--help", OPT_HELP, false, true, 0},
    {"-h", OPT_HELP, false, true, 0},
    {"--version", OPT_VERSION, false, true, 0},
};

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

void cli_defaults(Options *o)
{
    memset(o, 0, sizeof(*o));
    o->mode = CLI_DEV;
    o->frames = -1;
    o->fps = 60;
    o->seed = 1;
    o->jobs = 0;
    o->nice = 10;
    o->debounce_ms = 2;
    o->budget_s = 2.0;
    o->build_timeout_s = 60.0;
    o->cc = env_or("CC", "cc");
    o->cflags = env_or("CFLAGS", NULL);
    o->ldflags = env_or("LDFLAGS", NULL);
}

/* Applies one option with its value (NULL for a flag). 0, or -1 with a sentence. */
static int apply(Options *o, const OptSpec *spec, const char *value, char *err, size_t errlen)
{
    long l;
    switch (spec->id) {
    case OPT_ONCE:
    case OPT_STATIC:
        if (o->mode != CLI_DEV) {
            snprintf(err, errlen, "--once and --static are two modes: give one");
            return -1;
        }
        o->mode = spec->id == OPT_ONCE ? CLI_ONCE : CLI_STATIC;
        break;
    case OPT_HEADLESS: o->headless = true; break;
    case OPT_FRAMES:
        if (parse_long(value, 0, 1L << 40, &o->frames) < 0)
            goto bad_value;
        o->frames_set = true;
        break;
    case OPT_FPS:
        if (parse_long(value, 0, 1000, &l) < 0)
            goto bad_value;
        o->fps = (int)l;
        o->fps_set = true;
        break;
    case OPT_EVENTS: o->events = value; break;
    case OPT_EVENTS_FRAMES: o->events_frames = true; break;
    case OPT_STATE_IN: o->state_in = value; break;
    case OPT_STATE_IN_ANY: o->state_in_any = true; break;
    case OPT_STATE_OUT: o->state_out = value; break;
    case OPT_SAVE_FILE: o->save_file = value; break;
    case OPT_PRESS: {
        /* Checked now, so a mistyped script stops hotrun before it builds anything. */
        static Script check;
        Err e = {0};
        if (script_parse(&check, value, &e) < 0) {
            snprintf(err, errlen, "%s", err_text(&e, ERR_INVALID));
            return -1;
        }
        o->press = value;
        break;
    }
    case OPT_SCREENSHOT: o->screenshot = value; break;
    case OPT_SEED: {
        char *end;
        errno = 0;
        o->seed = strtoull(value, &end, 0);
        if (errno || end == value || *end || value[0] == '-')
            goto bad_value;
        break;
    }
    case OPT_CC: o->cc = value; break;
    case OPT_CFLAGS: o->cflags = value; break;
    case OPT_LDFLAGS: o->ldflags = value; break;
    case OPT_BUILD: o->build_cmd = value; break;
    case OPT_LIB: o->lib = value; break;
    case OPT_CACHE: o->cache = value; break;
    case OPT_WATCH_EXT: o->watch_ext = value; break;
    case OPT_JOBS:
        if (parse_long(value, 1, 256, &l) < 0)
            goto bad_value;
        o->jobs = (int)l;
        break;
    case OPT_NICE:
        if (parse_long(value, 0, 19, &l) < 0)
            goto bad_value;
        o->nice = (int)l;
        break;
    case OPT_DEBOUNCE:
        if (parse_double(value, 0, 10000, &o->debounce_ms) < 0)
            goto bad_value;
        break;
    case OPT_BUILD_TIMEOUT:
        if (parse_double(value, 0, 1e6, &o->build_timeout_s) < 0)
            goto bad_value;
        break;
    case OPT_BUDGET:
        if (parse_double(value, 0.01, 3600, &o->budget_s) < 0)
            goto bad_value;
        break;
    case OPT_NO_GUARD: o->no_guard = true; break;
    case OPT_OUTPUT: o->output = value; break;
    case OPT_ASSETS: o->assets = value; break;
    case OPT_AUDIO_OUT: o->audio_out = value; break;
    case OPT_MUTE: o->mute = true; break;
    case OPT_RECORD: o->record = value; break;
    case OPT_REPLAY: o->replay = value; break;
    case OPT_TRACE: o->trace = value; break;
    case OPT_TIME_SCALE:
        if (parse_double(value, 0.01, 100, &o->time_scale) < 0)
            goto bad_value;
        break;
    case OPT_REPLAY_ON_RELOAD: o->replay_on_reload = true; break;
    case OPT_RESUME: o->resume = true; break;
    case OPT_HOST_KEYS: {
        int mod = input_host_mod_from_name(value);
        if (mod < 0) {
            snprintf(err, errlen,
                     "option --host-keys: '%s' is not ctrl, alt, super or none", value);
            return -1;
        }
        o->host_mod = mod;
        break;
    }
    case OPT_HISTORY_MB:
        if (parse_double(value, 0, 1 << 20, &o->history_mb) < 0)
            goto bad_value;
        if (o->history_mb == 0)
            o->history_mb = -1; /* the host's "no history" (its 0 means the default) */
        break;
    case OPT_PKG:
        /* A name is what pkg-config takes: no spaces, no option. */
        if (!*value || value[0] == '-' || strpbrk(value, " \t\n"))
            goto bad_value;
        if (o->npkgs == CLI_MAX_PKGS) {
            snprintf(err, errlen, "more than %d --pkg libraries", CLI_MAX_PKGS);
            return -1;
        }
        o->pkgs[o->npkgs++] = value;
        break;
    case OPT_CONFIG: o->config = value; break;
    case OPT_NO_CONFIG: o->no_config = true; break;
    case OPT_HELP: o->mode = CLI_HELP; break;
    case OPT_VERSION: o->mode = CLI_VERSION; break;
    }
    return 0;
bad_value:
    snprintf(err, errlen, "option %s: '%s' is not a valid value", spec->name, value);
    return -1;
}

/* "hotrun dump FILE" and "hotrun new DIR": a word and one argument. */
static int parse_command(int argc, char **argv, Options *o, char *err, size_t errlen)
{
    bool dump = strcmp(argv[1], "dump") == 0;
    if (argc != 3) {
        snprintf(err, errlen, dump ? "usage: hotrun dump FILE" : "usage: hotrun new DIR");
        return -1;
    }
    o->mode = dump ? CLI_DUMP : CLI_NEW;
    o->dir = argv[2];
    return 0;
}

int cli_parse(int argc, char **argv, Options *o, bool release, char *err, size_t errlen)
{
    cli_defaults(o);
    return cli_parse_onto(argc, argv, o, release, err, errlen);
}

int cli_parse_onto(int argc, char **argv, Options *o, bool release, char *err, size_t errlen)
{
    int i = 1;
    o->release = release;
    if (!release && argc > 1 && (strcmp(argv[1], "dump") == 0 || strcmp(argv[1], "new") == 0))
        return parse_command(argc, argv, o, err, errlen);
    if (!release && argc > 1 && strcmp(argv[1], "verify") == 0) {
        if (argc < 4 || argv[2][0] == '-' || argv[3][0] == '-') {
            snprintf(err, errlen, "usage: hotrun verify RECORDING DIR [options]");
            return -1;
        }
        o->mode = CLI_VERIFY;
        o->replay = argv[2];
        i = 3;
    }
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (release) {
                snprintf(err, errlen, "unexpected argument '%s' (see --help)", arg);
                return -1;
            }
            if (o->dir) {
                snprintf(err, errlen, "one game directory only: got '%s' and '%s'", o->dir,
                         arg);
                return -1;
            }
            o->dir = arg;
            continue;
        }
        const OptSpec *spec = NULL;
        const char *value = NULL;
        for (size_t k = 0; k < sizeof(specs) / sizeof(specs[0]); k++) {
            size_t n = strlen(specs[k].name);
            if (strncmp(arg, specs[k].name, n) == 0 &&
                (arg[n] == '\0' || (arg[n] == '=' && specs[k].has_value))) {
                spec = &specs[k];
                if (arg[n] == '=')
                    value = arg + n + 1;
                break;
            }
        }
        if (!spec && strncmp(arg, "-j", 2) == 0 && arg[2] >= '0' && arg[2] <= '9') {
            static const OptSpec jobs = {"-j", OPT_JOBS, true, false, 0};
            spec = &jobs; /* -j4, as make takes it */
            value = arg + 2;
        }
        if (!spec || (release && !spec->release)) {
            snprintf(err, errlen, "unknown option '%s' (see --help)", arg);
            return -1;
        }
        if (spec->has_value && !value) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "option %s needs a value", spec->name);
                return -1;
            }
            value = argv[++i];
        }
        if (apply(o, spec, value, err, errlen) < 0)
            return -1;
        if (o->mode == CLI_HELP || o->mode == CLI_VERSION)
            return 0;
    }

    if (o->replay && o->mode == CLI_DEV && !release)
        o->mode = CLI_REPLAY;
    if (o->replay && o->mode != CLI_REPLAY && o->mode != CLI_VERIFY && !release) {
        snprintf(err, errlen, "--replay is a mode of its own: hotrun --replay FILE DIR");
        return -1;
    }
    if (o->mode == CLI_REPLAY || o->mode == CLI_VERIFY || (release && o->replay)) {
        /* To the recording's last frame, as fast as it goes (its frame times are in it). */
        if (!release)
            o->headless = true;
        if (!o->fps_set)
            o->fps = 0;
        if (o->frames_set) {
            snprintf(err, errlen, "--replay runs to the recording's end: drop --frames");
            return -1;
        }
    }
    if (o->mode == CLI_ONCE) {
        o->headless = true;
        if (!o->frames_set)
            o->frames = 120;
        if (!o->fps_set)
            o->fps = 0;
    }
    if (!release && !o->dir) {
        snprintf(err, errlen, "no game directory given: try 'hotrun ./game/src' (see --help)");
        return -1;
    }
    if ((o->build_cmd != NULL) != (o->lib != NULL)) {
        snprintf(err, errlen, "--build and --lib go together: the command, and the library "
                              "it writes");
        return -1;
    }
    if (o->output && o->mode != CLI_STATIC) {
        snprintf(err, errlen, "-o is for --static: the executable to write");
        return -1;
    }
    return 0;
}

static const OptSpec *config_spec(const char *key)
{
    for (size_t k = 0; k < sizeof(specs) / sizeof(specs[0]); k++)
        if (specs[k].config && strncmp(specs[k].name, "--", 2) == 0 &&
            strcmp(specs[k].name + 2, key) == 0)
            return &specs[k];
    return NULL;
}

int cli_config_key(const char *key)
{
    const OptSpec *spec = config_spec(key);
    return !spec ? -1 : (spec->config & PATH) ? 1 : 0;
}

int cli_config_set(Options *o, const char *key, const char *value, char *err, size_t errlen)
{
    const OptSpec *spec = config_spec(key);
    if (!spec) {
        snprintf(err, errlen, "unknown key '%s' (keys are hotrun's long options without "
                              "the dashes, e.g. cc, cflags, pkg; see hotrun --help)", key);
        return -1;
    }
    if (spec->has_value)
        return apply(o, spec, value, err, errlen);
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(value, yes[i]) == 0)
            return apply(o, spec, NULL, err, errlen);
        if (strcmp(value, no[i]) == 0)
            return 0;
    }
    snprintf(err, errlen, "%s takes true or false, not '%s'", key, value);
    return -1;
}

void cli_usage(FILE *out, const char *prog, bool release)
{
    if (release) {
        fprintf(out,
                "usage: %s [options]\n"
                "  --headless         no window (SDL offscreen driver)\n"
                "  --frames N         run N frames, then exit\n"
                "  --fps N            frame cap (default 60, 0: uncapped)\n"
                "  --events FILE      JSON lines of what happens (- for stdout)\n"
                "  --events-frames    with --events: one line per frame with its times\n"
                "  --state-in FILE    start from a saved state image\n"
                "  --state-in-any     load an image another game wrote (--state-in, F9)\n"
                "  --state-out FILE   write the final state image at exit\n"
                "  --seed N           seed of the random generator (default 1)\n"
                "  --press \"WHAT@FRAME[+FRAMES] ...\"  scripted input: keys, text:hi,\n"
                "                     wheel:up, mouse:left, pad:a, pad:leftx=-1\n"
                "  --screenshot FILE  save the last frame as BMP at exit\n"
                "  --record FILE      record the run (image + inputs) into FILE\n"
                "  --replay FILE      play a recording to its end, then exit\n"
                "  --trace DIR        write the image after every frame (DIR/FRAME.state)\n"
                "  --time-scale X     game seconds per real second (default 1)\n"
                "  --history-mb N     memory of the rewind history (default 64)\n"
                "  --assets DIR       the asset folder (default: assets beside the\n"
                "                     executable, else the assets built into it)\n"
                "  --audio-out FILE   write everything the game played as a 16-bit WAV\n"
                "  --mute             play no sound (still mixed for --audio-out)\n"
                "  --help, --version\n"
                "Keys: F11 fullscreen, Shift+Escape quit.\n",
                prog);
        return;
    }
    fprintf(out,
            "usage: %s [options] DIR          develop: window, watch, rebuild, swap\n"
            "       %s --once [options] DIR   CI smoke test: build, run, swap round trip\n"
            "       %s --static DIR [-o FILE] release: one optimised executable\n"
            "       %s --replay FILE DIR      play a recording headless, then exit\n"
            "       %s verify FILE DIR        replay through the develop library twice and\n"
            "                                the --static build: the same images?\n"
            "       %s dump FILE              print a state image as JSON\n"
            "       %s new DIR                a new game: main.c, hotrun.ini, editor files\n"
            "\n"
            "Running:\n"
            "  --headless          no window (SDL offscreen driver)\n"
            "  --frames N          run N frames, then exit (--once: 120)\n"
            "  --fps N             frame cap (default 60, 0: uncapped)\n"
            "  --events FILE       JSON lines of builds, reloads, faults (- for stdout)\n"
            "  --events-frames     with --events: one line per frame with its times\n"
            "  --state-in FILE     start from a saved state image\n"
            "  --state-in-any      load an image another game wrote (--state-in, F9),\n"
            "                      converted field by field; refused otherwise\n"
            "  --state-out FILE    write the final state image at exit\n"
            "  --save-file FILE    where Ctrl+F5 saves and Ctrl+F9 loads (default\n"
            "                      ./hotrun-quicksave.state)\n"
            "  --seed N            seed of the random generator (default 1)\n"
            "  --press \"WHAT@FRAME[+FRAMES] ...\"  scripted input by frames the game has\n"
            "                      run: keys, text, wheel, pads (e.g. right@10+5 ctrl+f5@30\n"
            "                      pad:a@40 text:hi@50; see Scripted input below)\n"
            "  --screenshot FILE   save the last frame as BMP at exit\n"
            "  --assets DIR        the game's asset folder (textures, fonts, data files),\n"
            "                      watched and reloaded on save (default: DIR/assets, or\n"
            "                      an assets folder beside DIR, e.g. game/assets)\n"
            "  --audio-out FILE    write everything the game played, mixed, as a 16-bit\n"
            "                      PCM WAV (44.1 kHz stereo); headless or --mute runs\n"
            "                      mix in step with the frames: the same run, the same file\n"
            "  --mute              play no sound on the sound card\n"
            "Flow:\n"
            "  --record FILE       record the whole run (start image + every frame's\n"
            "                      input, frame time and clock) into FILE at exit\n"
            "  --replay FILE       play a recording headless to its last frame and exit\n"
            "                      (with --state-out: its final state)\n"
            "  --trace DIR         write the image after every frame as DIR/FRAME.state\n"
            "  --time-scale X      game seconds per real second (default 1)\n"
            "  --replay-on-reload  after each reload, replay the last 2 s on the new code\n"
            "  --history-mb N      memory of the rewind history (default 64; a minute;\n"
            "                      0: no history, no rewind)\n"
            "  --resume            go on from the last session that did not exit (killed,\n"
            "                      out of memory, crashed): its state is kept on disk\n",
            prog, prog, prog, prog, prog, prog, prog);
    /* Two calls: one string literal of it all would pass C's 4095-character limit. */
    fprintf(out,
            "Building:\n"
            "  --cc CC             compiler (default $CC or cc)\n"
            "  --cflags \"...\"      extra compile flags (default $CFLAGS)\n"
            "  --ldflags \"...\"     extra link flags (default $LDFLAGS)\n"
            "  -j, --jobs N        compilers at once (default: cores)\n"
            "  --nice N            run compilers and linker N nicer than the game,\n"
            "                      so it keeps its frames while they fill the cores\n"
            "                      (default 10, 0: the game's priority)\n"
            "  --build \"CMD\" --lib PATH   the game's own build command (run in DIR) and\n"
            "                      the library it writes (relative to DIR)\n"
            "  --cache DIR         build cache (default ~/.cache/hotrun/...)\n"
            "  --watch-ext LIST    extensions that trigger a build (default .c,.h)\n"
            "  --debounce MS       a save builds as soon as its writer closed the file;\n"
            "                      this is the least quiet time when that is not known\n"
            "                      (a writer that keeps it open waits 500 ms; default 2)\n"
            "  --build-timeout SEC a compiler, linker or --build command running longer\n"
            "                      is killed and the build fails with a sentence; the\n"
            "                      next save builds again (default 60, 0: no limit)\n"
            "  --pkg NAME          a pkg-config library the game uses (repeatable): its\n"
            "                      flags in every compile and link, the library kept\n"
            "                      loaded by hotrun for the whole run\n"
            "Config file (DIR/hotrun.ini: key = value lines, keys are the long options of\n"
            "the Running, Flow, Building and Faults sections that make sense per game,\n"
            "e.g. cc, cflags, pkg, jobs, fps; command-line options win):\n"
            "  --config FILE       read FILE instead of DIR/hotrun.ini\n"
            "  --no-config         read no config file\n"
            "Faults:\n"
            "  --budget SECONDS    longest a game call may run (default 2)\n"
            "  --no-guard          no crash guard or watchdog (for gdb)\n"
            "Keys: hotrun's own keys are held with Ctrl (--host-keys), so the game has every\n"
            "      plain key, F-keys too: Ctrl+F1 tweak panel (arrows, type to search, Enter\n"
            "      to edit), Ctrl+Shift+F1 help (these keys, frame times, last reload),\n"
            "      Ctrl+F2 retry after a fault, Ctrl+F3 restart from defaults, Ctrl+F5\n"
            "      quicksave, Ctrl+F9 quickload, Ctrl+Shift+Escape quit, Ctrl+F4 record a\n"
            "      loop (again: loop it), Ctrl+Shift+F4 leave the loop, Ctrl+F12 held:\n"
            "      rewind, Ctrl+F6 replay on reload on/off, Ctrl+F7 pause, Ctrl+F8 one\n"
            "      frame, Ctrl+F10 slow motion, Ctrl+F11 fast forward, Ctrl+Shift+F11\n"
            "      fullscreen, Ctrl+Shift+F9 resume the last session that did not exit.\n"
            "  --host-keys MOD     the modifier of those keys: ctrl (default), alt, super, or\n"
            "                      none (plain F1..F12: the game then never sees them)\n");
    fprintf(out,
            "Scripted input (--press \"WHAT@FRAME[+FRAMES] ...\", held FRAMES frames, default 1;\n"
            "separated by spaces or commas; 'quotes' keep them inside one):\n"
            "  a  space  f5  kp_7  lshift  comma ...   a key, by name\n"
            "  ctrl+f5  ctrl+shift+f1  shift+a         keys held together (hotrun's own keys\n"
            "                                          are pressed this way, e.g. ctrl+f5@30)\n"
            "  text:hello  text:'Ada L'                characters typed (text input)\n"
            "  wheel:up  wheel:down  wheel:-2          the mouse wheel, each frame held\n"
            "  mouse:left  mouse:right                 a mouse button\n"
            "  pad:a  pad1:start  pad:dpleft           a gamepad button (pad = pad0 .. pad3)\n"
            "  pad:leftx=-1  pad:righttrigger=0.5      a stick or trigger, back to rest after\n"
            "  pad:plug  pad:unplug                    plugged in or out (a pad the script\n"
            "                                          uses is plugged in at frame 0 unless\n"
            "                                          it says pad:plug); pads are SDL\n"
            "                                          virtual gamepads\n");
}

void cli_host_config(const Options *o, HostConfig *out)
{
    *out = (HostConfig){
        .headless = o->headless,
        .frames = o->frames,
        .fps = o->fps,
        .events_frames = o->events_frames,
        .state_in = o->state_in,
        .state_in_any = o->state_in_any,
        .state_out = o->state_out,
        .save_file = o->save_file,
        .press = o->press,
        .screenshot = o->screenshot,
        .seed = o->seed,
        .record = o->record,
        .replay = o->replay,
        .trace = o->trace,
        .time_scale = o->time_scale,
        .replay_on_reload = o->replay_on_reload,
        .history_mb = o->history_mb,
        .release = o->release,
        .audio_out = o->audio_out,
        .mute = o->mute,
        .host_mod = o->host_mod,
    };
}
