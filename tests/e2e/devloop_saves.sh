# Every way editors and tools save gives one build of the final content, and the final code
# runs: in-place write, temp file + rename (VS Code style .tmp, JetBrains ___jb_tmp___), vim's
# backup-and-rename, emacs (lock symlink, autosave, backup), sed -i, git checkout of several
# files, and 20 saves within 100 ms (at most two builds). The game logs "value N" when its
# code changes (logging_counter), so the test sees which code runs after each save.
source "$(dirname "$0")/lib.sh"

G=$T/game
logging_counter "$G"
gen=1

# Each editor's steps run in one perl process, microseconds apart as the editor does them
# (separate shell commands could be seconds apart on a loaded machine).
cat >"$T/save.pl" <<'PERL'
use strict;
use warnings;
use Time::HiRes qw(sleep time);
my ($how, $file, $new) = @ARGV;
my $text = '';
if (defined $new && $how ne 'burst') {
  open my $in, '<', $new or die "$new: $!"; local $/; $text = <$in>;
}
my ($dir, $base) = $file =~ m{^(.*)/([^/]+)$} or die "bad path $file";
sub put {
  my ($p, $t) = @_;
  open my $f, '>', $p or die "$p: $!"; print $f $t; close $f or die "$p: $!";
}
sub mv { rename $_[0], $_[1] or die "rename $_[0] $_[1]: $!"; }
if ($how eq 'inplace') {            # truncate, then write
  put($file, $text);
} elsif ($how eq 'tmp') {           # a temp file renamed over the original
  put("$file.tmp", $text); mv("$file.tmp", $file);
} elsif ($how eq 'jetbrains') {     # IntelliJ "safe write"
  put("${file}___jb_tmp___", $text); mv($file, "${file}___jb_old___");
  mv("${file}___jb_tmp___", $file); unlink "${file}___jb_old___" or die;
} elsif ($how eq 'vim-open') {      # the swap file while editing
  put("$dir/.$base.swp", "swap 1"); put("$dir/.$base.swp", "swap 2");
} elsif ($how eq 'vim') {           # :w with writebackup: probe, backup by rename, write, drop
  put("$dir/4913", ''); unlink "$dir/4913";
  mv($file, "$file~"); put($file, $text); chmod 0644, $file; unlink "$file~" or die;
} elsif ($how eq 'vim-quit') {
  unlink "$dir/.$base.swp" or die;
} elsif ($how eq 'emacs-open') {    # the lock symlink and an autosave while editing
  symlink("user\@host.4242:1700000000", "$dir/.#$base") or die;
  put("$dir/#$base#", $text);
} elsif ($how eq 'emacs') {         # C-x C-s: backup by renaming, write, drop autosave, unlock
  mv($file, "$file~"); put($file, $text); unlink "$dir/#$base#" or die;
  unlink "$dir/.#$base" or die;
} elsif ($how eq 'burst') {         # 20 in-place saves of STEP N..N+19 in 90 ms (N: arg 3)
  my $t0 = time;
  for my $i (0 .. 19) {
    my $wait = $t0 + $i * 0.0045 - time;  # on a schedule: sleep() oversleeps
    sleep $wait if $wait > 0;
    put($file, "/* tune.h: burst save $i */\n#define STEP " . ($new + $i) . "\n");
  }
  printf "%.0f\n", (time - $t0) * 1000;
} else { die "unknown save $how" }
PERL

# next_counter MARK: counter.c with MARK changed, in $T/next.c.
next_counter() { sed "s/#define MARK [0-9]*/#define MARK $1/" "$G/counter.c" >"$T/next.c"; }

# no_build WHAT COMMAND...: runs COMMAND (editor files only); nothing may be built.
no_build() {
  local what=$1 m
  shift
  m=$(event_mark dev)
  "$@"
  sleep 1
  [ "$(count_since dev "$m" '.event=="change" or .event=="build"')" -eq 0 ] ||
    fail "$what started a build"
  pass "$what: no build"
}

# one_build WHAT VALUE COMMAND...: runs one save; expects one build of the final content (a
# build superseded by a newer one does not count: its library is never loaded), one reload,
# and the game's log saying the new VALUE.
one_build() {
  local what=$1 value=$2 m b n s
  shift 2
  m=$(event_mark dev)
  local logged
  logged=$(count_log dev "value $value\$")
  "$@"
  b=$(wait_event_since dev "$m" '.event=="build" and (.superseded|not)')
  echo "$b" | jq -e '.ok' >/dev/null || fail "$what: build failed: $b"
  gen=$((gen + 1))
  wait_event_since dev "$m" ".event==\"reload\" and .gen==$gen and .ok" >/dev/null
  wait_log dev "value $value\$" $((logged + 1))
  wait_quiet dev 1
  n=$(count_since dev "$m" '.event=="build" and (.superseded|not)')
  [ "$n" -eq 1 ] || fail "$what: $n builds that were not superseded"
  n=$(count_since dev "$m" '.event=="reload"')
  [ "$n" -eq 1 ] || fail "$what: $n reloads"
  s=$(count_since dev "$m" '.event=="build" and .superseded')
  [ "$s" -eq 0 ] && s="" || s=" (and $s superseded first)"
  pass "$what: one build, reload gen $gen, value $value$s"
}

