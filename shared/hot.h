/* hot.h: the contract between the hotrun host and a game; the only header both compile.
 *
 * A game includes this header, declares its persistent state once with the HOT_STATE
 * X-macro, and exports one descriptor, `hot_game`. Everything the game needs from the
 * outside world (drawing, input, time, random numbers, logging) comes through the HotApi
 * table the host passes to every call. The table lives in host memory and stays valid
 * across swaps; the game keeps no pointer to it between calls.
 *
 * Plain C11, no SDL, libuv or msgpack types: the game library links none of them.
 */
#ifndef HOT_H
#define HOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bumped whenever anything in this header changes in a way a compiled game would notice.
 * The host refuses a game built against another version and says to rebuild. */
#define HOT_ABI_VERSION 2u

/* The symbol name of the descriptor every game exports. */
#define HOT_GAME_SYMBOL "hot_game"

#if defined(__GNUC__)
#define HOT_EXPORT __attribute__((visibility("default")))
#define HOT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HOT_UNUSED __attribute__((unused))
#define HOT_SCRATCH __attribute__((section(".hot_scratch")))
#else
#define HOT_EXPORT
#define HOT_PRINTF(f, a)
#define HOT_UNUSED
#define HOT_SCRATCH
#endif
/* Static and global variables live in the game's library, not in the state: every reload
 * starts them over (and a swap's new library has its own). hotrun lists each writable one
 * once, with its file and line, when a library loads; mark one that may start over (a
 * buffer, a cache) as deliberate scratch and it is not listed:
 *     static HOT_SCRATCH char line[256];
 * (It puts the variable in a section of that name; keep const data out of it.) */

/* ---------------------------------------------------------------------------------------
 * State description: a reflective schema generated from one X-macro declaration.
 *
 *   #define PLAYER(X)                         \
 *       X(FIELD,  float,  x,      100.0f)     \
 *       X(FIELD,  int32_t, lives, 3)          \
 *       X(STRING, name,   16,     "hero")
 *   HOT_STATE(Player, PLAYER)
 *
 * yields `typedef struct Player {...} Player;` and `hot_schema_Player`, its field table.
 * Entry kinds:
 *   X(FIELD,     T, name, default)   a scalar: bool, int8_t..int64_t, uint8_t..uint64_t,
 *                                    int, float, double
 *   X(ENUM,      T, name, default)   an enum of 32 bits, saved by value
 *   X(ENUM,      T, name, default, NAMES)
 *                                    the same, with a HotEnumName table (below) that
 *                                    the inspector shows and accepts instead of numbers
 *   X(STRING,    name, N, "default") char name[N], always NUL-terminated
 *   X(STRUCT,    T, name)            a nested HOT_STATE struct, with its own defaults
 *   X(ARRAY,     T, name, N)         T name[N]; T a scalar or a HOT_STATE struct;
 *                                    scalars default to 0, structs to their defaults
 *   X(LIST,      T, name, CAP)       struct { uint32_t count; T items[CAP]; } name;
 *                                    a bounded dynamic array; its storage is inline in
 *                                    the state, so the host owns it and only `count`
 *                                    items are saved
 *   X(TRANSIENT, T, name)            any C type (pointers, caches): never saved, zero
 *                                    after every swap and load; rebuild it in after_swap
 * An asset handle (HotTexture, HotFont, HotSound, HotMusic, HotData) is a FIELD, ARRAY or
 * LIST element like a scalar, with default 0 (none): X(FIELD, HotTexture, sprite, 0). It is
 * saved as its asset path, so an image opened in another run finds the same asset.
 * ------------------------------------------------------------------------------------- */

typedef enum HotType {
    HOT_BOOL = 1,
    HOT_I8, HOT_I16, HOT_I32, HOT_I64,
    HOT_U8, HOT_U16, HOT_U32, HOT_U64,
    HOT_F32, HOT_F64,
    HOT_CHAR,  /* element of a STRING */
    HOT_STRUCT,
    /* Asset handles (see "Assets" below): saved in an image by their asset path. */
    HOT_TEXTURE, HOT_FONT, HOT_SOUND, HOT_MUSIC, HOT_DATA
} HotType;

typedef enum HotKind {
    HOT_KIND_FIELD = 1,
    HOT_KIND_ENUM,
    HOT_KIND_STRING,
    HOT_KIND_STRUCT,
    HOT_KIND_ARRAY,
    HOT_KIND_LIST,
    HOT_KIND_TRANSIENT
} HotKind;

typedef struct HotSchema HotSchema;

/* One value of an enum and its name, for X(ENUM, T, name, default, NAMES). A table ends
 * with a {0, NULL} entry:
 *   static const HotEnumName mode_names[] = {{MODE_PLAY, "play"}, {MODE_PAUSED, "paused"},
 *                                            {0, NULL}};
 * Names are for people only: the image saves the value, so renaming one changes nothing. */
