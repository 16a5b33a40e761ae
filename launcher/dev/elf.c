/* elf.c: what hotrun reads and patches in the ELF files it links. */
#include "dev/elf.h"

#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

/* True unless the library certainly runs none of its own code when it is opened or
 * closed: no constructors or destructors (DT_INIT, DT_FINI and their arrays), no ifunc
 * resolvers (IRELATIVE relocations, STT_GNU_IFUNC symbols) and no needed libraries (theirs
 * could run). The probe exists to run such code outside the host; a library without any is
 * checked in hotrun's process instead, which saves starting a process per build
 * (1-2 ms of every reload). Anything unexpected in the file counts as code. */
bool elf_runs_code_when_loaded(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(Elf64_Ehdr)) {
        if (fd >= 0)
            close(fd);
        return true;
    }
    size_t size = (size_t)st.st_size;
    const unsigned char *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return true;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)m;
    unsigned irelative = eh->e_machine == EM_X86_64    ? R_X86_64_IRELATIVE
                         : eh->e_machine == EM_AARCH64 ? R_AARCH64_IRELATIVE
                                                       : 0;
    bool runs = memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
                eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
                eh->e_type != ET_DYN || !irelative || eh->e_shentsize != sizeof(Elf64_Shdr) ||
                eh->e_shnum == 0 || eh->e_shoff > size ||
                (size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum;
    int dynamic = 0;
    for (unsigned i = 0; !runs && i < eh->e_shnum; i++) {
        const Elf64_Shdr *sh = (const Elf64_Shdr *)(m + eh->e_shoff) + i;
        if (sh->sh_type == SHT_NOBITS || sh->sh_offset > size ||
            sh->sh_size > size - sh->sh_offset)
            continue;
        const unsigned char *p = m + sh->sh_offset;
        if (sh->sh_type == SHT_DYNAMIC) {
            dynamic++;
            for (size_t k = 0; k + sizeof(Elf64_Dyn) <= sh->sh_size; k += sizeof(Elf64_Dyn)) {
                const Elf64_Dyn *d = (const Elf64_Dyn *)(p + k);
                if (d->d_tag == DT_NULL)
                    break;
                if (d->d_tag == DT_INIT || d->d_tag == DT_FINI || d->d_tag == DT_NEEDED ||
                    d->d_tag == DT_PREINIT_ARRAY ||
                    ((d->d_tag == DT_INIT_ARRAYSZ || d->d_tag == DT_FINI_ARRAYSZ) &&
                     d->d_un.d_val))
                    runs = true;
            }
        } else if (sh->sh_type == SHT_RELA || sh->sh_type == SHT_REL) {
            size_t step = sh->sh_type == SHT_RELA ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
            for (size_t k = 0; k + step <= sh->sh_size && !runs; k += step)
                runs = ELF64_R_TYPE(((const Elf64_Rel *)(p + k))->r_info) == irelative;
        } else if (sh->sh_type == SHT_DYNSYM) {
            for (size_t k = 0; k + sizeof(Elf64_Sym) <= sh->sh_size && !runs;
                 k += sizeof(Elf64_Sym))
                runs = ELF64_ST_TYPE(((const Elf64_Sym *)(p + k))->st_info) == STT_GNU_IFUNC;
        }
    }
    munmap((void *)m, size);
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

static bool in_file(const Elf64_Shdr *s, size_t size)
{
    return s->sh_offset <= size && s->sh_size <= size - s->sh_offset;
}

/* tcc links a library's calls and address references between its own files through the
 * dynamic symbol table, as if anything could replace them: each is looked up at every
 * dlopen in the global scope first (hotrun and its ~90 libraries, each asked before the
 * game's own: 0.15 ms at 200 files), and a game function named like one of theirs (a
 * `random`, a `step`) would silently be theirs. Each such relocation against a symbol the
 * library defines becomes a relative one (the load address plus the symbol's value), as
 * ld's -Bsymbolic links it: the game's names bind to the game at link time. Relocations the
 * lazy binder reads (DT_JMPREL) are left alone: tcc writes none. Returns how many were
 * rewritten, or ERR_INVALID when the file is not a 64-bit little-endian library. */
int elf_bind_locally(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(Elf64_Ehdr)) {
        if (fd >= 0)
            close(fd);
        return ERR_INVALID;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return ERR_INVALID;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)m;
    RelocTypes rt;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_type != ET_DYN ||
        !reloc_types(eh->e_machine, &rt) || eh->e_shentsize != sizeof(Elf64_Shdr) ||
        eh->e_shoff > size || (size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum) {
        munmap(m, size);
        return ERR_INVALID;
    }
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(m + eh->e_shoff);
    /* The lazy binder's relocations, by address: DT_JMPREL and DT_PLTRELSZ. */
    Elf64_Addr jmprel = 0, jmprel_size = 0;
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_DYNAMIC || !in_file(&sh[i], size))
            continue;
        const Elf64_Dyn *d = (const Elf64_Dyn *)(m + sh[i].sh_offset);
        for (size_t k = 0; k < sh[i].sh_size / sizeof(Elf64_Dyn) && d[k].d_tag != DT_NULL; k++) {
            if (d[k].d_tag == DT_JMPREL)
                jmprel = d[k].d_un.d_ptr;
            else if (d[k].d_tag == DT_PLTRELSZ)
                jmprel_size = d[k].d_un.d_val;
        }
    }
    int rewritten = 0;
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        const Elf64_Shdr *rs = &sh[i];
        if (rs->sh_type != SHT_RELA || rs->sh_entsize != sizeof(Elf64_Rela) ||
            !in_file(rs, size) || rs->sh_link >= eh->e_shnum)
            continue;
        const Elf64_Shdr *ss = &sh[rs->sh_link];
        if (ss->sh_type != SHT_DYNSYM || !in_file(ss, size))
            continue; /* not a dynamic relocation section */
        if (jmprel_size && rs->sh_addr < jmprel + jmprel_size &&
            jmprel < rs->sh_addr + rs->sh_size)
            continue;
        const Elf64_Sym *syms = (const Elf64_Sym *)(m + ss->sh_offset);
        size_t nsyms = ss->sh_size / sizeof(Elf64_Sym);
        Elf64_Rela *r = (Elf64_Rela *)(m + rs->sh_offset);
        for (size_t k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
            unsigned type = (unsigned)ELF64_R_TYPE(r[k].r_info);
            if (type != rt.abs64 && type != rt.glob_dat && type != rt.jump_slot)
                continue;
            const Elf64_Sym *s = own_symbol(syms, nsyms, ELF64_R_SYM(r[k].r_info));
            /* ABS64 is S + A; a GOT entry or a PLT slot is S on x86-64 and S + A on
             * AArch64: one with an addend is left as it is. */
            if (!s || (type != rt.abs64 && r[k].r_addend != 0))
                continue;
            r[k].r_info = ELF64_R_INFO(0, rt.relative);
            r[k].r_addend += (Elf64_Sxword)s->st_value;
            rewritten++;
        }
    }
    munmap(m, size);
    return rewritten;
}