save() { perl "$T/save.pl" "$@"; }

# A git repository in the game: main at MARK 0 / STEP 1, branch "other" changing counter.c,
# tune.h, extra.c, counter.h and adding other.c. The watcher ignores .git (hidden).
git_() { git -C "$G" -c user.name=test -c user.email=test@example.com "$@"; }
git_ init -q -b main
git_ add -A && git_ commit -qm base
git_ checkout -q -b other
sed -i 's/#define MARK 0/#define MARK 700/' "$G/counter.c"
sed -i 's/#define STEP 1/#define STEP 3/' "$G/tune.h"
sed -i 's/20, 20, 2/24, 20, 2/' "$G/extra.c"
sed -i '$a /* other branch */' "$G/counter.h"
printf 'int other_marker = 7;\n' >"$G/other.c"
git_ add -A && git_ commit -qm other
git_ checkout -q main
[ ! -e "$G/other.c" ] && grep -q 'MARK 0' "$G/counter.c" || fail "git setup"

start_hotrun dev --state-out "$T/out.state" "$G"
wait_event dev '.event=="reload" and .gen==1 and .ok' >/dev/null
wait_log dev 'value 1$'

next_counter 100
one_build "in-place write (truncate, write)" 101 save inplace "$G/counter.c" "$T/next.c"
next_counter 200
one_build "temp file + rename (counter.c.tmp)" 201 save tmp "$G/counter.c" "$T/next.c"
next_counter 300
one_build "JetBrains safe write (___jb_tmp___, ___jb_old___)" 301 \
  save jetbrains "$G/counter.c" "$T/next.c"
next_counter 400
no_build "vim's swap file" save vim-open "$G/counter.c"
one_build "vim (4913, counter.c~ backup, new file)" 401 save vim "$G/counter.c" "$T/next.c"
no_build "vim quitting (swap file removed)" save vim-quit "$G/counter.c"
next_counter 500
no_build "emacs lock .#counter.c and autosave #counter.c#" \
  save emacs-open "$G/counter.c" "$T/next.c"
one_build "emacs (backup by rename, write, unlock)" 501 save emacs "$G/counter.c" "$T/next.c"
no_build "emacs backup removed" rm "$G/counter.c~"
one_build "sed -i on tune.h" 502 sed -i 's/#define STEP 1/#define STEP 2/' "$G/tune.h"

# git: commit the work (nothing in the tree changes), then switch branches and back.
no_build "git commit" eval 'git_ add -A && git_ commit -qm work'
one_build "git checkout other (5 files)" 703 git_ checkout -q other
[ "$(jq -s '[.[] | select(.event=="build")] | last | .objects' "$T/dev.jsonl")" -eq 3 ] ||
  fail "other.c not in the build"
one_build "git checkout main (5 files back)" 502 git_ checkout -q main
one_build "git checkout other -- . (files only)" 703 git_ checkout -q other -- .

[ "$(count_events dev '.event=="build" and .ok==false and (.superseded|not)')" -eq 0 ] ||
  fail "a build of a half-saved file was reported"

# burst NAME STRICT FIRST_STEP VALUE: 20 in-place saves of tune.h within 100 ms (STEP
# FIRST_STEP..+19); the final code runs and no build of a half-saved tune.h is shown. STRICT:
# at most two builds, else the count is only printed.
burst() {
  local name=$1 strict=$2 step=$3 value=$4 m ms builds last
  m=$(event_mark "$name")
  ms=$(save burst "$G/tune.h" "$step")
  wait_log "$name" "value $value\$"
  wait_quiet "$name" 1
  builds=$(count_since "$name" "$m" '.event=="build"')
  last=$(events_since "$name" "$m" '.event=="build"' | tail -n 1)
  echo "$last" | jq -e '.ok and (.superseded|not)' >/dev/null || fail "burst: last build $last"
  if [ "$ms" -gt 100 ]; then
    pass "20 saves took $ms ms (busy machine; not counted): $builds builds, the last runs"
    return
  fi
  [ "$(count_since "$name" "$m" '.event=="build" and .ok==false and (.superseded|not)')" -eq 0 ] ||
    fail "20 saves in $ms ms: a build of a half-saved tune.h was reported"
  if [ "$strict" = strict ] && [ "$builds" -gt 2 ]; then
    fail "20 saves in $ms ms gave $builds builds"
  fi
  pass "20 saves in $ms ms: $builds build(s), the final one (value $value) runs"
}

# With the default debounce (5 ms) a loaded machine can stretch a gap between two saves past
# the quiet time; the saves after a reported change wait a longer quiet time (a burst), so
# the burst still ends in at most two builds.
burst dev strict 10 729

stop_hotrun || fail "hotrun exited with an error after SIGTERM"
[ "$(state_field "$T/out.state" value)" -eq 729 ] || fail "final state: $(dump "$T/out.state")"
pass "final state: value 729"

# With a quiet time longer than the gaps between the saves, a build running when more saves
# come is followed by exactly one more: at most two builds.
start_hotrun burst --debounce 25 "$G"
wait_event burst '.event=="reload" and .gen==1 and .ok' >/dev/null
wait_log burst 'value 729$'
burst burst strict 40 759
burst burst strict 60 779