typedef struct HotEnumName {
    int32_t value;
    const char *name;
} HotEnumName;

typedef struct HotField {
    const char *name;
    HotKind kind;
    const HotSchema *type;  /* element type: a scalar schema or a struct schema */
    uint32_t offset;        /* of the value, or of items[0] for a LIST */
    uint32_t count_offset;  /* LIST only: of its uint32_t count */
    uint32_t count;         /* 1, N for ARRAY and STRING, CAP for LIST */
    uint32_t size;          /* bytes of the whole member (TRANSIENT: what to zero) */
    int64_t def_i;          /* default of an integer, bool or enum FIELD */
    double def_f;           /* default of a float or double FIELD */
    const char *def_s;      /* default of a STRING */
    const HotEnumName *enum_names; /* ENUM only: its names, or NULL (shown as numbers) */
} HotField;

struct HotSchema {
    const char *name;       /* C type name */
    HotType type;           /* HOT_STRUCT, or the scalar this schema describes */
    uint32_t size;          /* sizeof the C type */
    uint32_t align;         /* _Alignof the C type */
    /* HOT_STRUCT only: returns the field table (static storage in the game library) and
     * stores its length in *count. A function because C has no other standard way to
     * take offsetof() of a struct whose name only the X-macro knows. */
    const HotField *(*fields)(uint32_t *count);
};

/* Assets: host-owned textures, fonts, sounds, music and data files, named by their path in
 * the game's asset folder and reached by handle. A handle is a small value; id 0 is "none".
 * It stays valid across swaps, quickloads, restarts and fault rollbacks, and a saved asset
 * file is reloaded behind it. */
typedef struct HotTexture { uint32_t id; } HotTexture;
typedef struct HotFont { uint32_t id; } HotFont;
typedef struct HotSound { uint32_t id; } HotSound;
typedef struct HotMusic { uint32_t id; } HotMusic;
typedef struct HotData { uint32_t id; } HotData;

/* HOT__NO_TABLES: the file declares the state structs but carries no schema tables.
 * hotrun defines it when tcc compiles a file that names neither HOT_GAME nor a
 * hot_schema_ (only the file with HOT_GAME uses the tables): tcc keeps every static object,
 * so each file would carry its own copy of every table, to be linked and relocated at
 * each load (5 MB and 27,000 relocations for 204 files). Not for games to define. */

/* Scalar schemas, referenced by field tables as hot_schema_<T>. */
#ifdef HOT__NO_TABLES
#define HOT__SCALAR(T, tag)
#else
#define HOT__SCALAR(T, tag)                                                          \
    static const HotSchema hot_schema_##T HOT_UNUSED = {#T, tag, sizeof(T), _Alignof(T), NULL};
#endif
/* `bool` reaches the field macros already expanded to `_Bool`. */
HOT__SCALAR(_Bool, HOT_BOOL)
HOT__SCALAR(int8_t, HOT_I8)
HOT__SCALAR(int16_t, HOT_I16)
HOT__SCALAR(int32_t, HOT_I32)
HOT__SCALAR(int64_t, HOT_I64)
HOT__SCALAR(uint8_t, HOT_U8)
HOT__SCALAR(uint16_t, HOT_U16)
HOT__SCALAR(uint32_t, HOT_U32)
HOT__SCALAR(uint64_t, HOT_U64)
HOT__SCALAR(int, HOT_I32)
HOT__SCALAR(float, HOT_F32)
HOT__SCALAR(double, HOT_F64)
HOT__SCALAR(char, HOT_CHAR)
HOT__SCALAR(HotTexture, HOT_TEXTURE)
HOT__SCALAR(HotFont, HOT_FONT)
HOT__SCALAR(HotSound, HOT_SOUND)
HOT__SCALAR(HotMusic, HOT_MUSIC)
HOT__SCALAR(HotData, HOT_DATA)

/* Pass 1: the C struct members. */
#define HOT__MEMBER(kind, ...) HOT__MEMBER_##kind(__VA_ARGS__)
#define HOT__MEMBER_FIELD(T, name, def) T name;
/* ENUM takes an optional NAMES after its default, hence the `...` (default, [NAMES]). */
#define HOT__MEMBER_ENUM(T, name, ...) T name;
#define HOT__MEMBER_STRING(name, n, def) char name[n];
#define HOT__MEMBER_STRUCT(T, name) T name;
#define HOT__MEMBER_ARRAY(T, name, n) T name[n];
#define HOT__MEMBER_LIST(T, name, cap) struct { uint32_t count; T items[cap]; } name;
#define HOT__MEMBER_TRANSIENT(T, name) T name;

