# --static without -o never writes into the sources: ./NAME from elsewhere, the build cache
# from inside the game (or when ./NAME is the game's folder); -o DIR/ writes a folder with the
# executable and the assets, -o FILE.tar.gz that folder packed.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/mygame"
mkdir -p "$T/mygame/assets/sub" && echo hello >"$T/mygame/assets/sub/note.txt"
before=$(cd "$T/mygame" && find . | sort)
sources_same() { [ "$(cd "$T/mygame" && find . -newer "$T/stamp" ! -name compile_commands.json | sort)" = "" ] &&
  [ "$(cd "$T/mygame" && find . ! -name compile_commands.json | sort)" = "$before" ] ||
  fail "$1 wrote into the sources: $(cd "$T/mygame" && find . | sort | tr '\n' ' ')"; }
touch "$T/stamp"

mkdir -p "$T/elsewhere"
(cd "$T/elsewhere" && "$HOTRUN" --static "$T/mygame") >"$T/a.log" 2>&1 || fail "--static from elsewhere"
[ -x "$T/elsewhere/mygame" ] || fail "no ./mygame written in the current directory"
(cd "$T" && "$HOTRUN" --static mygame) >"$T/b.log" 2>&1 || fail "--static from the parent"
out=$(sed -n 's/^hotrun: built \(.*\) (.*/\1/p' "$T/b.log")
[ -n "$out" ] && [ -x "$out" ] && [ "${out#"$XDG_CACHE_HOME"}" != "$out" ] ||
  fail "from the parent (./mygame is the sources) the release is not in the cache: $out"
(cd "$T/mygame" && "$HOTRUN" --static .) >"$T/c.log" 2>&1 || fail "--static . from inside"
out=$(sed -n 's/^hotrun: built \(.*\) (.*/\1/p' "$T/c.log")
[ -x "$out" ] && [ "${out#"$XDG_CACHE_HOME"}" != "$out" ] || fail "from inside: $out"
"$out" --headless --frames 3 >"$T/run.log" 2>&1 || fail "the cached release does not run"
sources_same "--static without -o"
pass "--static without -o: ./mygame, or the build cache ($out), never the sources"

"$HOTRUN" --static "$T/mygame" -o "$T/rel/" >"$T/d.log" 2>&1 || fail "--static -o DIR/"
[ -x "$T/rel/mygame" ] && [ "$(cat "$T/rel/assets/sub/note.txt")" = hello ] ||
  fail "the release folder: $(cd "$T/rel" 2>/dev/null && find . | tr '\n' ' ')"
"$T/rel/mygame" --headless --frames 3 >"$T/run.log" 2>&1 || fail "the folder's executable"
"$HOTRUN" --static "$T/mygame" -o "$T/mygame-1.0.tar.gz" >"$T/e.log" 2>&1 || fail "--static -o .tar.gz"
[ "$(tar -tzf "$T/mygame-1.0.tar.gz" | sort | tr '\n' ' ')" = \
  "mygame/ mygame/assets/ mygame/assets/sub/ mygame/assets/sub/note.txt mygame/mygame " ] ||
  fail "the archive holds: $(tar -tzf "$T/mygame-1.0.tar.gz" | tr '\n' ' ')"
mkdir "$T/unpack" && tar -xzf "$T/mygame-1.0.tar.gz" -C "$T/unpack"
"$T/unpack/mygame/mygame" --headless --frames 3 >"$T/run.log" 2>&1 || fail "the archive's executable"
sources_same "--static -o DIR/ and .tar.gz"
pass "--static -o DIR/ (executable + assets) and -o FILE.tar.gz (that folder packed)"
