/* tables.c: which game files need hot.h's schema tables (see tables.h). */
#include "dev/tables.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

static bool names_one_of(const char *text, size_t n, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (memmem(text, n, names[i], strlen(names[i])))
            return true;
    return false;
}

static bool names_a_table(const char *text, size_t n)
{
    static const char *const names[] = {"HOT_GAME", "hot_schema_", "hot__fields_", NULL};
    return names_one_of(text, n, names);
}

bool tables_missing(const char *output)
{
    static const char *const names[] = {"hot_schema_", "hot__fields_", NULL};
    return output && names_one_of(output, strlen(output), names);
}

bool tables_needed(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return true;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *text = xmalloc(cap);
    for (;;) {
        ssize_t got = read(fd, text + n, cap - n);
        if (got < 0) {
            n = 0; /* unreadable: with the tables, the compiler says what is wrong */
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) { /* grew while read */
            cap *= 2;
            text = xrealloc(text, cap);
        }
    }
    close(fd);
    bool needed = n == 0 || names_a_table(text, n);
    free(text);
    return needed;
}
