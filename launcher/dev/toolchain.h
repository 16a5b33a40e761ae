/* toolchain.h: what hotrun knows of compilers and linkers: the compile and link commands
 * of a develop or release build, when ld can link without the compiler driver, and what it
 * asks gcc, clang and tcc about themselves once at start-up. */
#ifndef HOTRUN_DEV_TOOLCHAIN_H
#define HOTRUN_DEV_TOOLCHAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "util/strings.h"

typedef struct Toolchain {
    Strv cc;              /* the compiler command, split at white space */
    Strv cflags, ldflags; /* the user's extra flags */
    Strv exe_link_args;   /* release: what follows the objects (the host runtime) */
    char *include_dir;    /* where hot.h is */
    bool release, color;
    bool tcc;              /* the compiler is tcc (by name: the last word of cc) */
    bool toplevel_reorder; /* the compiler is gcc: see toolchain_compile_argv */
    char *libtcc1; /* tcc's helper archive, when cc is tcc */
    char *libgcc;  /* gcc's (or clang's) helper archive, for a link by ld itself */
    char *ld;      /* develop builds (not tcc's) link through ld if there is one */
} Toolchain;

typedef struct ToolchainConfig {
    const char *cc;                 /* "cc" when NULL or empty */
    const char *const *cflags;      /* NULL-terminated; may be NULL */
    const char *const *ldflags;
    const char *const *exe_link_args;
    const char *include_dir;
    bool release, color;
    bool ask; /* ask the compiler about itself (a develop build that compiles: start-up cost) */
    /* Where the compiler's answers are kept between runs (NULL: asked every time): a warm
     * start does not run the compiler when it is the same file as when it was asked. */
    const char *answers_file;
} ToolchainConfig;

void toolchain_init(Toolchain *t, const ToolchainConfig *cfg);
void toolchain_free(Toolchain *t);

/* The define that leaves hot.h's schema tables out of a file (see hot.h, tables.h). */
#define TOOLCHAIN_NO_TABLES "-DHOT__NO_TABLES"
/* True when a file that does not use the schema tables is compiled without them: a
 * develop build with tcc, which keeps every static object (gcc drops them itself). */
bool toolchain_leaves_out_tables(const Toolchain *t);

/* The command that compiles rel (relative to the sources, the compiler's working
 * directory) to obj, writing its depfile to dep; no_tables: without hot.h's schema tables
 * when toolchain_leaves_out_tables. */
void toolchain_compile_argv(const Toolchain *t, const char *rel, const char *obj,
                            const char *dep, bool no_tables, Strv *a);
/* The command that links the objects into out. */
void toolchain_link_argv(const Toolchain *t, const char *out, char *const *objs, int nobjs,
                         Strv *a);
/* True when one compiler run can compile a file and link the library (tcc's develop
 * builds): for a one-file edit, that run makes the library while the file's object is
 * compiled beside it for the next build. */
bool toolchain_links_in_compile(const Toolchain *t);
/* The command that compiles rel (relative to the sources) and links it into out with the
 * other objects: objs[edited] is rel's object, which it stands in for. */
void toolchain_compile_link_argv(const Toolchain *t, const char *out, char *const *objs,
                                 int nobjs, int edited, const char *rel, bool no_tables,
                                 Strv *a);
/* True when the develop link can run ld itself instead of the compiler driver. */
bool toolchain_ld_can_link(const Toolchain *t);
/* A hash of a command: a changed command makes its output stale. The diagnostics colour
 * flag is left out: it follows whether stderr is a terminal and changes how errors look,
 * not the output. */
uint64_t toolchain_argv_hash(const Strv *argv);

#endif
