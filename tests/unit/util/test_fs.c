/* test_fs.c: creating directory trees, with the errors a user can meet; comparing files. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fs.h"
#include "testlib.h"

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(void)
{
    char *dir = test_tmpdir();
    char path[600];
    snprintf(path, sizeof(path), "%s/a/b/c", dir);
    CHECK_EQ_INT(fs_mkdirs(path), 0);
    CHECK(is_dir(path));
    CHECK_EQ_INT(fs_mkdirs(path), 0); /* already there: fine */

    snprintf(path, sizeof(path), "%s/p/q/file.o", dir);
    CHECK_EQ_INT(fs_mkdirs_parent(path), 0);
    snprintf(path, sizeof(path), "%s/p/q", dir);
    CHECK(is_dir(path));
    CHECK_EQ_INT(fs_mkdirs_parent("file-in-cwd.o"), 0); /* no directory part: nothing to do */

    /* A file where a directory should be: an error, with errno saying why. */
    snprintf(path, sizeof(path), "%s/file", dir);
    test_write_file(path, "x");
    CHECK_EQ_INT(fs_mkdirs(path), ERR_IO);
    CHECK_EQ_INT(errno, ENOTDIR);
    snprintf(path, sizeof(path), "%s/file/sub", dir);
    CHECK_EQ_INT(fs_mkdirs(path), ERR_IO);
    CHECK_EQ_INT(errno, ENOTDIR);

    char longp[PATH_MAX + 10];
    memset(longp, 'a', sizeof(longp) - 1);
    longp[sizeof(longp) - 1] = '\0';
    CHECK_EQ_INT(fs_mkdirs(longp), ERR_INVALID);
    CHECK_EQ_INT(errno, ENAMETOOLONG);

    /* fs_same_bytes: equal files (one longer than its read buffer), one byte apart at the
     * end, a prefix, a missing file. */
    char a[600], b[600];
    snprintf(a, sizeof(a), "%s/same-a", dir);
    snprintf(b, sizeof(b), "%s/same-b", dir);
    static char big[40000];
    memset(big, 'q', sizeof(big) - 1);
    test_write_file(a, big);
    test_write_file(b, big);
    CHECK(fs_same_bytes(a, b));
    big[sizeof(big) - 2] = 'r';
    test_write_file(b, big);
    CHECK(!fs_same_bytes(a, b));
    big[sizeof(big) - 2] = '\0';
    test_write_file(b, big);
    CHECK(!fs_same_bytes(a, b));
    snprintf(b, sizeof(b), "%s/missing", dir);
    CHECK(!fs_same_bytes(a, b));
    CHECK(!fs_same_bytes(b, a));

    test_rmtree(dir);
    free(dir);
    return 0;
}
