#!/bin/sh
# Build the hook-machinery test module (selftests/hooktest) for one kernel,
# in its own copy of the sources, and put hooktest.ko next to wintok.ko.
# usage: build-hooktest.sh KDIR OUTDIR [kbuild arguments...]
set -eu
kdir=$1
out=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
src=$out/hooktest-src
mkdir -p "$src/selftests"
rsync -a --delete --exclude '*.o' --exclude '.*.cmd' --exclude '*.ko' \
	--exclude '*.mod*' --exclude modules.order --exclude Module.symvers \
	--exclude openloop \
	"$top/selftests/hooktest" "$src/selftests/"
rsync -a "$top/module" "$src/"
make -s -C "$kdir" M="$src/selftests/hooktest" "$@" modules
cp "$src/selftests/hooktest/hooktest.ko" "$out/hooktest.ko"
