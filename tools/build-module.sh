#!/bin/sh
# Build wintok.ko for one kernel in its own copy of the sources.
# usage: build-module.sh KDIR OUTDIR [kbuild arguments...]
set -eu
kdir=$1
out=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
rsync -a --delete --exclude '*.o' --exclude '.*.cmd' --exclude '*.ko' \
	--exclude '*.mod*' --exclude modules.order --exclude Module.symvers \
	"$top/Kbuild" "$top/module" "$top/uapi" "$out/"
make -s -C "$kdir" M="$out" "$@" modules
