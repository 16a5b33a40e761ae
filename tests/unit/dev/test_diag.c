/* test_diag.c: the one line shown of a failed build. */
#include <signal.h>

#include "dev/diag.h"
#include "testlib.h"

int main(void)
{
    char line[256];
    /* gcc, coloured, with hotrun's directories in the paths: the error line, plain. */
    const char *gcc = "\033[01m\033[K/src/game/player.c:\033[m\033[K In function 'f':\n"
                      "\033[01m\033[K/src/game/player.c:3:5:\033[m\033[K \033[01;31m\033[Kerror: "
                      "\033[m\033[Kexpected ';'\n   3 | x\n";
    CHECK(diag_first_error(gcc, "/src/game", "/cache/obj", line, sizeof(line)));
    CHECK_EQ_STR(line, "player.c:3:5: error: expected ';'");
    /* The linker: the undefined symbol beats the driver's summary. */
    const char *ld = "/usr/bin/ld: /cache/obj/a.c.o: in function `f':\n"
                     "a.c:(.text+0x5): undefined reference to `g'\n"
                     "collect2: error: ld returned 1 exit status\n";
    CHECK(diag_first_error(ld, "/src", "/cache/obj", line, sizeof(line)));
    CHECK_EQ_STR(line, "a.c:(.text+0x5): undefined reference to `g'");
    /* Only text: the first line; nothing: false, dst untouched. */
    CHECK(diag_first_error("something odd\nmore\n", NULL, NULL, line, sizeof(line)));
    CHECK_EQ_STR(line, "something odd");
    CHECK(!diag_first_error("", NULL, NULL, line, sizeof(line)));
    CHECK_EQ_STR(line, "something odd");
    /* A hyperlink (OSC 8) around a path is removed. */
    char s[] = "\033]8;;file:///x\033\\x.c\033]8;;\033\\: error: e";
    diag_strip_ansi(s);
    CHECK_EQ_STR(s, "x.c: error: e");

    CHECK(diag_first_line("\n\n  the probe said this\nand this\n", line, sizeof(line)));
    CHECK_EQ_STR(line, "  the probe said this");
    CHECK(!diag_first_line("\n\n", line, sizeof(line)));

    diag_exit("the linker", SIGKILL, 0, line, sizeof(line));
    CHECK_EQ_STR(line, "the linker was killed by SIGKILL");
    diag_exit("a.c", 0, 4, line, sizeof(line));
    CHECK_EQ_STR(line, "a.c exited with status 4");

    /* The probe's verdicts. */
    CHECK(diag_probe("", true, SIGKILL, 0, 2, line, sizeof(line)));
    CHECK_EQ_STR(line, "the library's constructor hung for more than 2 s");
    CHECK(diag_probe("", false, SIGSEGV, 0, 2, line, sizeof(line)));
    CHECK_EQ_STR(line, "the library's constructor crashed: SIGSEGV");
    CHECK(!diag_probe("x.so has no hot_game descriptor\n", false, 0, 2, 2, line, sizeof(line)));
    CHECK_EQ_STR(line, "x.so has no hot_game descriptor");
    CHECK(diag_probe("the library's constructor crashed: in c\n", false, 0, 3, 2, line,
                     sizeof(line)));
    CHECK(!diag_probe("", false, 0, 1, 2, line, sizeof(line)));
    CHECK_EQ_STR(line, "the probe exited with status 1");
    return 0;
}
