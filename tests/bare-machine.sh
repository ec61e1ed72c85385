#!/usr/bin/env bash
# tests/bare-machine.sh -- the README's first commands on a machine without
# the -dev packages (issue 17, item 5), run by .ci/run.
#
# A clean clone of HEAD is built with shims first on PATH that make this
# machine look bare: pkg-config knows no package and `id -u` says root
# until the shimmed apt-get has "installed" them (it only writes a stamp
# file, which the pkg-config shim then honours by calling the real one).
# npm is a no-op, so nothing is fetched.  `make demo`, then `make -n test`
# (the test suites themselves are run by `make test` in CI), must work the
# first time: the Makefile reads pkg-config when it is parsed, before
# scripts/deps has run, so the flags must be read again after the install.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
real_pc=$(command -v pkg-config) || { echo "bare-machine: pkg-config is needed on the host"; exit 1; }
mkdir -p "$tmp/shim"
cat > "$tmp/shim/pkg-config" <<EOF
#!/bin/sh
[ -f "$tmp/installed" ] && exec "$real_pc" "\$@"
exit 1
EOF
cat > "$tmp/shim/apt-get" <<EOF
#!/bin/sh
echo "bare-machine: apt-get \$*" >&2
case "\$*" in *install*) touch "$tmp/installed" ;; esac
exit 0
EOF
cat > "$tmp/shim/id" <<EOF
#!/bin/sh
[ "\${1:-}" = -u ] && [ ! -f "$tmp/installed" ] && { echo 0; exit 0; }
exec /usr/bin/id "\$@"
EOF
printf '#!/bin/sh\nexit 0\n' > "$tmp/shim/npm"
chmod +x "$tmp/shim/"*
git clone -q "$top" "$tmp/clone" || { echo "bare-machine: cannot clone"; exit 1; }
cd "$tmp/clone" || exit 1
# the shared dev data is found beside the clone as it is beside the repo
[ -d "$top/../shared" ] && ln -s "$top/../shared" "$tmp/shared"
fail=0
# pkg-config really sees nothing before the install
PATH="$tmp/shim:$PATH" pkg-config --exists libxml-2.0 && { echo "bare-machine: the shim does not hide packages"; exit 1; }
if PATH="$tmp/shim:$PATH" make -j2 demo > "$tmp/demo.log" 2>&1; then
  echo "bare-machine: first 'make demo' on a bare machine: ok ($(grep -c . "$tmp/demo.log") lines of output)"
else
  echo "bare-machine: first 'make demo' on a bare machine FAILED:"; tail -n 20 "$tmp/demo.log"; fail=1
fi
[ -f "$tmp/installed" ] || { echo "bare-machine: scripts/deps never installed anything"; fail=1; }
grep -q '^events coded from examples/: [1-9]' "$tmp/demo.log" || { echo "bare-machine: the demo coded no events"; fail=1; }
# make test: starts with scripts/deps and re-reads the Makefile after it
rm -f "$tmp/installed"
PATH="$tmp/shim:$PATH" make -n test > "$tmp/test.log" 2>&1 || { echo "bare-machine: 'make -n test' failed"; cat "$tmp/test.log"; fail=1; }
head -n 1 "$tmp/test.log" | grep -q 'scripts/deps' || { echo "bare-machine: 'make test' does not run scripts/deps first"; fail=1; }
grep -q 'MAKE\|make.*test-run' "$tmp/test.log" || { echo "bare-machine: 'make test' does not re-run make after scripts/deps"; fail=1; }
exit $fail
