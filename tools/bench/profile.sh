#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-profile: where the guest instructions of one operation go, by
# function, with the module loaded, with another build of it
# (build/kmod/KVER/wintok-base.ko, when there) and without it.
#
# Each case boots the VM twice under QEMU's insn_plugin (exact counts of
# every kernel block executed): once running the operation N times, once
# zero times. The difference divided by N is the operation's own cost:
# boot, set-up and power-off cancel out. -icount makes the timer ticks
# fall at the same instructions in both boots.
#
# Environment (set by the Makefile): KERNELS, OP (an operation of a
# benchmark with a profile mode: enforce_cost's, default open_plain, or
# bench_imp's imp_revert and setresuid), N (default 20000), VM_TIMEOUT,
# MODS (the cases, default "none base wintok", base only when there).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
op=${OP:-open_plain}
n=${N:-20000}
plugin=$build/bench/insn_plugin.so
# The benchmark program that has the operation.
case $op in
imp_revert | setresuid) prog=bench_imp ;;
*) prog=enforce_cost ;;
esac
status=0
# shellcheck source=tools/bench/bench_lib.sh
. "$top/tools/bench/bench_lib.sh"

for kver in ${KERNELS:-}; do
	out=$build/profile/$kver
	rm -rf "$out"
	mkdir -p "$out"
	bench_initrd "$kver" "$out" || { status=1; continue; }
	mods="none wintok"
	[ -f "$build/kmod/$kver/wintok-base.ko" ] && mods="none base wintok"
	mods=${MODS:-$mods}
	# The kernel's symbols come from an unloaded boot: without "none" in
	# MODS it still boots once, with N=0.
	boots=
	for mod in $mods; do boots="$boots $mod-0 $mod-$n"; done
	case " $mods " in *" none "*) ;; *) boots="none-0$boots" ;; esac
	for boot in $boots; do
		mod=${boot%-*}
		count=${boot##*-}
		run=$out/$boot
		VM_SMP=1 VM_ICOUNT=1 \
		VM_PLUGIN="$plugin,outfile=$run.blocks" \
			"$top/tools/vm/run.sh" -t "${VM_TIMEOUT:-900}" \
			-a "nokaslr wt.mode=bench wt.bench=$prog" \
			-a "wt.env=WT_PROFILE=$op:$count:$mod" \
			"$kver" "$initrd" "$run" >/dev/null
		tr -d '\r' <"$run/tap.log" >"$run.log"
		if ! grep -q "^WT-PROFILE $op $count $mod" "$run.log"; then
			echo "$kver $mod N=$count: the VM did not run the operation (logs: $run)"
			status=1
		fi
	done
	[ "$status" = 0 ] || continue
	echo "== $op on $kver, guest instructions per operation"
	python3 "$top/tools/bench/profile_report.py" \
		--n "$n" --dir "$out" $mods
done
exit "$status"
