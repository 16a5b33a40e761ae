/* test_pkgs.c: --pkg libraries through the real pkg-config and the real loader: libcjson's
 * flags (scripts/setup installs libcjson-dev), an unknown name refused with a sentence, and
 * a library kept loaded for good. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "dev/pkgs.h"
#include "testlib.h"

static void test_query(void)
{
    PkgFlags f;
    Err err = {{0}};
    const char *names[] = {"libcjson"};
    CHECK_EQ_INT(pkgs_query(names, 1, &f, &err), 0);
    CHECK(strstr(f.cflags, "cjson") != NULL); /* -I/usr/include/cjson */
    CHECK(strstr(f.libs, "-lcjson") != NULL);
    CHECK(!strchr(f.libs, '\n'));
    pkgs_free(&f);

    CHECK_EQ_INT(pkgs_query(NULL, 0, &f, &err), 0);
    CHECK_EQ_STR(f.cflags, "");
    CHECK_EQ_STR(f.libs, "");
    pkgs_free(&f);

    const char *bad[] = {"libcjson", "no-such-library-here"};
    CHECK_EQ_INT(pkgs_query(bad, 2, &f, &err), ERR_NOTFOUND);
    CHECK(strncmp(err.text, "--pkg no-such-library-here: pkg-config knows no such library",
                  60) == 0);
}

static void test_keep_loaded(void)
{
    Err err = {{0}};
    CHECK(dlopen("libcjson.so", RTLD_NOW | RTLD_NOLOAD) == NULL);
    /* libm is the C library's: skipped (its .so is a linker script). */
    CHECK_EQ_INT(pkgs_keep_loaded("-L/nowhere -lcjson -lm -pthread", &err), 1);
    void *h = dlopen("libcjson.so", RTLD_NOW | RTLD_NOLOAD);
    CHECK(h != NULL);
    CHECK(dlsym(RTLD_DEFAULT, "cJSON_Parse") != NULL); /* global: the game binds to it */
    /* NODELETE: closing every handle leaves it loaded. */
    dlclose(h);
    dlclose(h);
    CHECK(dlopen("libcjson.so", RTLD_NOW | RTLD_NOLOAD) != NULL);

    CHECK_EQ_INT(pkgs_keep_loaded("-lno-such-library-here", &err), ERR_LOAD);
    CHECK(strstr(err.text, "cannot keep libno-such-library-here.so loaded") != NULL);
    CHECK_EQ_INT(pkgs_keep_loaded("", &err), 0);
}

int main(void)
{
    char *dir = test_tmpdir();
    test_rmtree(dir);
    free(dir);
    RUN(test_query);
    RUN(test_keep_loaded);
    return 0;
}
