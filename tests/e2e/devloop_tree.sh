# The end of a save and a tree that moves (issue 16.1, 15.7), through the real binary:
# - a file written in two pieces 30 ms apart, held open, builds once, after its close;
# - a symlinked directory of sources outside the tree is compiled, and an in-place save of
#   a file in it reloads; an in-place save of a header reached through a symlink to a
#   file outside the tree reloads; a link to a folder that contains it is refused with a
#   sentence (and nothing is compiled twice);
# - the game directory removed: one sentence, the game runs on, and watching resumes when
#   it is back; renamed: one sentence naming the new name and how to restart; renamed back:
#   watched again.
source "$(dirname "$0")/lib.sh"

G=$T/game
O=$T/outside
logging_counter "$G"
mkdir -p "$O/lib"
mv "$G/tune.h" "$O/tune.h"
ln -s "$O/tune.h" "$G/tune.h"
printf 'int bonus(void) { return 1000; }\n' >"$O/lib/bonus.c"
ln -s "$O/lib" "$G/lib"
mkdir "$G/sub"
ln -s .. "$G/sub/up"
sed -i 's|s->value = STEP + MARK;|s->value = STEP + MARK + bonus();|; s|if (s->value != STEP + MARK)|if (s->value != STEP + MARK + bonus())|; s|api->log("value %d", STEP + MARK);|api->log("value %d", STEP + MARK + bonus());|; s|#define MARK 0|#define MARK 0\nint bonus(void);|' "$G/counter.c"

start_hotrun dev "$G"
wait_log dev 'value 1001$'
pass "a symlinked directory outside the tree is compiled (bonus() resolved)"
wait_log dev 'sub/up links to .*, a folder that contains it: not followed \(a loop\)\.'
[ "$(count_log dev 'a loop')" -eq 1 ] || fail "the loop was said more than once"
pass "a link to a folder that contains it is refused with one sentence"

# in_place FILE TEXT: truncates and rewrites FILE (same inode), the way an editor saving in
# place does, through perl (one process, microseconds apart).
in_place() { perl -e 'open my $f, "+<", $ARGV[0] or die; truncate $f, 0; print $f $ARGV[1]; close $f' "$1" "$2"; }

# one_build WHAT REGEX COMMAND...: the command gives exactly one build (none superseded),
# one reload, and the log line.
one_build() {
  local what=$1 regex=$2 m n
  shift 2
  m=$(event_mark dev)
  "$@"
  wait_log dev "$regex"
  wait_quiet dev 1
  n=$(count_since dev "$m" '.event=="build"')
  [ "$n" -eq 1 ] || fail "$what: $n builds"
  n=$(count_since dev "$m" '.event=="reload" and .ok')
  [ "$n" -eq 1 ] || fail "$what: $n reloads"
  pass "$what: one build, one reload"
}

one_build "in-place save of a header outside the tree, through a link" 'value 1003$' \
  in_place "$O/tune.h" '#define STEP 3
'
one_build "in-place save of a source in a linked directory" 'value 2003$' \
  in_place "$O/lib/bonus.c" 'int bonus(void) { return 2000; }
'

# A slow writer: the first half, 30 ms with the file open, the rest, the close.
slow_write() {
  perl -e 'use Time::HiRes qw(sleep); my ($p, $t) = @ARGV; open my $f, ">", $p or die;
    $| = 0; my $h = int(length($t) / 2); print $f substr($t, 0, $h); $f->flush;
    sleep 0.03; print $f substr($t, $h); close $f or die' "$1" "$2"
}
next_text=$(sed 's/#define MARK 0/#define MARK 10/' "$G/counter.c")
one_build "a file written in two pieces 30 ms apart, held open" 'value 2013$' \
  slow_write "$G/counter.c" "$next_text"
[ "$(count_events dev '.event=="build" and .ok==false')" -eq 0 ] ||
  fail "a build of a half-written file"

# ---- the game directory removed, then back -----------------------------------------------
cp -a "$G" "$T/backup"
m=$(event_mark dev)
rm -rf "$G"
wait_log dev "hotrun: $G was removed: the game goes on"
sleep 1
[ "$(count_log dev 'was removed')" -eq 1 ] || fail "the removal was said more than once"
[ "$(count_since dev "$m" '.event=="build"')" -eq 0 ] || fail "a build without the sources"
kill -0 "$HOTRUN_PID" || fail "hotrun ended"
pass "the game directory removed: one sentence, no build, the game runs on"
cp -a "$T/backup" "$G"
sed -i 's/#define MARK 10/#define MARK 20/' "$G/counter.c"
wait_log dev "hotrun: $G is back: watching it again\."
wait_log dev 'value 2023$'
in_place "$O/tune.h" '#define STEP 4
'
wait_log dev 'value 2024$'
pass "back: built, and watched again"

# ---- renamed, then back ------------------------------------------------------------------
mv "$G" "$G-renamed"
wait_log dev "hotrun: $G was renamed to $G-renamed: .*restart hotrun on the new name"
[ "$(count_log dev 'was renamed')" -eq 1 ] || fail "the rename was said more than once"
pass "renamed: one sentence with the new name and how to restart"
mv "$G-renamed" "$G"
wait_log dev "is back: watching it again\." 2
sed -i 's/#define MARK 20/#define MARK 30/' "$G/counter.c"
wait_log dev 'value 2034$'
pass "renamed back: watched again"
stop_hotrun || fail "exit status after SIGTERM"
