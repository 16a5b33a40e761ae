/* statics.h: the writable static and global variables of a game library. They live in
 * the library, not in the state image, so they reset at every reload; hotrun lists them
 * once so that the game keeps what matters in HOT_STATE (or marks scratch HOT_SCRATCH). */
#ifndef HOTRUN_DEV_STATICS_H
#define HOTRUN_DEV_STATICS_H

typedef struct StaticVar {
    char symbol[128]; /* as in the symbol table: "hits", "calls.0" (a function's static) */
    char name[128];   /* as in the source: "hits", "calls" */
    char where[256];  /* file:line from the debug info; "" if unknown */
} StaticVar;

/* The writable variables (.data and .bss, not the relocated read-only data, not
 * HOT_SCRATCH's section, not reserved names) of the ELF library at path, at most max of
 * them into out: how many, or a negative ERR_* code when the file is no ELF library. */
int statics_list(const char *path, StaticVar *out, int max);
/* Fills in `where` of each (nm -l reads the DWARF debug info); left "" without nm or
 * without DWARF (tcc's stabs: nm -l names wrong lines). */
void statics_locate(const char *path, StaticVar *vars, int n);

#endif
