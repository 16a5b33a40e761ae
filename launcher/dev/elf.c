/* elf.c: what hotrun reads and patches in the ELF files it links.
 *
 * Read with pread, not mapped: the library was just written, and a mapping's page faults
 * and its unmapping (a TLB shootdown on every core running one of hotrun's threads) cost
 * more than reading the few sections looked at (0.1 ms of tcc's path from the link to the
 * open at 200 files). */
#include "dev/elf.h"

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

/* A 64-bit little-endian shared library's header and section headers. */
typedef struct ElfFile {
    int fd;
    size_t size;
    Elf64_Ehdr eh;
    Elf64_Shdr *sh;
} ElfFile;

static void elf_close(ElfFile *f)
{
    free(f->sh);
    if (f->fd >= 0)
        close(f->fd);
}

/* Opens path (flags: O_RDONLY or O_RDWR) and reads its headers. false (nothing to close)
 * when it cannot be read or is not a 64-bit little-endian shared library. */
static bool elf_open(ElfFile *f, const char *path, int flags)
{
    *f = (ElfFile){.fd = open(path, flags | O_CLOEXEC)};
    struct stat st;
    if (f->fd < 0 || fstat(f->fd, &st) != 0 ||
        pread(f->fd, &f->eh, sizeof(f->eh), 0) != (ssize_t)sizeof(f->eh))
        goto bad;
    f->size = (size_t)st.st_size;
    const Elf64_Ehdr *eh = &f->eh;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_type != ET_DYN ||
        eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 || eh->e_shoff > f->size ||
        (f->size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum)
        goto bad;
    size_t n = eh->e_shnum * sizeof(Elf64_Shdr);
    f->sh = xmalloc(n);
    if (pread(f->fd, f->sh, n, (off_t)eh->e_shoff) != (ssize_t)n)
        goto bad;
    return true;
bad:
    elf_close(f);
    return false;
}

/* The contents of section i (malloc'd; *n entries of entsize bytes), or NULL when it has
 * none in the file or cannot be read. */
static void *elf_section(const ElfFile *f, unsigned i, size_t entsize, size_t *n)
{
    const Elf64_Shdr *s = &f->sh[i];
    *n = 0;
    if (s->sh_type == SHT_NOBITS || s->sh_offset > f->size ||
        s->sh_size > f->size - s->sh_offset || s->sh_size < entsize)
        return NULL;
    void *p = xmalloc(s->sh_size);
    if (pread(f->fd, p, s->sh_size, (off_t)s->sh_offset) != (ssize_t)s->sh_size) {
        free(p);
        return NULL;
    }
    *n = s->sh_size / entsize;
    return p;
}

/* True unless the library certainly runs none of its own code when it is opened or
 * closed: no constructors or destructors (DT_INIT, DT_FINI and their arrays), no ifunc
 * resolvers (IRELATIVE relocations, STT_GNU_IFUNC symbols) and no needed libraries (theirs
 * could run). The probe exists to run such code outside the host; a library without any is
 * checked in hotrun's process instead, which saves starting a process per build
 * (1-2 ms of every reload). Anything unexpected in the file counts as code. */
