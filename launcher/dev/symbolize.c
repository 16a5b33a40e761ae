/* symbolize.c: names a code address: function, file:line and object (see symbolize.h). */
#include "dev/symbolize.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/which.h"

extern char **environ;

/* addr2line gets this long to answer before it is killed. */
#define ADDR2LINE_TIMEOUT_MS 3000

/* Executable segments of the loaded objects: system libraries, the host, or else a game
 * library (or any other object). */
typedef enum { OBJ_GAME, OBJ_SYSTEM, OBJ_HOST } ObjKind;

typedef struct Range {
    uintptr_t lo, hi;
    ObjKind kind;
} Range;

typedef struct Ranges {
    Range r[128];
    int n;
} Ranges;

static Ranges noted; /* the objects loaded at symbolize_init, read in the signal handler */
static char addr2line[PATH_MAX];

static ObjKind kind_of(const char *name)
{
    if (!name || !*name)
        return OBJ_HOST; /* the main program */
    if (strncmp(name, "/lib/", 5) == 0 || strncmp(name, "/lib64/", 7) == 0 ||
        strncmp(name, "/usr/lib/", 9) == 0 || strncmp(name, "/usr/lib64/", 11) == 0 ||
        strstr(name, "linux-vdso") != NULL || strstr(name, "linux-gate") != NULL)
        return OBJ_SYSTEM;
    return OBJ_GAME;
}

static int collect_range(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    Ranges *rs = data;
    for (int i = 0; i < info->dlpi_phnum && rs->n < (int)(sizeof(rs->r) / sizeof(rs->r[0]));
         i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        rs->r[rs->n].lo = info->dlpi_addr + ph->p_vaddr;
        rs->r[rs->n].hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        rs->r[rs->n].kind = kind_of(info->dlpi_name);
        rs->n++;
    }
    return 0;
}

static const Range *range_of(const Ranges *rs, uintptr_t a)
{
    for (int i = 0; i < rs->n; i++)
        if (a >= rs->r[i].lo && a < rs->r[i].hi)
            return &rs->r[i];
    return NULL;
}

void symbolize_init(void)
{
    which("addr2line", addr2line, sizeof(addr2line)); /* empty when there is none */
    noted.n = 0;
    dl_iterate_phdr(collect_range, &noted);
}

bool symbolize_in_system(uintptr_t a)
{
    const Range *r = range_of(&noted, a);
    return r && r->kind == OBJ_SYSTEM;
}

bool symbolize_is_game(uintptr_t a)
{
    Ranges rs;
    rs.n = 0;
    dl_iterate_phdr(collect_range, &rs);
    const Range *r = range_of(&rs, a);
    return r && r->kind == OBJ_GAME;
}

bool symbolize_in_host(uintptr_t a)
{
    const Range *r = range_of(&noted, a);
    return r && r->kind == OBJ_HOST;
}

/* Whether the code just before `ra` is a call instruction, i.e. ra is a return address.
 * r holds ra - 1 (ra itself may be just past the segment's end). */
static bool after_call(const Range *r, uintptr_t ra)
{
#if defined(__x86_64__)
    if (ra < r->lo + 7)
        return false;
    const unsigned char *p = (const unsigned char *)ra;
    if (p[-5] == 0xE8) /* call rel32 */
        return true;
    /* call r/m64: FF /2 in its 2, 3, 6 and 7 byte forms (maybe with a REX prefix). */
    for (int len = 2; len <= 7; len++)
        if (p[-len] == 0xFF && ((p[-len + 1] >> 3) & 7) == 2)
            return true;
    return false;
#elif defined(__aarch64__)
    if (ra < r->lo + 4 || (ra & 3))
        return false;
    uint32_t insn;
    memcpy(&insn, (const void *)(ra - 4), 4);
    return (insn & 0xFC000000u) == 0x94000000u ||  /* BL */
           (insn & 0xFFFFFC1Fu) == 0xD63F0000u;    /* BLR */
#else
    (void)r;
    (void)ra;
    return true;
#endif
}

/* The kind of the code a return address returns into: its call is at ra - 1. */
static const Range *call_range(const Ranges *rs, uintptr_t ra)
{
    return ra ? range_of(rs, ra - 1) : NULL;
}

/* Where a search of the faulting stack goes on: the unwinder's frames after index
 * `trace` when it found the faulting frame, else the stack words from index `word`. */
typedef struct Cursor {
    bool use_trace;
    int trace;
    size_t word;
} Cursor;

static bool wanted(const Range *r, bool game_only)
{
    return r && (game_only ? r->kind == OBJ_GAME : r->kind != OBJ_SYSTEM);
}

/* The innermost call site past the cursor in a game library (game_only) or in anything
 * but a system library; the cursor moves past it. 0 if none. */
