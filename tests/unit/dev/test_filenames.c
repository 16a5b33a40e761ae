/* test_filenames.c: which names are sources, and editors' temp files never are. */
#include "dev/filenames.h"
#include "testlib.h"

int main(void)
{
    static const char *const temps[] = {".main.c.swp", "4913", "main.c~", "#main.c#",
                                        ".#main.c", "main.c.tmp", "main.c.bak",
                                        "main.c___jb_tmp___", "main.c___jb_old___",
                                        ".goutputstream-XYZ", ".hidden.c"};
    static const char *const c_h[] = {".c", ".h", NULL};
    static const char *const any[] = {"", NULL};
    for (size_t i = 0; i < sizeof(temps) / sizeof(temps[0]); i++) {
        CHECK(filenames_editor_temp(temps[i]));
        CHECK(!filenames_counts(c_h, temps[i]));
        CHECK(!filenames_counts(any, temps[i]));
    }
    CHECK(filenames_counts(c_h, "main.c"));
    CHECK(filenames_counts(c_h, "game.h"));
    CHECK(!filenames_counts(c_h, "main.o"));
    CHECK(!filenames_counts(c_h, "notes.txt"));
    CHECK(!filenames_counts(c_h, ""));
    CHECK(!filenames_counts(c_h, NULL));
    CHECK(filenames_counts(any, "notes.txt"));
    CHECK(!filenames_editor_temp("main.c"));
    return 0;
}
