/* depfile.c: reading make-style depfiles. */
#include "dev/depfile.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

int depfile_read(const char *path, const char *base_dir, Strv *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return ERR_NOTFOUND;
    char tok[PATH_MAX];
    size_t n = 0;
    bool target_done = false;
    int c;
    for (;;) {
        c = fgetc(f);
        bool end = c == EOF || c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (c == '\\') {
            int d = fgetc(f);
            if (d == '\n' || d == '\r')
                end = true; /* line continuation */
            else if (d == ' ' || d == '#' || d == '\\')
                c = d; /* escaped character */
            else if (d != EOF)
                ungetc(d, f);
        } else if (c == '$') {
            int d = fgetc(f);
            if (d != '$' && d != EOF)
                ungetc(d, f);
        }
        if (!end) {
            if (n + 1 < sizeof(tok))
                tok[n++] = (char)c;
            continue;
        }
        if (n) {
            tok[n] = '\0';
            if (!target_done) {
                if (tok[n - 1] == ':')
                    target_done = true;
            } else if (strcmp(tok, ":") != 0) {
                if (tok[0] == '/') {
                    strv_push(out, tok);
                } else {
                    char *abs = str_fmt("%s/%s", base_dir, tok);
                    strv_push(out, abs);
                    free(abs);
                }
            }
            n = 0;
        }
        if (c == EOF)
            break;
    }
    fclose(f);
    return target_done ? 0 : ERR_CORRUPT;
}
