/* statics.c: the writable static and global variables of a game library (statics.h). */
#include "dev/statics.h"

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/which.h"

/* The section HOT_SCRATCH (hot.h) puts a variable in. */
#define SCRATCH_SECTION ".hot_scratch"

static bool writable_data(const char *sec)
{
    if (strncmp(sec, ".data.rel.ro", 12) == 0)
        return false; /* read-only once relocated */
    return strncmp(sec, ".data", 5) == 0 || strncmp(sec, ".bss", 4) == 0;
}

static bool reserved(const char *name)
{
    return name[0] == '_' && (name[1] == '_' || (name[1] >= 'A' && name[1] <= 'Z'));
}

/* Not the game's variables, where a compiler (tcc) puts constants in .data too: hot.h's
 * own tables (hot_game, hot_schema_*, hot__*) and tcc's string literals (L.N). */
static bool not_the_games(const char *name)
{
    if (strcmp(name, "hot_game") == 0 || strncmp(name, "hot_schema_", 11) == 0 ||
        strncmp(name, "hot__", 5) == 0)
        return true;
    return name[0] == 'L' && name[1] == '.' && name[2] &&
           strspn(name + 2, "0123456789") == strlen(name + 2);
}

/* "calls.0" -> "calls": a function's static carries a number. */
static void source_name(const char *symbol, char *out, size_t size)
{
    snprintf(out, size, "%s", symbol);
    char *dot = strrchr(out, '.');
    if (dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1))
        *dot = '\0';
}

int statics_list(const char *path, StaticVar *out, int max)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ERR_IO;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(Elf64_Ehdr)) {
        close(fd);
        return ERR_INVALID;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return ERR_IO;
    int n = ERR_INVALID;
    const Elf64_Ehdr *eh = (const void *)m;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > size ||
        (size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum || eh->e_shstrndx >= eh->e_shnum)
        goto out;
    const Elf64_Shdr *sh = (const void *)(m + eh->e_shoff);
    const Elf64_Shdr *names = &sh[eh->e_shstrndx];
    if (names->sh_offset > size || names->sh_size > size - names->sh_offset)
        goto out;
    const char *secnames = (const char *)m + names->sh_offset;
    /* .symtab when the library has one (it names hidden and static variables too). */
    const Elf64_Shdr *symtab = NULL;
    for (int i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB || (!symtab && sh[i].sh_type == SHT_DYNSYM))
            symtab = &sh[i];
    n = 0;
    if (!symtab || symtab->sh_link >= eh->e_shnum || symtab->sh_offset > size ||
        symtab->sh_size > size - symtab->sh_offset)
        goto out;
    const Elf64_Shdr *strs = &sh[symtab->sh_link];
    if (strs->sh_offset > size || strs->sh_size > size - strs->sh_offset)
        goto out;
    const Elf64_Sym *syms = (const void *)(m + symtab->sh_offset);
    size_t count = symtab->sh_size / sizeof(Elf64_Sym);
    bool crt = false; /* the local symbols of the C runtime's crtstuff.c (cc's links) */
    for (size_t i = 0; i < count && n < max; i++) {
        const Elf64_Sym *s = &syms[i];
        if (ELF64_ST_TYPE(s->st_info) == STT_FILE && s->st_name < strs->sh_size) {
            const char *file = (const char *)m + strs->sh_offset + s->st_name;
            crt = memchr(file, '\0', strs->sh_size - s->st_name) &&
                  strcmp(file, "crtstuff.c") == 0;
            continue;
        }
        if (crt && ELF64_ST_BIND(s->st_info) == STB_LOCAL)
            continue;
        if (ELF64_ST_TYPE(s->st_info) != STT_OBJECT || s->st_size == 0 ||
            s->st_shndx == SHN_UNDEF || s->st_shndx >= eh->e_shnum ||
            s->st_name >= strs->sh_size)
            continue;
        if (sh[s->st_shndx].sh_name >= names->sh_size)
            continue;
        const char *sec = secnames + sh[s->st_shndx].sh_name;
        const char *name = (const char *)m + strs->sh_offset + s->st_name;
        if (!writable_data(sec) || strcmp(sec, SCRATCH_SECTION) == 0 ||
            !memchr(name, '\0', strs->sh_size - s->st_name) || reserved(name) ||
            not_the_games(name))
            continue;
        snprintf(out[n].symbol, sizeof(out[n].symbol), "%s", name);
        source_name(name, out[n].name, sizeof(out[n].name));
        out[n].where[0] = '\0';
        n++;
    }
out:
    munmap(m, size);
    return n;
}

/* True when the ELF file at path has a .debug_info section (DWARF). */
static bool has_dwarf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool found = false;
    Elf64_Ehdr eh;
    Elf64_Shdr names;
    if (pread(fd, &eh, sizeof(eh), 0) == (ssize_t)sizeof(eh) &&
        memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
        eh.e_shentsize == sizeof(Elf64_Shdr) && eh.e_shstrndx < eh.e_shnum &&
        pread(fd, &names, sizeof(names),
              (off_t)(eh.e_shoff + (Elf64_Off)eh.e_shstrndx * sizeof(Elf64_Shdr))) ==
            (ssize_t)sizeof(names)) {
        for (unsigned i = 0; i < eh.e_shnum && !found; i++) {
            Elf64_Shdr sh;
            char name[16] = "";
            if (pread(fd, &sh, sizeof(sh), (off_t)(eh.e_shoff + i * sizeof(Elf64_Shdr))) !=
                    (ssize_t)sizeof(sh) ||
                sh.sh_name >= names.sh_size)
                break;
            if (pread(fd, name, sizeof(name) - 1, (off_t)(names.sh_offset + sh.sh_name)) > 0)
                found = strcmp(name, ".debug_info") == 0;
        }
    }
    close(fd);
    return found;
}

void statics_locate(const char *path, StaticVar *vars, int n)
{
    char nm[PATH_MAX];
    /* Without DWARF (tcc writes stabs) nm -l names a wrong line for every variable: no
     * place is better than a wrong one. */
    if (n <= 0 || which("nm", nm, sizeof(nm)) < 0 || !nm[0] || !has_dwarf(path))
        return;
    /* nm -l: "ADDR TYPE NAME<TAB>FILE:LINE" for each defined symbol with debug info. */
    char cmd[PATH_MAX * 2 + 64];
    snprintf(cmd, sizeof(cmd), "'%s' -l --defined-only '%s' 2>/dev/null", nm, path);
    if (strchr(path, '\'') || strchr(nm, '\''))
        return;
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    char line[1024];
    while (fgets(line, sizeof(line), p)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab++ = '\0';
        tab[strcspn(tab, "\n")] = '\0';
        char *name = strrchr(line, ' ');
        if (!name)
            continue;
        name++;
        const char *file = strrchr(tab, '/');
        file = file ? file + 1 : tab;
        for (int i = 0; i < n; i++)
            if (!vars[i].where[0] && strcmp(vars[i].symbol, name) == 0)
                snprintf(vars[i].where, sizeof(vars[i].where), "%s", file);
    }
    pclose(p);
}
