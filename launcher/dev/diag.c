/* diag.c: the first error of a compiler's or linker's output. */
#include "dev/diag.h"

#include <stdio.h>
#include <string.h>

void diag_strip_ansi(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if (*r == '\033' && r[1] == '[') {
            r += 2;
            while (*r && !(*r >= '@' && *r <= '~'))
                r++;
            if (*r)
                r++;
        } else if (*r == '\033' && r[1] == ']') { /* OSC, e.g. hyperlinks */
            r += 2;
            while (*r && *r != '\a' && !(*r == '\033' && r[1] == '\\'))
                r++;
            r += *r == '\a' ? 1 : *r ? 2 : 0;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static int line_score(const char *l)
{
    if (strstr(l, "collect2:") || strstr(l, "linker command failed"))
        return 1;
    if (strstr(l, "error:") || strstr(l, "undefined reference") ||
        strstr(l, "multiple definition"))
        return 3;
    if (strstr(l, "error") || strstr(l, "Error") || strstr(l, "ld:"))
        return 2;
    return *l ? 1 : 0;
}

/* Copies the line at p (up to its newline) into line, without colours or a '\r'; returns
 * where the next line starts. */
static const char *next_line(const char *p, char *line, size_t size)
{
    size_t len = strcspn(p, "\n");
    snprintf(line, size, "%.*s", (int)(len < size ? len : size - 1), p);
    diag_strip_ansi(line);
    line[strcspn(line, "\r")] = '\0';
    return p + len + (p[len] == '\n');
}

static bool skip_dir(const char **r, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    if (!n || strncmp(*r, dir, n) != 0 || (*r)[n] != '/')
        return false;
    *r += n + 1;
    return true;
}

bool diag_first_error(const char *out, const char *dir1, const char *dir2, char *dst,
                      size_t n)
{
    char line[1024];
    int best = 0;
    for (const char *p = out; *p && best < 3;) {
        p = next_line(p, line, sizeof(line));
        int score = line_score(line);
        if (score <= best)
            continue;
        best = score;
        char *w = dst;
        for (const char *r = line; *r && (size_t)(w - dst) + 1 < n;)
            if (!skip_dir(&r, dir1) && !skip_dir(&r, dir2))
                *w++ = *r++;
        *w = '\0';
    }
    return best > 0;
}

bool diag_first_line(const char *out, char *dst, size_t n)
{
    for (const char *p = out; *p;) {
        p = next_line(p, dst, n);
        if (dst[0])
            return true;
    }
    return false;
}

void diag_exit(const char *what, int term_signal, int exit_status, char *dst, size_t n)
{
    const char *sig = term_signal ? sigabbrev_np(term_signal) : NULL;
    if (term_signal)
        snprintf(dst, n, "%s was killed by SIG%s", what, sig ? sig : "?");
    else
        snprintf(dst, n, "%s exited with status %d", what, exit_status);
}

bool diag_probe(const char *out, bool timed_out, int term_signal, int exit_status,
                double budget_s, char *dst, size_t n)
{
    if (timed_out) {
        snprintf(dst, n, "the library's constructor hung for more than %g s", budget_s);
        return true;
    }
    if (term_signal) {
        const char *sig = sigabbrev_np(term_signal);
        snprintf(dst, n, "the library's constructor crashed: SIG%s", sig ? sig : "?");
        return true;
    }
    /* The probe's one sentence. Exit 3: it named the constructor that crashed or hung. */
    if (!diag_first_line(out, dst, n))
        diag_exit("the probe", term_signal, exit_status, dst, n);
    return exit_status == 3;
}
