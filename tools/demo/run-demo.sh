#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boot each Debian kernel in QEMU and run tools/demo/demo.sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
rc_all=0
for kver in ${KERNELS:-}; do
	dir=$build/demo/$kver
	mkdir -p "$dir"
	initrd=$build/vm/initrd-$kver.img
	sh "$top/tools/vm/mkinitramfs.sh" "$kver" "$build/kmod/$kver/wintok.ko" \
		"$build/vm/stage" "$initrd" || exit 1
	sh "$top/tools/vm/run.sh" -t 300 -a "wt.mode=demo" "$kver" "$initrd" "$dir"
	sed -n '/^== wintok demo/,/^WT-DEMO-END/p' "$dir/tap.log" | grep -v '^WT-DEMO-END'
	if ! grep -q '^WT-DEMO-END rc=0' "$dir/tap.log"; then
		echo "demo FAILED on $kver (logs in $dir)"
		rc_all=1
	elif grep -qE 'BUG:|WARNING:|Oops|Call Trace' "$dir/console.log"; then
		echo "demo: kernel trouble on $kver (see $dir/console.log)"
		rc_all=1
	fi
	echo
done
[ -n "${KERNELS:-}" ] || { echo "no kernels: run make deps" >&2; exit 1; }
exit $rc_all
