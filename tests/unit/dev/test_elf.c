/* test_elf.c: real libraries from the real compiler: which run code when loaded, the
 * GNU_STACK header added to a library that lacks one, and a tcc library's own names bound
 * inside it. */
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

#include "dev/elf.h"
#include "util/error.h"
#include "testlib.h"

static char *build(const char *dir, const char *name, const char *code, const char *flags)
{
    char src[700], cmd[2200];
    char *lib = malloc(700);
    snprintf(src, sizeof(src), "%s/%s.c", dir, name);
    snprintf(lib, 700, "%s/%s.so", dir, name);
    test_write_file(src, code);
    snprintf(cmd, sizeof(cmd), "cc -shared -fPIC -nostdlib %s -o %s %s", flags, lib, src);
    CHECK(system(cmd) == 0);
    return lib;
}

static bool has_gnu_stack(const char *path)
{
    int fd = open(path, O_RDONLY);
    Elf64_Ehdr eh;
    CHECK(pread(fd, &eh, sizeof(eh), 0) == sizeof(eh));
    bool found = false;
    for (int i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        CHECK(pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * sizeof(ph))) == sizeof(ph));
        found |= ph.p_type == PT_GNU_STACK && ph.p_flags == (PF_R | PF_W);
    }
    close(fd);
    return found;
}

/* Two files of a game whose names are also libc's (rand, optind) and libuv's (uv_version,
 * in this process's global scope), a static and a global of the same name, and a table of
 * function pointers: entry() is 75040128 when every name is the game's own. */
static const char names_a[] = "int rand(void) { return 7; }\n"
                              "unsigned uv_version(void) { return 5; }\n"
                              "int optind = 40;\n"
                              "static int shared_name = 1;\n"
                              "int a_get(void) { return shared_name; }\n";
static const char names_b[] =
    "int rand(void);\nunsigned uv_version(void);\nextern int optind;\nint a_get(void);\n"
    "int shared_name = 20;\n"
    "int b_get(void) { return shared_name; }\n"
    "int (*const table[])(void) = {rand, a_get};\n"
    "int entry(void) { return rand() * 10000000 + (int)uv_version() * 1000000 + optind * 1000"
    " + a_get() * 100 + b_get() + (table[0] == rand) + table[0](); }\n";
#define NAMES_OWN 75040128

static int call_entry(const char *lib)
{
    void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    CHECK(h != NULL);
    int (*entry)(void) = (int (*)(void))dlsym(h, "entry");
    CHECK(entry != NULL);
    int v = entry();
    dlclose(h);
    return v;
}

/* tcc links the game's calls between its files through the dynamic symbol table (libc's
 * rand would be called); elf_bind_locally binds them in the library. */
static void test_bind_locally(const char *dir)
{
    char a[700], b[700], lib[700], bound[700], cmd[3000];
    snprintf(a, sizeof(a), "%s/names_a.c", dir);
    snprintf(b, sizeof(b), "%s/names_b.c", dir);
    test_write_file(a, names_a);
    test_write_file(b, names_b);
    snprintf(lib, sizeof(lib), "%s/names_tcc.so", dir);
    snprintf(bound, sizeof(bound), "%s/names_bound.so", dir);
    snprintf(cmd, sizeof(cmd), "tcc -shared -nostdlib -o %s %s %s && cp %s %s", lib, a, b, lib,
             bound);
    CHECK(system(cmd) == 0);
    CHECK(call_entry(lib) != NAMES_OWN); /* as tcc links it: libc's rand, libuv's uv_version */
    int n = elf_bind_locally(bound);
    CHECK(n >= 10); /* 3 calls, 4 variables' GOT entries, 2 table entries, rand's address */
    CHECK_EQ_INT(call_entry(bound), NAMES_OWN);
    CHECK_EQ_INT(elf_bind_locally(bound), 0); /* nothing left to bind */
    CHECK_EQ_INT(call_entry(bound), NAMES_OWN);
    CHECK(elf_add_gnu_stack(bound) == 0 && call_entry(bound) == NAMES_OWN);

    /* gcc: -fvisibility=hidden binds calls at compile time; ld's -Bsymbolic the rest. */
    snprintf(lib, sizeof(lib), "%s/names_gcc.so", dir);
    snprintf(cmd, sizeof(cmd), "cc -shared -fPIC -nostdlib -Wl,-Bsymbolic -o %s %s %s", lib,
             a, b);
    CHECK(system(cmd) == 0);
    CHECK_EQ_INT(call_entry(lib), NAMES_OWN);
}

int main(void)
{
    char *dir = test_tmpdir();
    char *plain = build(dir, "plain", "int f(void) { return 1; }\n", "");
    char *ctor = build(dir, "ctor", "static int x;\n__attribute__((constructor)) static void "
                                    "c(void) { x = 1; }\nint f(void) { return x; }\n", "");
    char *needs = build(dir, "needs", "double cos(double);\ndouble f(double x) { return cos(x); }\n",
                        "-Wl,--no-as-needed -lm");
    CHECK(!elf_runs_code_when_loaded(plain));
    CHECK(elf_runs_code_when_loaded(ctor));
    CHECK(elf_runs_code_when_loaded(needs)); /* libm's code could run: DT_NEEDED */
    char text[700];
    snprintf(text, sizeof(text), "%s/text.so", dir);
    test_write_file(text, "not an ELF file at all, but long enough to hold a header......\n");
    CHECK(elf_runs_code_when_loaded(text)); /* anything unexpected counts as code */
    CHECK(elf_runs_code_when_loaded("/nonexistent.so"));
    CHECK_EQ_INT(elf_bind_locally(text), ERR_INVALID);
    CHECK_EQ_INT(elf_bind_locally("/nonexistent.so"), ERR_INVALID);

    /* ld writes a GNU_STACK header; tcc does not (when tcc is here, its library is tried). */
    CHECK(has_gnu_stack(plain));
    CHECK_EQ_INT(elf_add_gnu_stack(plain), 0); /* already there: unchanged */
    CHECK_EQ_INT(elf_add_gnu_stack(text), ERR_INVALID);
    if (system("command -v tcc >/dev/null 2>&1") == 0) {
        char cmd[1600], tlib[700];
        snprintf(tlib, sizeof(tlib), "%s/t.so", dir);
        snprintf(cmd, sizeof(cmd), "tcc -shared -o %s %s/plain.c", tlib, dir);
        CHECK(system(cmd) == 0);
        CHECK(!has_gnu_stack(tlib));
        CHECK_EQ_INT(elf_add_gnu_stack(tlib), 0);
        CHECK(has_gnu_stack(tlib));
        test_bind_locally(dir);
    } else {
        fprintf(stderr, "   SKIP: tcc not installed\n");
    }
    free(plain);
    free(ctor);
    free(needs);
    test_rmtree(dir);
    free(dir);
    return 0;
}
