/* test_fs.c: creating directory trees, with the errors a user can meet. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
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

    test_rmtree(dir);
    free(dir);
    return 0;
}
