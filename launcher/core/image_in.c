/* image_in.c: images loaded from files, checked before they replace the game's state. */
#include "core/image_in.h"

#include <stdio.h>
#include <string.h>

int image_in_read(Host *h, const char *path, StateImage *out, Err *err)
{
    int rc = state_image_read(path, out);
    StateImageInfo info;
    if (rc == 0)
        rc = state_image_info(out, &info);
    if (rc < 0) {
        state_image_free(out);
        return err_set(err, rc == STATE_ENOMEM ? ERR_NOMEM : ERR_CORRUPT, "%s",
                       state_error_text(rc));
    }
    /* An image of format 1, or of a game without a name, cannot say whose it is. */
    const char *game = h->game && h->game->name ? h->game->name : "";
    if (info.has_game && info.game[0] && game[0] &&
        strncmp(info.game, game, sizeof(info.game) - 1) != 0 && !h->cfg.state_in_any) {
        state_image_free(out);
        return err_set(err, ERR_OTHERGAME,
                       "it is a state of the game \"%s\", not of \"%s\": give "
                       "--state-in-any (or state-in-any = true in hotrun.ini) to load it "
                       "anyway, converted field by field",
                       info.game, game);
    }
    return 0;
}

void image_in_report(Host *h, const char *what, const char *path, const StateReport *r,
                     char *status, size_t size)
{
    char line[256], buf[256];
    uint32_t n = r ? r->count + r->dropped : 0;
    if (!status) {
        status = buf;
        size = sizeof(buf);
    }
    int len = snprintf(status, size, "%s %s", what, path);
    if (n == 0) {
        if (strcmp(what, "--state-in") != 0)
            overlay_status(&h->overlay, host_clock(), "%s", status);
        return;
    }
    fprintf(stderr, "hotrun: %s %s: the state needed %u change%s:\n", what, path, n,
            n == 1 ? "" : "s");
    /* The counts first (they always fit), then the changes as far as the line goes. */
    static const char *kinds[] = {"added", "dropped", "converted", "reset", "truncated"};
    uint32_t counts[5] = {0};
    for (uint32_t i = 0; i < r->count; i++)
        counts[(unsigned)r->changes[i].kind < 5 ? r->changes[i].kind : 0]++;
    for (int k = 0, first = 1; k < 5; k++) {
        if (!counts[k] || len < 0 || (size_t)len >= size)
            continue;
        len += snprintf(status + len, size - (size_t)len, "%s%u %s", first ? ": " : ", ",
                        counts[k], kinds[k]);
        first = 0;
    }
    if (len >= 0 && (size_t)len < size)
        len += snprintf(status + len, size - (size_t)len, " - ");
    for (uint32_t i = 0; i < r->count; i++) {
        state_change_describe(&r->changes[i], line, sizeof(line));
        fprintf(stderr, "hotrun:   %s\n", line);
        if (len >= 0 && (size_t)len < size)
            len += snprintf(status + len, size - (size_t)len, "%s%s", i ? "; " : "", line);
    }
    if (r->dropped)
        fprintf(stderr, "hotrun:   ... and %u more\n", r->dropped);
    if ((size_t)len >= size && size > 4) /* cut: say so */
        memcpy(status + size - 4, "...", 4);
    overlay_status(&h->overlay, host_clock(), "%s", status);
}
