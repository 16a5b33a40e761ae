/* test_script.c: --press scripts: parsing, refusals with one sentence, and the presses and
 * releases they make frame by frame. */
#include "core/script.h"
#include "platform/gamepad.h"
#include "testlib.h"

static void test_parse_and_apply(void)
{
    Script s;
    Err err = {0};
    input_set_host_keys(HOST_MOD_CTRL, false);
    CHECK_EQ_INT(script_parse(&s, "right@2+3 space@4, ctrl+f5@1", &err), 0);
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

/* Combinations: the modifiers go down first; a host key needs its modifier, and a plain
 * F-key is the game's. */
static void test_combos(void)
{
    input_set_host_keys(HOST_MOD_CTRL, false);
    Script s;
    Err err = {0};
    CHECK_EQ_INT(script_parse(&s, "f5@1 ctrl+shift+f1@3+2 shift+a@6", &err), 0);
    Input in;
    memset(&in, 0, sizeof(in));
    for (long f = 0; f < 9; f++) {
        input_begin_frame(&in);
        script_apply(&s, f, &in);
        CHECK_EQ_INT(input_key_pressed(&in, HOT_KEY_F5), f == 1);
        CHECK_EQ_INT(input_host_pressed(&in, HOST_KEY_SAVE), 0);
        CHECK_EQ_INT(input_host_pressed(&in, HOST_KEY_HELP), f == 3);
        CHECK_EQ_INT(input_key_down(&in, HOT_KEY_F1), 0);
        CHECK_EQ_INT(input_key_down(&in, HOT_KEY_CTRL), f >= 3 && f < 5);
        CHECK_EQ_INT(input_key_down(&in, HOT_KEY_LEFT_SHIFT), (f >= 3 && f < 5) || f == 6);
        CHECK_EQ_INT(input_key_pressed(&in, HOT_KEY_A), f == 6);
    }
}

/* Text, the wheel and mouse buttons. */
static void test_text_wheel_mouse(void)
{
    Script s;
    Err err = {0};
    CHECK_EQ_INT(script_parse(&s, "text:Ada@1 text:'Zoë, L'@2 wheel:up@3 wheel:-2@4+2 "
                                  "wheel:left@7 mouse:right@8+2",
                              &err),
                 0);
    CHECK_EQ_INT(s.count, 6);
    Script alias;
    CHECK_EQ_INT(script_parse(&alias, "type:x@1 gamepad1:a@2", &err), 0);
    CHECK(alias.press[0].kind == SCRIPT_TEXT && alias.press[1].kind == SCRIPT_PAD_BUTTON &&
          alias.press[1].pad == 1);
    Input in;
    memset(&in, 0, sizeof(in));
    const char *text[10] = {"", "Ada", "Zoë, L", "", "", "", "", "", "", ""};
    float wy[10] = {0, 0, 0, 1, -2, -2, 0, 0, 0, 0};
    for (long f = 0; f < 10; f++) {
        input_begin_frame(&in);
        script_apply(&s, f, &in);
        CHECK_EQ_STR(in.text, text[f]);
        CHECK(in.wheel_y == wy[f]);
        CHECK(in.wheel_x == (f == 7 ? -1 : 0));
        CHECK_EQ_INT(input_mouse_pressed(&in, HOT_MOUSE_RIGHT), f == 8);
        CHECK_EQ_INT(input_mouse_released(&in, HOT_MOUSE_RIGHT), f == 10);
    }
    input_begin_frame(&in);
    script_apply(&s, 10, &in);
    CHECK(input_mouse_released(&in, HOT_MOUSE_RIGHT));
}

/* A pad is an SDL virtual joystick: the script's presses come back through SDL's game
 * controller events, in the frame they are made; unplugged, the pad is gone. */
static void test_virtual_pad(void)
{
    char why[256];
    if (gamepad_init(why, sizeof(why)) != 0) {
        fprintf(stderr, "no game controllers here (%s): skipped\n", why);
        return;
    }
    Script s;
    Err err = {0};
    CHECK_EQ_INT(script_parse(&s, "pad:a@2+2 pad:leftx=-1@3+2 pad1:start@4 pad:unplug@6",
                              &err),
                 0);
    Input in;
    memset(&in, 0, sizeof(in));
    for (long f = 0; f < 8; f++) {
        input_begin_frame(&in);
        script_apply(&s, f, &in);
        CHECK_EQ_INT(input_pad_connected(&in, 0), f < 6);
        CHECK_EQ_INT(input_pad_connected(&in, 1), 1);
        CHECK_EQ_INT(input_pad_pressed(&in, 0, HOT_PAD_A), f == 2);
        CHECK_EQ_INT(input_pad_down(&in, 0, HOT_PAD_A), f >= 2 && f < 4);
        CHECK_EQ_INT(input_pad_axis(&in, 0, HOT_PAD_LEFT_X, 0.2f) == -1, f >= 3 && f < 5);
        CHECK_EQ_INT(input_pad_pressed(&in, 1, HOT_PAD_START), f == 4);
        if (f < 6)
            CHECK(strstr(in.pad[0].name, "hotrun virtual pad 0") != NULL);
    }
    CHECK(gamepad_rumble(1, 1, 0.5f, 0.1f));
    CHECK(!gamepad_rumble(0, 1, 0.5f, 0.1f)); /* unplugged */
    script_end(&s);
    input_begin_frame(&in);
    input_pump_events(&in);
    CHECK(!input_pad_connected(&in, HOT_PAD_ANY));
    gamepad_quit();
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
        {"ctrl+nokey@3", "--press: unknown key 'nokey'"},
        {"text:@3", "--press: text: is empty or longer than 63 bytes"},
        {"wheel:sideways@3",
         "--press: wheel:sideways is not up, down, left, right or a number of notches"},
        {"mouse:thumb@3",
         "--press: mouse:thumb is not a mouse button (left, middle, right, x1, x2)"},
        {"pad7:a@3", "--press: pad7: pads are pad0..pad3"},
        {"pad:leftx=2@3", "--press: pad:leftx=2: the value must be -1..1"},
        {"pad:lefttrigger=-1@3", "--press: pad:lefttrigger=-1: the value must be 0..1"},
        {"pad:jump@3", "--press: pad:jump is no pad button (a, b, x, y, start, dpup, ...), "
                       "axis (leftx=VALUE, lefttrigger=VALUE, ...), plug or unplug"},
        {"pod:a@3", "--press: unknown key 'pod:a'"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        Script s;
        Err err = {0};
        CHECK_EQ_INT(script_parse(&s, bad[i].spec, &err), ERR_INVALID);
        CHECK_EQ_STR(err.text, bad[i].sentence);
    }
    static char many[8 * (SCRIPT_MAX_PRESSES + 1) + 1];
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
    RUN(test_combos);
    RUN(test_text_wheel_mouse);
    RUN(test_virtual_pad);
    RUN(test_empty);
    RUN(test_refusals);
    fprintf(stderr, "test_script: %d checks passed\n", testlib_checks);
    return 0;
}