bool elf_runs_code_when_loaded(const char *path)
{
    ElfFile f;
    if (!elf_open(&f, path, O_RDONLY))
        return true;
    unsigned irelative = f.eh.e_machine == EM_X86_64    ? R_X86_64_IRELATIVE
                         : f.eh.e_machine == EM_AARCH64 ? R_AARCH64_IRELATIVE
                                                        : 0;
    bool runs = !irelative;
    int dynamic = 0;
    for (unsigned i = 0; !runs && i < f.eh.e_shnum; i++) {
        unsigned type = f.sh[i].sh_type;
        size_t n;
        if (type == SHT_DYNAMIC) {
            dynamic++;
            const Elf64_Dyn *d = elf_section(&f, i, sizeof(Elf64_Dyn), &n);
            for (size_t k = 0; k < n && d[k].d_tag != DT_NULL; k++)
                if (d[k].d_tag == DT_INIT || d[k].d_tag == DT_FINI ||
                    d[k].d_tag == DT_NEEDED || d[k].d_tag == DT_PREINIT_ARRAY ||
                    ((d[k].d_tag == DT_INIT_ARRAYSZ || d[k].d_tag == DT_FINI_ARRAYSZ) &&
                     d[k].d_un.d_val))
                    runs = true;
            free((void *)d);
        } else if (type == SHT_RELA || type == SHT_REL) {
            size_t step = type == SHT_RELA ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
            const unsigned char *p = elf_section(&f, i, step, &n);
            for (size_t k = 0; k < n && !runs; k++)
                runs = ELF64_R_TYPE(((const Elf64_Rel *)(p + k * step))->r_info) == irelative;
            free((void *)p);
        } else if (type == SHT_DYNSYM) {
            const Elf64_Sym *sym = elf_section(&f, i, sizeof(Elf64_Sym), &n);
            for (size_t k = 0; k < n && !runs; k++)
                runs = ELF64_ST_TYPE(sym[k].st_info) == STT_GNU_IFUNC;
            free((void *)sym);
        }
    }
    elf_close(&f);
    return runs || dynamic != 1;
}

/* Gives a library tcc linked a PT_GNU_STACK header (read and write, no execute): a copy of
 * the program headers with it appended at the end of the file, where the ELF header then
 * points. glibc's loader reads program headers wherever they are (it keeps a copy of those
 * outside the loaded segments). 0, or ERR_INVALID when the file is not what tcc writes. */
int elf_add_gnu_stack(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return ERR_INVALID;
    Elf64_Ehdr eh;
    Elf64_Phdr ph[64];
    struct stat st;
    int rc = ERR_INVALID;
    if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || fstat(fd, &st) != 0 ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
        eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum >= 64)
        goto out;
    size_t size = eh.e_phnum * sizeof(Elf64_Phdr);
    if (pread(fd, ph, size, (off_t)eh.e_phoff) != (ssize_t)size)
        goto out;
    for (int i = 0; i < eh.e_phnum; i++)
        if (ph[i].p_type == PT_GNU_STACK) {
            rc = 0; /* already there */
            goto out;
        }
    ph[eh.e_phnum] = (Elf64_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W, .p_align = 16};
    off_t at = (st.st_size + 7) & ~(off_t)7;
    size += sizeof(Elf64_Phdr);
    eh.e_phoff = (Elf64_Off)at;
    eh.e_phnum++;
    if (pwrite(fd, ph, size, at) == (ssize_t)size &&
        pwrite(fd, &eh, sizeof(eh), 0) == (ssize_t)sizeof(eh))
        rc = 0;
out:
    close(fd);
    return rc;
}

/* The relocation types that name a symbol's address without anything else (the address
 * itself, a GOT entry, a PLT slot), and the one that needs no symbol: the load address plus
 * the addend. */
typedef struct RelocTypes {
    unsigned abs64, glob_dat, jump_slot, relative;
} RelocTypes;

static bool reloc_types(unsigned machine, RelocTypes *t)
{
    if (machine == EM_X86_64)
        *t = (RelocTypes){R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT,
                          R_X86_64_RELATIVE};
    else if (machine == EM_AARCH64)
        *t = (RelocTypes){R_AARCH64_ABS64, R_AARCH64_GLOB_DAT, R_AARCH64_JUMP_SLOT,
                          R_AARCH64_RELATIVE};
    else
        return false;
    return true;
}

/* The symbol a relocation names, when the library defines it itself in a way that binds
 * here: a function or object of one of its sections (not absolute, not common, not an ifunc,
 * not thread-local). */
static const Elf64_Sym *own_symbol(const Elf64_Sym *syms, size_t nsyms, size_t i)
{
    if (i == 0 || i >= nsyms)
        return NULL;
    const Elf64_Sym *s = &syms[i];
    unsigned type = ELF64_ST_TYPE(s->st_info);
    if (s->st_shndx == SHN_UNDEF || s->st_shndx >= SHN_LORESERVE || type == STT_GNU_IFUNC ||
        type == STT_TLS)
        return NULL;
    return s;
}

/* Rewrites the relocations of r[0..n) that name one of the library's own symbols as
 * relative ones; how many. */
