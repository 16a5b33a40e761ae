/* test_elf.c: real libraries from the real compiler: which run code when loaded, and the
 * GNU_STACK header added to a library that lacks one. */
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
