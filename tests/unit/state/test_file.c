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
    CHECK_EQ_INT(state_image_load(dir, &loaded), STATE_ENOTFILE); /* a directory */
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

/* Not regular files are refused at once (a FIFO without a writer does not block); an image
 * file's header is checked on its first bytes, before the file is read whole. */
static void test_refused_files(void)
{
    char *dir = test_tmpdir();
    char path[512];
    StateImage img = {0};
    snprintf(path, sizeof(path), "%s/fifo", dir);
    CHECK(mkfifo(path, 0600) == 0);
    CHECK_EQ_INT(state_image_load(path, &img), STATE_ENOTFILE);
    CHECK_EQ_INT(state_image_read(path, &img), STATE_ENOTFILE);
    CHECK_EQ_INT(state_image_read(dir, &img), STATE_ENOTFILE);
    CHECK_EQ_INT(state_image_read("/dev/null", &img), STATE_ENOTFILE);
    CHECK(strstr(state_strerror(STATE_ENOTFILE), "not a regular file") != NULL);

    /* 64 MiB of zeros (sparse): refused as no image */
    snprintf(path, sizeof(path), "%s/zeros", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL && ftruncate(fileno(f), 64 << 20) == 0);
    fclose(f);
    CHECK_EQ_INT(state_image_read(path, &img), STATE_EMAGIC);
    CHECK_EQ_INT(state_image_load(path, &img), 0); /* any file, for recordings */
    CHECK_EQ_INT(img.size, 64 << 20);
    /* a good header, then garbage where the next key should be: corrupt, on its header */
    f = fopen(path, "r+");
    CHECK(fwrite("\x85\xa6hotrun\x02", 1, 9, f) == 9);
    fclose(f);
    CHECK_EQ_INT(state_image_read(path, &img), STATE_ECORRUPT);
    CHECK_EQ_INT(img.size, 64 << 20); /* kept on failure */
    /* format 3: refused as such */
    f = fopen(path, "r+");
    CHECK(fwrite("\x85\xa6hotrun\x03", 1, 9, f) == 9);
    fclose(f);
    CHECK_EQ_INT(state_image_read(path, &img), STATE_EFORMAT);

    /* a good image reads whole */
    All *s = state_alloc(&hot_schema_All);
    StateImage good = {0};
    encode(&hot_schema_All, 1, s, &good);
    snprintf(path, sizeof(path), "%s/good.state", dir);
    CHECK_EQ_INT(state_image_save(path, &good), 0);
    CHECK_EQ_INT(state_image_read(path, &img), 0);
    CHECK(img.size == good.size && memcmp(img.data, good.data, good.size) == 0);
    state_image_free(&good);
    state_image_free(&img);
    state_free(s);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_files);
    RUN(test_refused_files);
    return 0;
}