static int bind_section(Elf64_Rela *r, size_t n, const Elf64_Sym *syms, size_t nsyms,
                        const RelocTypes *rt)
{
    int rewritten = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned type = (unsigned)ELF64_R_TYPE(r[k].r_info);
        if (type != rt->abs64 && type != rt->glob_dat && type != rt->jump_slot)
            continue;
        const Elf64_Sym *s = own_symbol(syms, nsyms, ELF64_R_SYM(r[k].r_info));
        /* ABS64 is S + A; a GOT entry or a PLT slot is S on x86-64 and S + A on AArch64:
         * one with an addend is left as it is. */
        if (!s || (type != rt->abs64 && r[k].r_addend != 0))
            continue;
        r[k].r_info = ELF64_R_INFO(0, rt->relative);
        r[k].r_addend += (Elf64_Sxword)s->st_value;
        rewritten++;
    }
    return rewritten;
}

/* tcc links a library's calls and address references between its own files through the
 * dynamic symbol table, as if anything could replace them: each is looked up at every
 * dlopen in the global scope first (hotrun and its ~90 libraries, each asked before the
 * game's own: 0.15 ms at 200 files), and a game function named like one of theirs (a
 * `rand`, a `uv_version`) would silently be theirs. Each such relocation against a symbol
 * the library defines becomes a relative one (the load address plus the symbol's value), as
 * ld's -Bsymbolic links it: the game's names bind to the game at link time. Relocations the
 * lazy binder reads (DT_JMPREL) are left alone: tcc writes none. */
int elf_bind_locally(const char *path)
{
    ElfFile f;
    RelocTypes rt;
    if (!elf_open(&f, path, O_RDWR))
        return ERR_INVALID;
    if (!reloc_types(f.eh.e_machine, &rt)) {
        elf_close(&f);
        return ERR_INVALID;
    }
    /* The lazy binder's relocations, by address: DT_JMPREL and DT_PLTRELSZ. */
    Elf64_Addr jmprel = 0, jmprel_size = 0;
    for (unsigned i = 0; i < f.eh.e_shnum; i++) {
        size_t n;
        const Elf64_Dyn *d = f.sh[i].sh_type == SHT_DYNAMIC
                                 ? elf_section(&f, i, sizeof(Elf64_Dyn), &n)
                                 : NULL;
        for (size_t k = 0; d && k < n && d[k].d_tag != DT_NULL; k++) {
            if (d[k].d_tag == DT_JMPREL)
                jmprel = d[k].d_un.d_ptr;
            else if (d[k].d_tag == DT_PLTRELSZ)
                jmprel_size = d[k].d_un.d_val;
        }
        free((void *)d);
    }
    int rewritten = 0;
    Elf64_Sym *syms = NULL;
    size_t nsyms = 0;
    unsigned syms_of = 0; /* the section syms holds */
    for (unsigned i = 0; i < f.eh.e_shnum; i++) {
        const Elf64_Shdr *rs = &f.sh[i];
        if (rs->sh_type != SHT_RELA || rs->sh_entsize != sizeof(Elf64_Rela) ||
            rs->sh_link == 0 || rs->sh_link >= f.eh.e_shnum ||
            f.sh[rs->sh_link].sh_type != SHT_DYNSYM)
            continue; /* not a dynamic relocation section */
        if (jmprel_size && rs->sh_addr < jmprel + jmprel_size &&
            jmprel < rs->sh_addr + rs->sh_size)
            continue;
        if (!syms || syms_of != rs->sh_link) {
            free(syms);
            syms = elf_section(&f, rs->sh_link, sizeof(Elf64_Sym), &nsyms);
            syms_of = rs->sh_link;
        }
        size_t n;
        Elf64_Rela *r = syms ? elf_section(&f, i, sizeof(Elf64_Rela), &n) : NULL;
        int k = r ? bind_section(r, n, syms, nsyms, &rt) : 0;
        if (k > 0 && pwrite(f.fd, r, rs->sh_size, (off_t)rs->sh_offset) == (ssize_t)rs->sh_size)
            rewritten += k;
        free(r);
    }
    free(syms);
    elf_close(&f);
    return rewritten;
}
