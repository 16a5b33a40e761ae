/* test_file.c: state/file.c: images as files. */
#include "state_test.h"

static void test_files(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    StateImage img = {0}, loaded = {0}, copy = {0};
    encode(&hot_schema_All, 1, s, &img);
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof(path), "%s/quick.state", dir);
    CHECK_EQ_INT(state_image_save(path, &img), 0);
    CHECK_EQ_INT(state_image_save(path, &img), 0); /* replaces */
    CHECK_EQ_INT(state_image_load(path, &loaded), 0);
    CHECK_EQ_INT(loaded.size, img.size);
    CHECK(memcmp(loaded.data, img.data, img.size) == 0);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    /* no temporary file left behind */
    DIR *d = opendir(dir);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        entries += e->d_name[0] != '.';
    closedir(d);
    CHECK_EQ_INT(entries, 1);

    CHECK_EQ_INT(state_image_copy(&copy, &img), 0);
    CHECK(copy.data != img.data && copy.size == img.size);
    CHECK(memcmp(copy.data, img.data, img.size) == 0);
    uint8_t *kept = copy.data;
    CHECK_EQ_INT(state_image_copy(&copy, &loaded), 0);
    CHECK(copy.data == kept); /* reused */
    StateImage empty = {0};
    CHECK_EQ_INT(state_image_copy(&copy, &empty), 0);
    CHECK_EQ_INT(copy.size, 0);

    char missing[600];
    snprintf(missing, sizeof(missing), "%s/no/such/dir/x.state", dir);
    CHECK_EQ_INT(state_image_save(missing, &img), STATE_EIO);
    CHECK_EQ_INT(state_image_load(missing, &loaded), STATE_EIO);
    CHECK_EQ_INT(state_image_load(dir, &loaded), STATE_EIO); /* a directory */
    CHECK_EQ_INT(loaded.size, img.size);                     /* unchanged on failure */

    snprintf(path, sizeof(path), "%s/empty.state", dir);
    test_write_file(path, "");
    CHECK_EQ_INT(state_image_load(path, &loaded), 0);
    CHECK_EQ_INT(loaded.size, 0);
    CHECK_EQ_INT(state_image_check(&loaded), STATE_EMAGIC);

    test_rmtree(dir);
    free(dir);
    state_image_free(&img);
    state_image_free(&loaded);
    state_image_free(&copy);
    state_free(s);
}

int main(void)
{
    RUN(test_files);
    return 0;
}
