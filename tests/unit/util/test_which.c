/* test_which.c: PATH lookups, the real PATH and made-up ones. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/which.h"
#include "testlib.h"

int main(void)
{
    char out[4096];
    CHECK_EQ_INT(which("sh", out, sizeof(out)), 0);
    CHECK(out[0] == '/' && access(out, X_OK) == 0);
    CHECK_EQ_INT(which("hotrun-no-such-program", out, sizeof(out)), ERR_NOTFOUND);
    CHECK_EQ_STR(out, "");

    /* First match wins, empty entries are skipped past, a result that does not fit is none. */
    char *dir = test_tmpdir();
    char prog[600];
    snprintf(prog, sizeof(prog), "%s/hotrun-which-test", dir);
    test_write_file(prog, "#!/bin/sh\n");
    CHECK(chmod(prog, 0755) == 0);
    char path[1300];
    snprintf(path, sizeof(path), "/nonexistent::%s:/bin", dir);
    setenv("PATH", path, 1);
    CHECK_EQ_INT(which("hotrun-which-test", out, sizeof(out)), 0);
    CHECK_EQ_STR(out, prog);
    CHECK_EQ_INT(which("hotrun-which-test", out, 8), ERR_NOTFOUND);
    unsetenv("PATH"); /* none: /bin:/usr/bin */
    CHECK_EQ_INT(which("sh", out, sizeof(out)), 0);
    test_rmtree(dir);
    free(dir);
    return 0;
}
