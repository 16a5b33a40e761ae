/* test_script.c: --press scripts: parsing, refusals with one sentence, and the presses and
 * releases they make frame by frame. */
#include "core/script.h"
#include "testlib.h"

static void test_parse_and_apply(void)
{
    Script s;
    Err err = {0};
    CHECK_EQ_INT(script_parse(&s, "right@2+3 space@4, f5@1", &err), 0);
    CHECK_EQ_INT(s.count, 3);
    Input in;
    memset(&in, 0, sizeof(in));
    bool right[8], space[8], save[8];
    for (long f = 0; f < 8; f++) {
        input_begin_frame(&in);
        script_apply(&s, f, &in);
        script_apply(&s, f, &in); /* twice in one frame: applied once */
        right[f] = input_key_down(&in, HOT_KEY_RIGHT);
        space[f] = input_key_pressed(&in, HOT_KEY_SPACE);
        save[f] = input_host_pressed(&in, HOST_KEY_SAVE);
    }
    for (long f = 0; f < 8; f++) {
        CHECK_EQ_INT(right[f], f >= 2 && f < 5);
        CHECK_EQ_INT(space[f], f == 4);
        CHECK_EQ_INT(save[f], f == 1);
    }
}

static void test_empty(void)
{
    Script s;
    CHECK_EQ_INT(script_parse(&s, NULL, NULL), 0);
    CHECK_EQ_INT(s.count, 0);
    CHECK_EQ_INT(script_parse(&s, "  ", NULL), 0);
    CHECK_EQ_INT(s.count, 0);
}

static void test_refusals(void)
{
    static const struct {
        const char *spec, *sentence;
    } bad[] = {
        {"nokey@3", "--press: unknown key 'nokey'"},
        {"a@", "--press: 'a@' is not KEY@FRAME[+FRAMES]"},
        {"a@3+0", "--press: 'a@3+0' is not KEY@FRAME[+FRAMES]"},
        {"a@-1", "--press: 'a@-1' is not KEY@FRAME[+FRAMES]"},
        {"a@3x", "--press: 'a@3x' is not KEY@FRAME[+FRAMES]"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        Script s;
        Err err = {0};
        CHECK_EQ_INT(script_parse(&s, bad[i].spec, &err), ERR_INVALID);
        CHECK_EQ_STR(err.text, bad[i].sentence);
    }
    char many[1024] = "";
    for (int i = 0; i <= SCRIPT_MAX_PRESSES; i++)
        strcat(many, "a@1 ");
    Script s;
    Err err = {0};
    CHECK_EQ_INT(script_parse(&s, many, &err), ERR_INVALID);
    CHECK(strstr(err.text, "more than") != NULL);
}

int main(void)
{
    RUN(test_parse_and_apply);
    RUN(test_empty);
    RUN(test_refusals);
    fprintf(stderr, "test_script: %d checks passed\n", testlib_checks);
    return 0;
}
