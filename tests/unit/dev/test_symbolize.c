/* test_symbolize.c: the place named for a fault: return addresses stepped back into their
 * call (a noreturn call at the very end of a library's code), a fault inside the host named
 * with the game's call that reached it, and addresses named by function and line. */
#include "dev/symbolize.h"
#include "testlib.h"

#include <dlfcn.h>
#include <link.h>
#include <stdlib.h>

static bool have_addr2line;

/* A host function, as a host service would be. */
static int __attribute__((noinline)) host_service(int x)
{
    return x * 3 + 1; /* LINE_HOST */
}

static void test_names_a_host_function(void)
{
    SymPlace p;
    symbolize_address((uintptr_t)host_service, &p);
    CHECK(strstr(p.object, "test_symbolize") != NULL);
    CHECK_EQ_STR(symbolize_basename("/a/b/gen-3.so"), "gen-3.so");
    CHECK_EQ_STR(symbolize_basename("gen-3.so"), "gen-3.so");
    if (have_addr2line) {
        CHECK_EQ_STR(p.function, "host_service");
        CHECK(strncmp(p.where, "test_symbolize.c:", 17) == 0);
    }
    CHECK(symbolize_in_host((uintptr_t)host_service));
    CHECK(!symbolize_in_system((uintptr_t)host_service));
    CHECK(symbolize_in_system((uintptr_t)dlsym(RTLD_DEFAULT, "abort")));
}

/* The end of the executable segment of the object whose name contains `name`. */
typedef struct Seg {
    const char *name;
    uintptr_t lo, hi;
} Seg;

static int find_seg(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    Seg *s = data;
    if (!strstr(info->dlpi_name, s->name))
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            s->lo = info->dlpi_addr + ph->p_vaddr;
            s->hi = s->lo + ph->p_memsz;
        }
    }
    return 0;
}

static void *open_game(const char *tmp)
{
    char cmd[2048], lib[1024];
    snprintf(lib, sizeof(lib), "%s/game.so", tmp);
    char src[1024];
    snprintf(src, sizeof(src), "%s/game.c", tmp);
    test_write_file(src, "int game_fn(int x) { return x + 1; }\n");
    snprintf(cmd, sizeof(cmd), "cc -shared -fPIC -g -o %s %s", lib, src);
    CHECK(system(cmd) == 0);
    void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    CHECK(h != NULL);
    symbolize_init(); /* as guard_init does: what is loaded now */
    return h;
}

/* abort() in a noreturn helper that is the last code of the library: its return address
 * is the first byte past the executable segment, and still names the helper's call. */
static void test_return_address_at_the_segment_end(void)
{
    Seg seg = {"game.so", 0, 0};
    dl_iterate_phdr(find_seg, &seg);
    CHECK(seg.hi != 0);
    uintptr_t pc = (uintptr_t)dlsym(RTLD_DEFAULT, "abort") + 4; /* inside libc */
    const void *trace[] = {(void *)0x10, (void *)pc, (void *)seg.hi, (void *)0x20};
    SymStack st = {pc, trace, 4, NULL, 0};
    uintptr_t caller = 1;
    CHECK_EQ_INT(symbolize_pick(&st, &caller), seg.hi - 1);
    CHECK_EQ_INT(caller, 0);

    /* The same from the raw stack words when the unwinder found nothing. */
    uintptr_t words[] = {0x1234, seg.hi, 0};
    SymStack raw = {pc, NULL, 0, words, 3};
    uintptr_t got = symbolize_pick(&raw, &caller);
    /* Only a word after a call instruction counts; the segment's last bytes here are
     * whatever the compiler put there, so accept either answer but never past the end. */
    CHECK(got == seg.hi - 1 || got == pc);
}

/* A fault inside a host service (or inside libc called by one): the game's call. */
static void test_host_service_names_the_game_call(void)
{
    Seg game = {"game.so", 0, 0};
    dl_iterate_phdr(find_seg, &game);
    uintptr_t in_game = game.lo + 16;
    uintptr_t host_pc = (uintptr_t)host_service + 2;
    uintptr_t host_ra = (uintptr_t)test_host_service_names_the_game_call + 8;
    const void *trace[] = {(void *)0x10, (void *)host_pc, (void *)host_ra, (void *)in_game};
    SymStack st = {host_pc, trace, 4, NULL, 0};
    uintptr_t caller = 0;
    CHECK_EQ_INT(symbolize_pick(&st, &caller), host_pc);
    CHECK_EQ_INT(caller, in_game - 1);

    /* Faulting inside libc (strlen of a bad pointer) that a host service called. */
    uintptr_t libc_pc = (uintptr_t)dlsym(RTLD_DEFAULT, "strlen") + 4;
    const void *trace2[] = {(void *)libc_pc, (void *)host_ra, (void *)in_game};
    SymStack st2 = {libc_pc, trace2, 3, NULL, 0};
    CHECK_EQ_INT(symbolize_pick(&st2, &caller), host_ra - 1);
    CHECK_EQ_INT(caller, in_game - 1);

    /* A host function called straight from the guard, with no game frame: no caller. */
    const void *trace3[] = {(void *)host_pc, (void *)host_ra};
    SymStack st3 = {host_pc, trace3, 2, NULL, 0};
    CHECK_EQ_INT(symbolize_pick(&st3, &caller), host_pc);
    CHECK_EQ_INT(caller, 0);

    /* A fault in the game: the pc itself. */
    SymStack st4 = {in_game, NULL, 0, NULL, 0};
    CHECK_EQ_INT(symbolize_pick(&st4, &caller), in_game);
    CHECK_EQ_INT(caller, 0);
}

int main(void)
{
    have_addr2line = system("addr2line --version >/dev/null 2>&1") == 0;
    char *tmp = test_tmpdir();
    void *h = open_game(tmp);
    RUN(test_names_a_host_function);
    RUN(test_return_address_at_the_segment_end);
    RUN(test_host_service_names_the_game_call);
    dlclose(h);
    test_rmtree(tmp);
    free(tmp);
    return 0;
}