/* Pass 2: the field table entries, expanded where HOT__SELF names the struct described. */
#define HOT__ENTRY(kind, ...) HOT__ENTRY_##kind(HOT__SELF, __VA_ARGS__)
#define HOT__ENTRY_FIELD(S, T, name, def)                                             \
    {#name, HOT_KIND_FIELD, &hot_schema_##T, offsetof(S, name), 0, 1,                \
     sizeof(((S *)0)->name), HOT__DEF_INT(T, def), (double)(def), NULL, NULL},
/* A float default is never cast to an integer (1e100 would not fit); an unsigned one above
 * INT64_MAX wraps and is read back as uint64_t. */
#define HOT__DEF_INT(T, def)                                                          \
    _Generic((T){0}, float: (int64_t)0, double: (int64_t)0, default: (int64_t)(def))
#define HOT__ENTRY_ENUM(S, T, name, ...)                                              \
    {#name, HOT_KIND_ENUM, &hot_schema_int32_t, offsetof(S, name), 0, 1,             \
     sizeof(((S *)0)->name), (int64_t)(HOT__ARG1(__VA_ARGS__, ~)),                    \
     (double)(HOT__ARG1(__VA_ARGS__, ~)), NULL, HOT__ARG2(__VA_ARGS__, NULL, ~)},
/* The first argument, and the second (the NULL after the list when there is none). */
#define HOT__ARG1(a, ...) a
#define HOT__ARG2(a, b, ...) b
#define HOT__ENTRY_STRING(S, name, n, def)                                            \
    {#name, HOT_KIND_STRING, &hot_schema_char, offsetof(S, name), 0, (n), (n), 0, 0, def,  \
     NULL},
#define HOT__ENTRY_STRUCT(S, T, name)                                                 \
    {#name, HOT_KIND_STRUCT, &hot_schema_##T, offsetof(S, name), 0, 1,               \
     sizeof(((S *)0)->name), 0, 0, NULL, NULL},
#define HOT__ENTRY_ARRAY(S, T, name, n)                                               \
    {#name, HOT_KIND_ARRAY, &hot_schema_##T, offsetof(S, name), 0, (n),              \
     sizeof(((S *)0)->name), 0, 0, NULL, NULL},
#define HOT__ENTRY_LIST(S, T, name, cap)                                              \
    {#name, HOT_KIND_LIST, &hot_schema_##T, offsetof(S, name.items),                 \
     offsetof(S, name.count), (cap), sizeof(((S *)0)->name), 0, 0, NULL, NULL},
#define HOT__ENTRY_TRANSIENT(S, T, name)                                              \
    {#name, HOT_KIND_TRANSIENT, NULL, offsetof(S, name), 0, 1,                       \
     sizeof(((S *)0)->name), 0, 0, NULL, NULL},

