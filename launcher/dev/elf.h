/* elf.h: what hotrun reads and patches in the ELF files it links. */
#ifndef HOTRUN_DEV_ELF_H
#define HOTRUN_DEV_ELF_H

#include <stdbool.h>

/* True unless the library at path certainly runs none of its own code when it is opened or
 * closed (constructors, destructors, ifunc resolvers, needed libraries). Anything
 * unexpected in the file, or a file that cannot be read, counts as code. */
bool elf_runs_code_when_loaded(const char *path);
/* Gives a shared library without one a PT_GNU_STACK header (read and write, no execute),
 * as tcc's links lack it. 0, or ERR_INVALID when the file is not what tcc writes. */
int elf_add_gnu_stack(const char *path);
/* Binds a library's references to the functions and objects it defines itself at link
 * time, as ld's -Bsymbolic does (tcc has no such link): each dynamic relocation naming one
 * of them becomes a relative one, so dlopen looks up none of them and nothing of the host
 * can take their place. The number rewritten, or ERR_INVALID when the file is not a 64-bit
 * little-endian library (x86-64 or AArch64). */
int elf_bind_locally(const char *path);

#endif
