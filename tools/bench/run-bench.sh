#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: boot the VM on every kernel with wt.mode=bench and print what
# the benchmark programs of build/vm/stage/bench/list print. Benchmarks are
# not tests: only a VM that fails to run them makes this fail.
#
# Environment (set by the Makefile):
#   KERNELS     kernel versions to boot
#   B           comma-separated benchmark names: run only these
#   VM_TIMEOUT  seconds per VM boot (default 900)
#   VM_SMP      virtual CPUs (default 1 here, not run.sh's 2: the figures
#               are compared with those of earlier runs, all taken on one
#               vCPU, and with thread=single a second vCPU only shares the
#               same host thread, so it adds scheduling noise, not speed)
set -u
export VM_SMP=${VM_SMP:-1}

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
logs=$build/bench
rm -rf "$logs"
mkdir -p "$logs"
status=0
# shellcheck source=tools/bench/bench_lib.sh
. "$top/tools/bench/bench_lib.sh"

for kver in ${KERNELS:-}; do
	echo "== bench: $kver"
	dir=$logs/vm-$kver
	mkdir -p "$dir"
	bench_initrd "$kver" "$dir" || { status=1; continue; }
	append="wt.mode=bench"
	[ -n "${B:-}" ] && append="$append wt.bench=$B"
	"$top/tools/vm/run.sh" -t "${VM_TIMEOUT:-900}" -a "$append" \
		"$kver" "$initrd" "$dir"
	rc=$?
	# The serial port may add carriage returns.
	tr -d '\r' <"$dir/tap.log" >"$dir/bench.log"
	sed -n -e '/^WT-BENCH-BEGIN /,/^WT-BENCH-END /p' "$dir/bench.log" |
		sed -e 's/^WT-BENCH-BEGIN \(.*\)/-- \1/' -e '/^WT-BENCH-END .* rc=0$/d'
	if [ "$rc" -ne 0 ] || ! grep -q '^WT-VM-DONE' "$dir/bench.log" ||
		grep -q '^WT-BENCH-END .* rc=[1-9]' "$dir/bench.log"; then
		echo "   the VM did not run every benchmark (qemu rc=$rc, logs: $dir)"
		status=1
	fi
done
echo "logs: $logs"
exit "$status"