/* Enums are saved as 32-bit integers; this catches an enum of another size. */
#define HOT__CHECK(kind, ...) HOT__CHECK_##kind(__VA_ARGS__)
#define HOT__CHECK_FIELD(T, name, def)
#define HOT__CHECK_ENUM(T, name, ...)                                                 \
    _Static_assert(sizeof(T) == 4, "HOT ENUM " #name ": enums must be 32 bits");
#define HOT__CHECK_STRING(name, n, def)                                               \
    _Static_assert((n) > 0, "HOT STRING " #name ": size must be positive");
#define HOT__CHECK_STRUCT(T, name)
#define HOT__CHECK_ARRAY(T, name, n)
#define HOT__CHECK_LIST(T, name, cap)
#define HOT__CHECK_TRANSIENT(T, name)

/* Declares the struct Name and its schema hot_schema_Name from the X-macro LIST_. */
#define HOT_STATE(Name, LIST_)                                                        \
    typedef struct Name {                                                             \
        LIST_(HOT__MEMBER)                                                            \
    } Name;                                                                           \
    LIST_(HOT__CHECK)                                                                 \
    HOT__STATE_TABLE(Name, LIST_)

/* inline: a file that does not use the table (only the one with HOT_GAME does) need not
 * carry a copy of it; gcc drops such functions even at -O0. */
#ifdef HOT__NO_TABLES
#define HOT__STATE_TABLE(Name, LIST_)
#else
#define HOT__STATE_TABLE(Name, LIST_)                                                 \
    static inline const HotField *hot__fields_##Name(uint32_t *count)                 \
    {                                                                                 \
        typedef Name HOT__SELF;                                                       \
        static const HotField hot__f[] = {LIST_(HOT__ENTRY)};                         \
        *count = (uint32_t)(sizeof(hot__f) / sizeof(hot__f[0]));                      \
        return hot__f;                                                                \
    }                                                                                 \
    static const HotSchema hot_schema_##Name HOT_UNUSED = {                           \
        #Name, HOT_STRUCT, sizeof(Name), _Alignof(Name), hot__fields_##Name};
#endif

/* ---------------------------------------------------------------------------------------
 * Small value types, passed by value.
 * ------------------------------------------------------------------------------------- */

/* Declared as state structs, so a game's state can hold them: X(STRUCT, Vec2, pos). */
#define HOT__VEC2_FIELDS(X)                                                           \
    X(FIELD, float, x, 0)                                                             \
    X(FIELD, float, y, 0)
HOT_STATE(Vec2, HOT__VEC2_FIELDS)

#define HOT__COLOR_FIELDS(X)                                                          \
    X(FIELD, uint8_t, r, 0)                                                           \
    X(FIELD, uint8_t, g, 0)                                                           \
    X(FIELD, uint8_t, b, 0)                                                           \
    X(FIELD, uint8_t, a, 255)
HOT_STATE(Color, HOT__COLOR_FIELDS)

/* A rectangle: its top-left corner and its size. */
#define HOT__RECT_FIELDS(X)                                                           \
    X(FIELD, float, x, 0)                                                             \
    X(FIELD, float, y, 0)                                                             \
    X(FIELD, float, w, 0)                                                             \
    X(FIELD, float, h, 0)
HOT_STATE(Rect, HOT__RECT_FIELDS)

/* A 2D camera: the world point `target` appears at the screen point `offset` (often the
 * screen's centre), magnified by `zoom` (1: none; 0 counts as 1) and turned by `rotation`
 * degrees clockwise about it. A state struct, so a game keeps its camera in its state. */
#define HOT__CAMERA_FIELDS(X)                                                         \
    X(STRUCT, Vec2, target)                                                           \
    X(STRUCT, Vec2, offset)                                                           \
    X(FIELD, float, zoom, 1)                                                          \
    X(FIELD, float, rotation, 0)
HOT_STATE(Camera2D, HOT__CAMERA_FIELDS)

/* How what is drawn mixes with what is there (set_blend). */
typedef enum HotBlend {
    HOT_BLEND_ALPHA = 0, /* the default: alpha blending */
    HOT_BLEND_ADD,       /* light: adds colour (glows, sparks) */
    HOT_BLEND_MULTIPLY,  /* shade: multiplies colour (shadows, tints) */
    HOT_BLEND_NONE       /* copies colour and alpha as they are */
} HotBlend;

/* Mirroring of a sprite (draw_sprite); the two may be or-ed. */
typedef enum HotFlip { HOT_FLIP_NONE = 0, HOT_FLIP_X = 1, HOT_FLIP_Y = 2 } HotFlip;

/* How a texture is sampled when scaled (texture_filter). */
typedef enum HotFilter {
    HOT_FILTER_NEAREST = 0, /* the default: crisp pixel art */
    HOT_FILTER_LINEAR       /* smooth: photos, big downscales */
} HotFilter;

#define HOT_RGB(r_, g_, b_) ((Color){(r_), (g_), (b_), 255})
#define HOT_RGBA(r_, g_, b_, a_) ((Color){(r_), (g_), (b_), (a_)})

/* The keys a game can ask about. Letters and digits have their own values too. */
typedef enum HotKey {
    HOT_KEY_NONE = 0,
    HOT_KEY_LEFT, HOT_KEY_RIGHT, HOT_KEY_UP, HOT_KEY_DOWN,
    HOT_KEY_SPACE, HOT_KEY_ENTER, HOT_KEY_ESCAPE, HOT_KEY_TAB, HOT_KEY_BACKSPACE,
    HOT_KEY_SHIFT, HOT_KEY_CTRL, HOT_KEY_ALT,
    HOT_KEY_A, HOT_KEY_B, HOT_KEY_C, HOT_KEY_D, HOT_KEY_E, HOT_KEY_F, HOT_KEY_G,
    HOT_KEY_H, HOT_KEY_I, HOT_KEY_J, HOT_KEY_K, HOT_KEY_L, HOT_KEY_M, HOT_KEY_N,
    HOT_KEY_O, HOT_KEY_P, HOT_KEY_Q, HOT_KEY_R, HOT_KEY_S, HOT_KEY_T, HOT_KEY_U,
    HOT_KEY_V, HOT_KEY_W, HOT_KEY_X, HOT_KEY_Y, HOT_KEY_Z,
    HOT_KEY_0, HOT_KEY_1, HOT_KEY_2, HOT_KEY_3, HOT_KEY_4,
    HOT_KEY_5, HOT_KEY_6, HOT_KEY_7, HOT_KEY_8, HOT_KEY_9,
    /* The rest of the keyboard. New keys are only ever added here, at the end, so a key
     * saved in a state image (a key binding) keeps its meaning. SHIFT, CTRL, ALT and ENTER
     * above are down when either of their keys is (ENTER: the keypad's too). */
    HOT_KEY_F1, HOT_KEY_F2, HOT_KEY_F3, HOT_KEY_F4, HOT_KEY_F5, HOT_KEY_F6,
    HOT_KEY_F7, HOT_KEY_F8, HOT_KEY_F9, HOT_KEY_F10, HOT_KEY_F11, HOT_KEY_F12,
    HOT_KEY_F13, HOT_KEY_F14, HOT_KEY_F15, HOT_KEY_F16, HOT_KEY_F17, HOT_KEY_F18,
    HOT_KEY_F19, HOT_KEY_F20, HOT_KEY_F21, HOT_KEY_F22, HOT_KEY_F23, HOT_KEY_F24,
    HOT_KEY_MINUS, HOT_KEY_EQUALS, HOT_KEY_LEFT_BRACKET, HOT_KEY_RIGHT_BRACKET,
    HOT_KEY_BACKSLASH, HOT_KEY_SEMICOLON, HOT_KEY_APOSTROPHE, HOT_KEY_GRAVE,
    HOT_KEY_COMMA, HOT_KEY_PERIOD, HOT_KEY_SLASH,
    HOT_KEY_NONUS_BACKSLASH, /* the extra key left of Z on ISO keyboards */
    HOT_KEY_INSERT, HOT_KEY_DELETE, HOT_KEY_HOME, HOT_KEY_END,
    HOT_KEY_PAGE_UP, HOT_KEY_PAGE_DOWN,
    HOT_KEY_CAPS_LOCK, HOT_KEY_SCROLL_LOCK, HOT_KEY_NUM_LOCK,
    HOT_KEY_PRINT_SCREEN, HOT_KEY_PAUSE, HOT_KEY_MENU,
    HOT_KEY_KP_0, HOT_KEY_KP_1, HOT_KEY_KP_2, HOT_KEY_KP_3, HOT_KEY_KP_4,
    HOT_KEY_KP_5, HOT_KEY_KP_6, HOT_KEY_KP_7, HOT_KEY_KP_8, HOT_KEY_KP_9,
    HOT_KEY_KP_DIVIDE, HOT_KEY_KP_MULTIPLY, HOT_KEY_KP_MINUS, HOT_KEY_KP_PLUS,
    HOT_KEY_KP_ENTER, HOT_KEY_KP_PERIOD, HOT_KEY_KP_EQUALS,
    HOT_KEY_LEFT_SHIFT, HOT_KEY_RIGHT_SHIFT, HOT_KEY_LEFT_CTRL, HOT_KEY_RIGHT_CTRL,
    HOT_KEY_LEFT_ALT, HOT_KEY_RIGHT_ALT,
    HOT_KEY_LEFT_GUI, HOT_KEY_RIGHT_GUI, /* the Windows / Command / Super keys */
    HOT_KEY_GUI,                         /* either of them */
    HOT_KEY_COUNT
} HotKey;

typedef enum HotMouseButton {
    HOT_MOUSE_LEFT = 0,
    HOT_MOUSE_MIDDLE,
    HOT_MOUSE_RIGHT,
    HOT_MOUSE_X1, /* the side buttons (back, forward) */
    HOT_MOUSE_X2,
    HOT_MOUSE_COUNT
} HotMouseButton;

/* Gamepads (SDL's game controller layout: an Xbox-style pad; A is the bottom face
 * button on every pad). */
#define HOT_PAD_MAX 4   /* pads at once: numbers 0..3, in the order they were plugged in */
#define HOT_PAD_ANY (-1) /* as a pad number: any connected pad */

typedef enum HotPadButton {
    HOT_PAD_A = 0, HOT_PAD_B, HOT_PAD_X, HOT_PAD_Y,
    HOT_PAD_BACK, HOT_PAD_GUIDE, HOT_PAD_START,
    HOT_PAD_LEFT_STICK, HOT_PAD_RIGHT_STICK,        /* the sticks pressed in */
    HOT_PAD_LEFT_SHOULDER, HOT_PAD_RIGHT_SHOULDER,
    HOT_PAD_DPAD_UP, HOT_PAD_DPAD_DOWN, HOT_PAD_DPAD_LEFT, HOT_PAD_DPAD_RIGHT,
    HOT_PAD_MISC,     /* share / microphone / capture, where the pad has one */
    HOT_PAD_PADDLE1, HOT_PAD_PADDLE2, HOT_PAD_PADDLE3, HOT_PAD_PADDLE4,
    HOT_PAD_TOUCHPAD, /* the touchpad pressed */
    HOT_PAD_BUTTON_COUNT
} HotPadButton;

typedef enum HotPadAxis {
    HOT_PAD_LEFT_X = 0, HOT_PAD_LEFT_Y,   /* -1..1; right and down are positive */
    HOT_PAD_RIGHT_X, HOT_PAD_RIGHT_Y,
    HOT_PAD_TRIGGER_LEFT, HOT_PAD_TRIGGER_RIGHT, /* 0..1 */
    HOT_PAD_AXIS_COUNT
} HotPadAxis;

/* Size of one character cell of the built-in font at scale 1, in pixels. */
#define HOT_FONT_W 6
#define HOT_FONT_H 8

/* ---------------------------------------------------------------------------------------
 * The host services table. Every pointer argument is borrowed for the duration of the
 * call; nothing the host returns needs freeing.
 * ------------------------------------------------------------------------------------- */

typedef struct HotImage HotImage; /* opaque: an encoded state image, owned by the host */

typedef struct HotApi {
    uint32_t abi;  /* HOT_ABI_VERSION of the host */
    uint32_t size; /* sizeof(HotApi) in the host */

    /* Drawing, in pixels of the logical screen; (0,0) is the top-left corner. */
    Vec2 (*screen_size)(void);
    void (*clear)(Color color);
    void (*draw_rect)(float x, float y, float w, float h, Color color);
    void (*draw_rect_lines)(float x, float y, float w, float h, Color color);
    void (*draw_line)(Vec2 from, Vec2 to, Color color);
    void (*draw_circle)(Vec2 center, float radius, Color color);
    void (*draw_circle_lines)(Vec2 center, float radius, Color color);
    /* Built-in bitmap font; scale 1 draws HOT_FONT_W x HOT_FONT_H cells, 2 doubles them
     * (a scale below 1 draws at 1, above 512 at 512). '\n' starts a new line. Only what
     * can reach the screen is drawn or even looked at: text off screen costs nothing. */
    void (*draw_text)(const char *text, float x, float y, int scale, Color color);
    float (*text_width)(const char *text, int scale);

    /* Input: down is held now, pressed/released changed during this frame. */
    bool (*key_down)(HotKey key);
    bool (*key_pressed)(HotKey key);
    bool (*key_released)(HotKey key);
    Vec2 (*mouse_pos)(void);
    bool (*mouse_down)(HotMouseButton button);
    bool (*mouse_pressed)(HotMouseButton button);

    /* Time: seconds since the previous frame (clamped for big gaps), frames run, seconds
     * since the run started. Frames keep counting across swaps. */
    float (*frame_time)(void);
    uint64_t (*frame_count)(void);
    double (*time)(void);

    /* Seeded random numbers (the host's generator; --seed sets it). */
    void (*random_seed)(uint64_t seed);
    uint32_t (*random_u32)(void);
    int (*random_int)(int lo, int hi);          /* lo..hi inclusive */
    float (*random_float)(float lo, float hi);  /* lo..hi */

    /* One line to the terminal (and the events stream), prefixed with the game's name. */
    void (*log)(const char *fmt, ...) HOT_PRINTF(1, 2);

    /* Reading an old state image, for HotGame.migrate: the value at a dotted path such as
     * "player.pos.x" or "enemies.3.hp". Returns false when the path is missing or the value
     * is not of that kind. */
    bool (*image_number)(const HotImage *image, const char *path, double *out);
    bool (*image_string)(const HotImage *image, const char *path, char *buf,
                         size_t size);

    /* Window and logical screen. The game draws on a logical screen of HotGame.width x
     * height pixels (800 x 600 when 0); the window scales it letterboxed, by whole
     * multiples when HotGame.integer_scale is set. F11 toggles fullscreen too. */
    void (*set_fullscreen)(bool on);
    bool (*is_fullscreen)(void);

    /* Textures and sprites. `path` is relative to the game's asset folder ("player.png";
     * PNG, JPEG, BMP, GIF, TGA... whatever SDL2_image reads). Loading the same path again
     * returns the same handle, so calling it every frame is cheap. A missing or broken file
     * gives a handle that draws a magenta checkerboard until the file is fixed; a saved
     * file is reloaded behind its handle before the next frame. */
    HotTexture (*load_texture)(const char *path);
    Vec2 (*texture_size)(HotTexture t);                  /* in pixels; 0,0 for none */
    void (*texture_filter)(HotTexture t, HotFilter filter);
    /* The whole texture, its top-left corner at pos, multiplied by tint (HOT_RGB(255,255,
     * 255): as it is; the alpha fades it). */
    void (*draw_texture)(HotTexture t, Vec2 pos, Color tint);
    /* The part `src` of the texture (in texture pixels; w or h 0: all of it) drawn into
     * `dst`: the point `origin` of dst (in dst pixels, from its top-left corner) lands on
     * dst.x, dst.y and the sprite turns about it by `rotation` degrees clockwise. */
    void (*draw_sprite)(HotTexture t, Rect src, Rect dst, Vec2 origin, float rotation,
                        HotFlip flip, Color tint);
    /* Cell `index` of a sprite sheet of cols x rows equal cells, counted row by row (for
     * an animation: index = frame % (cols * rows)). */
    Rect (*sprite_cell)(HotTexture t, int cols, int rows, int index);

    /* TrueType fonts (any .ttf/.otf SDL2_ttf reads), by asset path like textures; drawn at
     * any pixel size. Glyphs are rasterised once per size and kept, so text drawn every
     * frame costs no rasterising. Text is UTF-8; '\n' starts a new line. A font that cannot
     * be loaded draws with the built-in font. */
    HotFont (*load_font)(const char *path);
    void (*draw_font_text)(HotFont f, const char *text, Vec2 pos, float size, Color color);
    Vec2 (*measure_font_text)(HotFont f, const char *text, float size);

    /* Camera, shapes, blend modes, render targets. Between begin_camera and end_camera
     * every draw call is in world coordinates seen through the camera. */
    void (*begin_camera)(Camera2D camera);
    void (*end_camera)(void);
    Vec2 (*screen_to_world)(Camera2D camera, Vec2 screen);
    Vec2 (*world_to_screen)(Camera2D camera, Vec2 world);
    void (*draw_triangle)(Vec2 a, Vec2 b, Vec2 c, Color color);
    /* A convex polygon of `count` points (in order, either direction), filled. */
    void (*draw_polygon)(const Vec2 *points, int count, Color color);
    void (*draw_line_thick)(Vec2 from, Vec2 to, float thickness, Color color);
    /* For everything drawn after it in this frame (each frame starts with ALPHA). */
    void (*set_blend)(HotBlend mode);
    /* An offscreen texture of w x h pixels to draw into (minimaps, effects); transparent
     * at first. Its handle is a texture's: draw it with draw_texture or draw_sprite. It
     * lasts until hotrun exits, so create it once (in init) and keep the handle. */
    HotTexture (*create_target)(int w, int h);
    /* Draw calls until end_target go into `target` (its own pixels, no camera). */
    void (*begin_target)(HotTexture target);
    void (*end_target)(void);

    /* Data files of the asset folder (levels, tuning), read whole by the host. data_text
     * returns the content, NUL-terminated (len may be NULL), valid until the frame ends;
     * "" when the file is missing. data_version changes whenever the file was saved again
     * and read (0: never read), so a game re-parses its level when the number moves. */
    HotData (*load_data)(const char *path);
    const char *(*data_text)(HotData d, size_t *len);
    uint32_t (*data_version)(HotData d);
    /* The game's own save folder (high scores, settings): SDL's per-user preference path
     * for the game's name, the same for develop and release builds. `name` is a plain
     * file name. save_write replaces the file whole (true when written); save_read copies
     * up to `size` bytes into buf and returns the file's length, or -1 when there is none. */
    bool (*save_write)(const char *name, const void *data, size_t len);
    long (*save_read)(const char *name, void *buf, size_t size);
    const char *(*save_dir)(void);

    /* Sound effects and music. Sounds (WAV, OGG, FLAC, MP3... whatever SDL2_mixer reads)
     * and music are assets, by path like textures; loading the same path again returns
     * the same handle. A missing or broken file is silent (and one sentence) until it is
     * fixed; a saved file replaces the sound behind its handle, the voices playing it go
     * on with the new one. The host owns the output: sounds and music play on through
     * every swap, quickload and fault rollback. A run without a window (or --mute) mixes
     * silently in step with the game's frames; --audio-out FILE.wav records the mix. */
    HotSound (*load_sound)(const char *path);
    /* Plays a sound on a voice of its own (32 voices): volume 0..1, pan -1 (left) .. 0
     * (centre) .. 1 (right), looped until stopped when loop is true. Returns the voice,
     * an id for stop_sound and set_voice; 0 when nothing plays (no sound, every voice
     * busy). It starts within 6 ms of the frame's time. */
    uint32_t (*play_sound)(HotSound s, float volume, float pan, bool loop);
    /* Volume and pan of a voice while it plays (an engine's hum following the ship). */
    void (*set_voice)(uint32_t voice, float volume, float pan);
    /* Stops a voice; one that ended already (or 0) is no matter. */
    void (*stop_sound)(uint32_t voice);
    bool (*sound_playing)(uint32_t voice);
    void (*stop_all_sounds)(void);
    /* Music: one piece at a time, streamed from its file (OGG, WAV, ...). */
    HotMusic (*load_music)(const char *path);
    /* Starts music (replacing the piece that plays), looped or once, fading in over
     * fade_in seconds (0: at once). The piece that already plays is left playing, so
     * calling it every frame or in after_swap is fine. */
    void (*play_music)(HotMusic m, bool loop, float fade_in);
    /* Stops the music, fading out over fade_out seconds (0: at once). */
    void (*stop_music)(float fade_out);
    void (*music_volume)(float volume);  /* 0..1 (default 1) */
    bool (*music_playing)(void);
    void (*master_volume)(float volume); /* every sound and the music, 0..1 (default 1) */

    /* Gamepads, the whole keyboard, mouse wheel, text input (sound issue). */
    /* True in the frame a mouse button was let go. */
    bool (*mouse_released)(HotMouseButton button);
    /* How far the wheel turned this frame: y > 0 away from the user (scroll up), x > 0 to
     * the right; one notch is 1. (0,0) when it did not turn. */
    Vec2 (*mouse_wheel)(void);
    /* The characters typed this frame, UTF-8 (with the keyboard's layout, Shift, dead keys
     * and input methods applied): what a name entry appends. "" when none. Valid until the
     * frame ends. Keys that type nothing (Backspace, Enter) are keys: key_pressed. */
    const char *(*text_input)(void);
    /* A key's name, "F5", "Left Shift", "Keypad 7" (for a key binding menu); "" for none. */
    const char *(*key_name)(HotKey key);
    /* Gamepads, numbered 0..HOT_PAD_MAX-1 in the order they were plugged in; a pad keeps
     * its number while plugged in, and a pad plugged in later takes the lowest free one.
     * Pads come and go while the game runs: a pad that is not connected reads as nothing
     * pressed and sticks centred. HOT_PAD_ANY reads every connected pad (a button down on
     * any; an axis: the one pushed furthest). */
    bool (*pad_connected)(int pad);
    /* The pad's name ("Xbox Series X Controller"); "" when not connected. */
    const char *(*pad_name)(int pad);
    bool (*pad_down)(int pad, HotPadButton button);
    bool (*pad_pressed)(int pad, HotPadButton button);  /* pressed this frame */
    bool (*pad_released)(int pad, HotPadButton button); /* let go this frame */
    /* A stick's axis -1..1 or a trigger 0..1, past the dead zone: a stick reads 0 while it
     * is within the dead zone of its centre (measured on both its axes together) and goes
     * smoothly from 0 at its edge to 1 at full tilt; a trigger the same from its rest. */
    float (*pad_axis)(int pad, HotPadAxis axis);
    /* The dead zone, as a fraction of full tilt (default 0.2; 0..0.9). */
    void (*pad_set_dead_zone)(float dead_zone);
    /* Rumbles the pad's low (strong) and high (weak) frequency motors, each 0..1, for
     * `seconds`; a new call replaces the last. False when the pad has no rumble (or none
     * is connected). Rumble is output only: it changes nothing a recording replays. */
    bool (*pad_rumble)(int pad, float low, float high, float seconds);

    /* Flow: quit and the rest (flow and reliability issues). */
    /* Ends the run after this frame, as closing the window does. The way for a game to end:
     * in develop mode exit(), _exit(), quick_exit() and abort() from game code are faults
     * (named, rolled back, the session kept); in a --static build exit() is exit. */
    void (*quit)(void);
} HotApi;

/* ---------------------------------------------------------------------------------------
 * The game descriptor, exported as `HOT_GAME(...)`. Every function gets the services table
 * (borrowed, valid during the call) and the state (host memory, laid out by `state`).
 * ------------------------------------------------------------------------------------- */

typedef struct HotGame {
    uint32_t abi;            /* HOT_ABI_VERSION the game was compiled with */
    uint32_t api_size;       /* sizeof(HotApi) the game was compiled with */
    uint32_t game_size;      /* sizeof(HotGame) the game was compiled with */
    uint32_t state_version;  /* the game's own version number of its state; see migrate */
    const char *name;        /* shown in the window title and logs */
    const HotSchema *state;  /* the persistent state's description (required) */

    /* Called once on a fresh start, after the state took its defaults. Optional. */
    void (*init)(const HotApi *api, void *state);
    /* Called every frame: advance the game. Required. */
    void (*update)(const HotApi *api, void *state);
    /* Called every frame after update: draw it. Optional. */
    void (*draw)(const HotApi *api, const void *state);
    /* Old library, just before its state is encoded and it is closed. Optional. */
    void (*before_swap)(const HotApi *api, void *state);
    /* Just after the state was decoded into this library's layout: after a swap, a
     * quickload (F9), --state-in, or a retry after a fault (F2). Transient fields are zero
     * here: rebuild them. Optional. */
    void (*after_swap)(const HotApi *api, void *state);
    /* New library, when the image came from another state_version: fix up what automatic
     * matching by field name could not (a renamed field, a changed meaning). Optional. */
    void (*migrate)(const HotApi *api, uint32_t from_version, const HotImage *old,
                    void *state);

    /* The window. */
    const char *title;       /* the window's title (NULL: the name) */
    uint32_t width, height;  /* the logical screen in pixels (0: 800 x 600) */
    bool integer_scale;      /* scale by whole multiples only: crisp pixel art */
} HotGame;

/* Defines the descriptor. Fields after `state` are designated initializers:
 *   HOT_GAME(GameState, .name = "demo", .update = game_update, .draw = game_draw); */
#define HOT_GAME(StateType, ...)                                                      \
    HOT_EXPORT const HotGame hot_game = {.abi = HOT_ABI_VERSION,                      \
                                         .api_size = sizeof(HotApi),                  \
                                         .game_size = sizeof(HotGame),                \
                                         .state = &hot_schema_##StateType,            \
                                         __VA_ARGS__}

#endif /* HOT_H */
