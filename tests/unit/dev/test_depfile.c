/* test_depfile.c: make-style depfiles as gcc and tcc write them, with escapes. */
#include "dev/depfile.h"
#include "util/error.h"
#include "testlib.h"

int main(void)
{
    char *dir = test_tmpdir();
    char dep[600];
    snprintf(dep, sizeof(dep), "%s/a.d", dir);
    test_write_file(dep, "/c/obj/a.c.o: a.c game.h \\\n  /usr/include/x.h my\\ file.h \\\n"
                         " cost$$.h\n");
    Strv v = {0};
    CHECK_EQ_INT(depfile_read(dep, "/src", &v), 0);
    CHECK_EQ_INT(v.n, 5);
    CHECK_EQ_STR(v.v[0], "/src/a.c");
    CHECK_EQ_STR(v.v[1], "/src/game.h");
    CHECK_EQ_STR(v.v[2], "/usr/include/x.h");
    CHECK_EQ_STR(v.v[3], "/src/my file.h");
    CHECK_EQ_STR(v.v[4], "/src/cost$.h");
    strv_free(&v);

    /* tcc: the target and its prerequisites on one line each. */
    test_write_file(dep, "obj.o : \\\n  a.c \\\n  b.h \\\n\n");
    CHECK_EQ_INT(depfile_read(dep, "/s", &v), 0);
    CHECK_EQ_INT(v.n, 2);
    CHECK_EQ_STR(v.v[1], "/s/b.h");
    strv_free(&v);

    /* No target: not a depfile. None at all: not found. */
    test_write_file(dep, "just words\n");
    CHECK_EQ_INT(depfile_read(dep, "/s", &v), ERR_CORRUPT);
    strv_free(&v);
    snprintf(dep, sizeof(dep), "%s/none.d", dir);
    CHECK_EQ_INT(depfile_read(dep, "/s", &v), ERR_NOTFOUND);
    test_rmtree(dir);
    free(dir);
    return 0;
}
