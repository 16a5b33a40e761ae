/* test_json.c: state/json.c: images as JSON. */
#include "state_test.h"

static void test_json(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    s->name[1] = (char)0xff; /* not UTF-8 */
    s->mid.in.tag[0] = 1;    /* a control character */
    s->fa[0] = 0.1f;
    StateImage img = {0};
    encode(&hot_schema_All, 6, s, &img);
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof(path), "%s/dump.json", dir);
    FILE *f = fopen(path, "w+");
    CHECK_EQ_INT(state_image_to_json(&img, f), 0);
    char *text = read_all(f);
    fclose(f);
    fputs(text, stderr);
    /* image order, blobs as number arrays, round-tripping floats, null for NaN/Inf */
    const char *head = "{\n  \"hotrun\": 2,\n  \"version\": 6,\n  \"game\": \"\",\n  \"schema\": ";
    CHECK(strncmp(text, head, strlen(head)) == 0);
    CHECK(strstr(text, ",\n  \"state\": {\n") != NULL);
    CHECK(strstr(text, "\"b\": false,\n") < strstr(text, "\"i8\": -128,\n"));
    CHECK(strstr(text, "\"i64\": -9223372036854775808,") != NULL);
    CHECK(strstr(text, "\"u64\": 18446744073709551615,") != NULL);
    CHECK(strstr(text, "\"f\": null,") != NULL);
    CHECK(strstr(text, "\"d\": null,") != NULL);
    CHECK(strstr(text, "\"mode\": -3,") != NULL);
    CHECK(strstr(text, "\"name\": \"Z\\ufffd\xc3\xab \\\"q\\\"\\n\",") != NULL);
    CHECK(strstr(text, "\"tag\": \"\\u0001eep\"") != NULL);
    CHECK(strstr(text,
                 "\"fa\": [0.1, -0.5, 0, -0, 3.4028235e+38, 1.4013e-45, 2, 2.5, 3, 3.5],") !=
          NULL);
    CHECK(strstr(text, "\"bits\": [false, true, false],") != NULL);
    CHECK(strstr(text, "\"da\": [null, 1.7976931348623157e+308],") != NULL);
    CHECK(strstr(text, "\"ln\": [-10, -9, -6, -1, 6, 15],") != NULL);
    CHECK(strstr(text, "\"ld\": [3.141592653589793]\n") != NULL);
    CHECK(strstr(text, "\"m\": 1e-300") != NULL);
    CHECK(strstr(text, "ptr") == NULL && strstr(text, "cache") == NULL);

    if (system("command -v jq >/dev/null 2>&1") == 0) {
        char cmd[1024];
        snprintf(cmd, sizeof(cmd), "jq -c '.state.mid' %s", path);
        char *out = run(cmd);
        CHECK_EQ_STR(out, "{\"in\":{\"a\":7,\"h\":[0,0,-300],\"tag\":\"\\u0001eep\"},"
                          "\"ins\":[{\"a\":1,\"h\":[0,0,0],\"tag\":\"in\"},"
                          "{\"a\":11,\"h\":[5,0,0],\"tag\":\"in\"}],\"m\":1e-300}");
        free(out);
        snprintf(cmd, sizeof(cmd),
                 "jq -c '[(.state.li | length), .state.li[0].a, .version]' %s", path);
        out = run(cmd);
        CHECK_EQ_STR(out, "[3,100,6]");
        free(out);
        snprintf(cmd, sizeof(cmd), "jq -r '.state | keys_unsorted | join(\",\")' %s", path);
        out = run(cmd);
        CHECK_EQ_STR(out, "b,i8,i16,i32,i64,u8,u16,u32,u64,n,f,d,c,mode,name,mid,fa,bytes,bits,"
                          "da,inners,li,ln,ld");
        free(out);
    } else {
        fprintf(stderr, "jq not found: JSON checked by substrings only\n");
    }
    free(text);
    test_rmtree(dir);
    free(dir);
    state_image_free(&img);
    state_free(s);
}

int main(void)
{
    RUN(test_json);
    return 0;
}
