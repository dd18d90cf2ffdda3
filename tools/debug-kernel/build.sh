#!/bin/sh
# Build (or find in the cache) the debug kernel of make check-debug.
# usage: build.sh CACHE_DIR
# Prints the kernel tree's directory (bzImage in arch/x86/boot, ready for
# building external modules against) on stdout; progress goes to stderr and
# to CACHE_DIR/KEY/build.log.
#
# The tree is Debian's linux-source-6.12 configured from x86_64_defconfig +
# kvm_guest.config + debug.config. It is cached under CACHE_DIR/KEY, KEY a
# hash of the fragment, the two base fragments, the source package's version
# and the compiler's: a second run with none of them changed reuses it, an
# interrupted build resumes (make is incremental).
set -eu

mkdir -p "$1"
cache=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
fragment=$here/debug.config
jobs=${WT_DEBUG_JOBS:-2}

[ -f "$tarball" ] || {
	echo "$0: $tarball missing: make deps (linux-source-6.12)" >&2
	exit 1
}
srcver=$(dpkg-query -W -f '${Version}' linux-source-6.12)
cc=${CC:-gcc}
ccver=$($cc --version | head -n 1)

# The base fragments are files of the source, so the source package's
# version stands for them.
key=$( { cat "$fragment"; echo "$srcver"; echo "$ccver"; } |
	sha256sum | cut -c1-16)
dir=$cache/$key
tree=$dir/linux-source-6.12
mkdir -p "$dir"

if [ -f "$dir/done" ] && [ -f "$tree/arch/x86/boot/bzImage" ]; then
	echo "debug kernel: cached $dir ($(cat "$dir/done"))" >&2
	echo "$tree"
	exit 0
fi

log=$dir/build.log
echo "debug kernel: building in $dir (log $log); this takes long" >&2
if [ ! -f "$tree/Makefile" ]; then
	rm -rf "$dir/extract"
	mkdir -p "$dir/extract"
	tar -C "$dir/extract" -xf "$tarball"
	mv "$dir/extract/linux-source-6.12" "$tree"
	rmdir "$dir/extract"
fi

cd "$tree"
if [ ! -f .config ] || ! cmp -s "$fragment" .wt-fragment; then
	make -s x86_64_defconfig >>"$log" 2>&1
	scripts/kconfig/merge_config.sh -m .config kernel/configs/kvm_guest.config \
		"$fragment" >>"$log" 2>&1
	make -s olddefconfig >>"$log" 2>&1
	cp "$fragment" .wt-fragment
	# Every line of the fragment must have survived olddefconfig: an
	# option silently dropped (a dependency missing) is a debug check
	# that would not run.
	missing=$( {
		grep -E '^CONFIG_[A-Z0-9_]+=' "$fragment" | while read -r line; do
			grep -qxF "$line" .config || echo "$line"
		done
		sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$fragment" |
			while read -r opt; do
				grep -q "^$opt=" .config && echo "# $opt is not set"
			done
	} || true)
	if [ -n "$missing" ]; then
		echo "$0: options of debug.config not in the final .config:" >&2
		echo "$missing" >&2
		exit 1
	fi
fi
nice make -j"$jobs" bzImage modules >>"$log" 2>&1 || {
	tail -n 30 "$log" >&2
	exit 1
}
make -s kernelrelease >"$dir/done"
echo "debug kernel: built $(cat "$dir/done")" >&2
echo "$tree"