static uintptr_t find_site(const Ranges *rs, const SymStack *s, Cursor *c, bool game_only)
{
    if (c->use_trace) {
        /* The unwinder knew the frames: stale stack words would only mislead. */
        for (int k = c->trace + 1; k < s->ntrace; k++) {
            uintptr_t w = (uintptr_t)s->trace[k];
            if (wanted(call_range(rs, w), game_only)) {
                c->trace = k;
                return w - 1;
            }
        }
        return 0;
    }
    for (size_t i = c->word; i < s->nwords; i++) {
        uintptr_t w = s->words[i];
        const Range *r = call_range(rs, w);
        if (wanted(r, game_only) && after_call(r, w)) {
            c->word = i + 1;
            return w - 1; /* inside the call instruction: its line, its function */
        }
    }
    return 0;
}

uintptr_t symbolize_pick(const SymStack *s, uintptr_t *caller)
{
    Ranges rs;
    rs.n = 0;
    dl_iterate_phdr(collect_range, &rs);
    *caller = 0;
    /* The unwinder's frames from the faulting one (pc) outwards, when it found that one
     * (its own frames, the handler's, come first); else the stack words. */
    Cursor c = {false, 0, 0};
    for (int k = 0; k < s->ntrace; k++)
        if ((uintptr_t)s->trace[k] == s->pc) {
            c.use_trace = true;
            c.trace = k;
            break;
        }
    uintptr_t at = s->pc;
    const Range *r = range_of(&rs, at);
    if (!r || r->kind == OBJ_SYSTEM) {
        /* Inside libc (abort, memcpy), or nowhere: the innermost call site outside. */
        uintptr_t site = find_site(&rs, s, &c, false);
        if (!site)
            return s->pc;
        at = site;
        r = range_of(&rs, at);
    }
    /* Inside a host service: the game's call that passed it the bad argument. */
    if (r && r->kind == OBJ_HOST)
        *caller = find_site(&rs, s, &c, true);
    return at;
}

/* Runs `addr2line -f -s -e object offset`: function on the first line, file:line on the
 * second. Synchronous (tens of milliseconds), which is fine after a rare fault. */
static void run_addr2line(const char *object, uintptr_t offset, char *fn, size_t fnlen,
                          char *where, size_t wherelen)
{
    if (!addr2line[0])
        return;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return;
    char hex[32];
    snprintf(hex, sizeof(hex), "0x%lx", (unsigned long)offset);
    char *argv[] = {"addr2line", "-f", "-s", "-e", (char *)object, hex, NULL};
    /* vfork, not fork: fork takes glibc's malloc locks for its atfork handlers, and the
     * interrupted game code may hold one (a loop around malloc ended by the watchdog).
     * The child only redirects and execs. */
    pid_t pid = vfork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        dup2(null, STDIN_FILENO);
        dup2(null, STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        execve(addr2line, argv, environ);
        _exit(127);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return;
    }
    char out[1024];
    size_t len = 0;
    uint64_t t0 = clock_now_ns();
    for (;;) {
        long ms = (long)((clock_now_ns() - t0) / 1000000);
        if (ms >= ADDR2LINE_TIMEOUT_MS) {
            kill(pid, SIGKILL);
            break;
        }
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int n = poll(&p, 1, (int)(ADDR2LINE_TIMEOUT_MS - ms));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            kill(pid, SIGKILL);
            break;
        }
        ssize_t got = read(fds[0], out + len, sizeof(out) - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
        if (len == sizeof(out) - 1)
            break;
    }
    close(fds[0]);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    out[len] = '\0';

    char *line2 = strchr(out, '\n');
    if (!line2)
        return;
    *line2++ = '\0';
    line2[strcspn(line2, "\n")] = '\0';
    char *disc = strstr(line2, " (discriminator");
    if (disc)
        *disc = '\0';
    if (out[0] && strcmp(out, "??") != 0)
        snprintf(fn, fnlen, "%s", out);
    const char *colon = strrchr(line2, ':');
    if (strncmp(line2, "??", 2) != 0 && colon && colon[1] >= '1' && colon[1] <= '9')
        snprintf(where, wherelen, "%s", line2);
}

void symbolize_address(uintptr_t a, SymPlace *out)
{
    memset(out, 0, sizeof(*out));
    out->addr = a;
    Dl_info info;
    struct link_map *map = NULL;
    if (!dladdr1((void *)a, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
        return;
    bool main_program = !map->l_name || !map->l_name[0];
    char exe[PATH_MAX];
    const char *object = map->l_name;
    if (main_program) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
        exe[n > 0 ? n : 0] = '\0';
        object = n > 0 ? exe : (info.dli_fname ? info.dli_fname : "");
    }
    snprintf(out->object, sizeof(out->object), "%s", object);
    if (info.dli_sname)
        snprintf(out->function, sizeof(out->function), "%s", info.dli_sname);
    /* Hidden symbols (-fvisibility=hidden) are not in the dynamic table dladdr reads;
     * addr2line reads .symtab and the debug info. */
    run_addr2line(object, a - map->l_addr, out->function, sizeof(out->function), out->where,
                  sizeof(out->where));
}

const char *symbolize_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
