/* testlib.c: helpers shared by the unit tests. */
#include "testlib.h"

#include <dlfcn.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int testlib_checks;

static void report(void)
{
    fprintf(stderr, "%d checks passed\n", testlib_checks);
}

char *test_tmpdir(void)
{
    static int registered;
    if (!registered) {
        atexit(report);
        registered = 1;
    }
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof(tmpl), "%s/hotrun-test-XXXXXX", base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    return strdup(dir);
}

void test_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    CHECK(fputs(text, f) >= 0);
    CHECK(fclose(f) == 0);
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void test_rmtree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

bool test_pid_gone(int pid)
{
    char path[64], buf[256] = "";
    snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return true;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *paren = strrchr(buf, ')'); /* the state letter follows the command's name */
    return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

int test_call_in(const char *lib, const char *fn)
{
    static int n;
    char copy[4200], cmd[8500];
    snprintf(copy, sizeof(copy), "%s.copy%d.so", lib, n++);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", lib, copy);
    CHECK(system(cmd) == 0);
    void *h = dlopen(copy, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        fprintf(stderr, "dlopen: %s\n", dlerror());
    CHECK(h != NULL);
    void *sym = dlsym(h, fn);
    int (*f)(void) = NULL;
    memcpy(&f, &sym, sizeof(f)); /* ISO C has no object-to-function pointer cast */
    int v = f ? f() : -999;
    dlclose(h);
    unlink(copy);
    return v;
}
