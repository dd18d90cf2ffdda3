#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: host suites, then the selftests in a QEMU VM for every
# installed Debian kernel. Ends with "N passed, N failed, N skipped" and
# exits non-zero on any failure.
#
# Environment (set by the Makefile):
#   HOST_SUITES  make targets that print TAP (run on the host)
#   T            comma-separated selftest names: run only these, in the VM
#   KERNELS      kernel versions to boot
#   VM_TIMEOUT   seconds per VM boot (default 1800: a loaded host runs
#                the suite in ~8 minutes, an idle one in ~4)
#   VM_SMP       virtual CPUs per VM (default 2, see tools/vm/run.sh)
#   VM_LANES     VM boots at once (default 2 with 2 host CPUs or more)
#   WT_STRESS_SECS  seconds of stress_test in the VM (default 30)
#   WT_FUZZ_SECS    seconds of abi_fuzz in the VM (default 60)
#   WT_FUZZ_SEED    abi_fuzz seed, to replay a run (default: a new one)
#   SELINUX_KERNELS  kernels booted once more with SELinux instead of
#                AppArmor (default: the newest; "none" for none)
#   SELINUX_SKIP  suites that boot leaves out (default
#                stress_ng,load_cycles; empty: none)
#   WT_RELOAD_CYCLES  unload/load cycles of load_cycles.sh (default 1)
#   WT_STRESSNG_SECS  seconds of each stress_ng.sh run (default 6)
#   DEBUG_TREE   make check-debug: boot this built kernel tree (the debug
#                kernel, tools/debug-kernel/build.sh) instead of KERNELS,
#                with wintok built against it; fail on any report of its
#                checkers (tapsum.py vm-debug). Logs go to build/check-debug.
#   DEBUG_ENV    make check-debug: WT_NAME=VALUE settings for the suites
#                (space-separated), e.g. the stress and fuzz durations
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
logs=$build/check
debug_tree=${DEBUG_TREE:-}
stage=$build/vm/stage
if [ -n "$debug_tree" ]; then
	logs=$build/check-debug
	# The selftests built with 300-s timeouts (wt_test.h) in a tree of
	# their own: make check's binaries stay as they are.
	stage=$build/debug/vm/stage
	debug_kver=$(cat "$debug_tree/include/config/kernel.release")
	# KASAN's shadow and quarantine, lockdep and kmemleak under TCG: the
	# same suite takes several times as long and more memory.
	export VM_MEM=${VM_MEM:-2560}
	vm_timeout=${VM_TIMEOUT:-7200}
	# One host thread runs both vCPUs of an emulated, instrumented kernel
	# on a shared host: a vCPU can wait its turn for many seconds. Stall
	# and lockup reports after 120 s, not 21 and 20: a real one (a loop
	# under rcu_read_lock() or a spinlock) is still caught.
	debug_append="wt.debug=1 rcupdate.rcu_cpu_stall_timeout=120 watchdog_thresh=60"
	debug_env=$(echo ${DEBUG_ENV:-} | tr ' ' ',')
	[ -n "$debug_env" ] && debug_append="$debug_append wt.env=$debug_env"
else
	vm_timeout=${VM_TIMEOUT:-1800}
fi
rm -rf "$logs"
mkdir -p "$logs"

# shellcheck source=tools/check_lib.sh
. "$top/tools/check_lib.sh"

# T= may name host suites and selftests; split it.
host_wanted=""
vm_wanted=""
if [ -n "${T:-}" ]; then
	for name in ${T//,/ }; do
		if [[ " ${HOST_SUITES:-} " == *" $name "* ]]; then
			host_wanted="$host_wanted $name"
		else
			vm_wanted="$vm_wanted,$name"
		fi
	done
	vm_wanted=${vm_wanted#,}
else
	host_wanted=${HOST_SUITES:-}
fi

# Does the second boot have anything to run for this selection?
phase2_wanted() {
	local name kind
	while read -r name kind; do
		[ -z "$vm_wanted" ] && return 0
		[[ ",$vm_wanted," == *",$name,"* ]] && return 0
		[[ ",$vm_wanted," == *",${name%.sh},"* ]] && return 0
	done <"$stage/selftests/list.phase2"
	return 1
}

# ---- host suites ----
for suite in $host_wanted; do
	echo "== host: $suite"
	log=$logs/host-$suite.log
	make -s -C "$top" "$suite" >"$log" 2>&1
	rc=$?
	grep -E '^(not ok|ok) ' "$log" | tail -n 3
	record "host/$suite" "$("$top/tools/tapsum.py" host "$log" "$rc")"
done

# ---- VM suites, per kernel ----
kernels=""
if [ -n "$debug_tree" ]; then
	kernels=$debug_kver
	echo "== building module, tools and selftests for $debug_kver"
	if ! { sh "$top/tools/build-module.sh" "$debug_tree" \
		"$build/kmod/$debug_kver" W=1 &&
		sh "$top/tools/build-hooktest.sh" "$debug_tree" \
		"$build/kmod/$debug_kver" W=1 &&
		make -s -C "$top" BUILD="$build/debug" \
			SELFTEST_CPPFLAGS=-DWT_TEST_TIMEOUT=300 vm-stage; } \
		>"$logs/build.log" 2>&1; then
		tail -n 30 "$logs/build.log"
		fail_stage "build" "module/tools/selftests build failed (see $logs/build.log)"
		kernels=""
	fi
elif [ -z "${T:-}" ] || [ -n "$vm_wanted" ]; then
	kernels=${KERNELS:-}
	[ -n "$kernels" ] ||
		fail_stage "vm" "no Debian kernel with headers installed (run make deps)"
	echo "== building module, tools and selftests"
	if ! make -s -C "$top" modules-all hooktest-all vm-stage >"$logs/build.log" 2>&1; then
		tail -n 30 "$logs/build.log"
		fail_stage "build" "module/tools/selftests build failed (see $logs/build.log)"
		kernels=""
	fi
fi

# One VM boot. Boots run in lanes (below), so each only leaves its logs,
# its qemu status (DIR/rc) and its wall time (DIR/took); they are
# summarised afterwards in the parent shell, in order.
boot() {
	local dir=$1 phase=$2 disk=$3 append=$4
	local rc=0 start
	start=$(date +%s)
	if [ -n "$debug_tree" ]; then
		"$top/tools/vm/run.sh" -k "$debug_tree/arch/x86/boot/bzImage" \
			-d "$disk" -t "$vm_timeout" \
			-a "$append $debug_append wt.phase=$phase" \
			"$kver" "$initrd" "$dir" || rc=$?
	else
		"$top/tools/vm/run.sh" -d "$disk" -t "$vm_timeout" \
			-a "$append wt.phase=$phase" "$kver" "$initrd" "$dir" || rc=$?
	fi
	echo "$rc" >"$dir/rc"
	echo "$(($(date +%s) - start))" >"$dir/took"
	return "$rc"
}

# The summary of one finished boot; the debug kernel's scans its report.
summarise() {
	local name=$1 dir=$2
	local rc
	rc=$(cat "$dir/rc" 2>/dev/null || echo 125)
	if [ -n "$debug_tree" ]; then
		record "$name" "$("$top/tools/tapsum.py" vm-debug "$dir/tap.log" \
			"$dir/console.log" "$rc" "$top/tools/debug-kernel/known-reports")"
	else
		record "$name" "$("$top/tools/tapsum.py" vm "$dir/tap.log" \
			"$dir/console.log" "$rc")"
	fi
}

# The boots: every kernel as Debian boots it (AppArmor), then the newest
# one again with SELinux instead (SELINUX_KERNELS: which ones; "none" for
# none): "kver" or "kver:selinux" entries.
selinux_kernels=${SELINUX_KERNELS:-}
# The debug kernel's run is long enough once (SELINUX_KERNELS to add it).
[ -n "$debug_tree" ] && selinux_kernels=${selinux_kernels:-none}
if [ -z "$selinux_kernels" ] && [ -n "$kernels" ]; then
	selinux_kernels=$(printf '%s\n' $kernels | sort -V | tail -n 1)
fi
[ "$selinux_kernels" = none ] && selinux_kernels=""
boots=$kernels
for kver in $selinux_kernels; do
	[[ " $kernels " == *" $kver "* ]] && boots="$boots $kver:selinux"
done

# VM_LANES boots run at once (default: 2 on a host with 2 CPUs or more,
# else 1). TCG runs a VM's vCPUs on one host thread, so each boot keeps a
# host CPU of its own; the three boots of make check take about two
# thirds of the time they take in a row. The debug kernel boots alone
# (its memory, and its run is long enough once).
lanes=${VM_LANES:-}
if [ -z "$lanes" ]; then
	lanes=1
	[ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && lanes=2
fi
case "$lanes" in
''|*[!0-9]*|0) echo "VM_LANES must be a number >= 1, not '$lanes'" >&2
	exit 2 ;;
esac
[ -n "$debug_tree" ] && lanes=1

# Where a boot keeps its logs, and its label in the table.
boot_dir() {
	if [ "$1" != "${1%:*}" ]; then
		echo "$logs/vm-${1%:*}-selinux"
	else
		echo "$logs/vm-$1"
	fi
}
boot_label() {
	if [ "$1" != "${1%:*}" ]; then
		echo "vm/${1%:*} (selinux)"
	else
		echo "vm/$1"
	fi
}

# Every kernel's initramfs first: a kernel's SELinux boot uses it too.
declare -A initrd_failed=()
for kver in $kernels; do
	mkdir -p "$logs/vm-$kver"
	if ! "$top/tools/vm/mkinitramfs.sh" "$kver" \
		"$build/kmod/$kver/wintok.ko" "$stage" \
		"$build/vm/initrd-$kver.img" \
		>"$logs/vm-$kver/mkinitramfs.log" 2>&1; then
		initrd_failed[$kver]=1
	fi
done

# One boot and, for a boot without SELinux, its reboot: a lane's job.
# Each boot has a disk of its own (two may run at once).
run_boot() {
	local boot=$1
	local lsm="" dir disk append
	kver=${boot%:*}
	dir=$(boot_dir "$boot")
	initrd=$build/vm/initrd-$kver.img
	if [ "$boot" != "$kver" ]; then
		# SELinux with no policy loaded (everything allowed, objects
		# unlabelled) next to wintok, and the BPF LSM; no AppArmor.
		lsm="lsm=landlock,lockdown,yama,integrity,selinux,bpf"
		# Within the CI budget: not the two suites that unload and load
		# the module under a stress-ng load (minutes each under TCG);
		# tracer_coexist_test (BPF LSM, reloads) does run. T= wins.
		[ -z "$vm_wanted" ] &&
			lsm="$lsm wt.skip=${SELINUX_SKIP-stress_ng,load_cycles}"
	fi
	mkdir -p "$dir"
	rm -f "$dir/rc" "$dir/took" "$dir/phase2/rc"
	disk=$build/vm/disk-${dir##*/vm-}.img
	rm -f "$disk"
	truncate -s 128M "$disk"
	mkfs.ext4 -q -F "$disk" >/dev/null 2>&1
	# slab_nomerge: each slab cache of the module stays its own, so an
	# unload (or a failed load) that leaves objects in one is reported by
	# kmem_cache_destroy() (a WARN the console scan fails on) instead of
	# vanishing into a merged cache.
	append="wt.mode=check slab_nomerge${lsm:+ $lsm}"
	[ -n "$vm_wanted" ] && append="$append wt.tests=$vm_wanted"
	[ -n "${WT_STRESS_SECS:-}" ] &&
		append="$append wt.stress_secs=$WT_STRESS_SECS"
	[ -n "${WT_FUZZ_SECS:-}" ] &&
		append="$append wt.fuzz_secs=$WT_FUZZ_SECS"
	[ -n "${WT_FUZZ_SEED:-}" ] &&
		append="$append wt.fuzz_seed=$WT_FUZZ_SEED"
	[ -n "${WT_RELOAD_CYCLES:-}" ] &&
		append="$append wt.reload_cycles=$WT_RELOAD_CYCLES"
	[ -n "${WT_STRESSNG_SECS:-}" ] &&
		append="$append wt.stressng_secs=$WT_STRESSNG_SECS"
	boot "$dir" 1 "$disk" "$append"
	# Second boot of the same disk, for tests of what survives a reboot.
	if [ -z "$lsm" ] && phase2_wanted; then
		mkdir -p "$dir/phase2"
		boot "$dir/phase2" 2 "$disk" "$append"
	fi
}

running=0
for boot in $boots; do
	[ -n "${initrd_failed[${boot%:*}]:-}" ] && continue
	if [ "$running" -ge "$lanes" ]; then
		wait -n
		running=$((running - 1))
	fi
	echo "== VM: $(boot_label "$boot") (${VM_SMP:-2} vCPUs; $lanes at once)"
	run_boot "$boot" >/dev/null 2>&1 &
	running=$((running + 1))
done
wait

# The summaries, in the order of the boots.
for boot in $boots; do
	kver=${boot%:*}
	label=$(boot_label "$boot")
	dir=$(boot_dir "$boot")
	if [ -n "${initrd_failed[$kver]:-}" ]; then
		[ "$boot" = "$kver" ] &&
			fail_stage "$label" "initramfs build failed (see $dir/mkinitramfs.log)"
		continue
	fi
	echo "== $label: boot took $(cat "$dir/took" 2>/dev/null || echo ?)s, qemu rc=$(cat "$dir/rc" 2>/dev/null || echo ?)"
	grep -E '^not ok ' "$dir/tap.log" 2>/dev/null | head -n 20
	summarise "$label" "$dir"
	if [ "$boot" != "$kver" ]; then
		# /init prints the active LSMs; AppArmor must have made way.
		grep -E "^WT-VM-LSM " "$dir/tap.log" | grep -q "selinux" &&
			! grep -E "^WT-VM-LSM " "$dir/tap.log" | grep -q "apparmor" ||
			fail_stage "$label" "SELinux not active: $(grep -E '^WT-VM-LSM ' "$dir/tap.log")"
		continue
	fi
	if [ -f "$dir/phase2/rc" ]; then
		echo "== vm/$kver (reboot): boot took $(cat "$dir/phase2/took")s, qemu rc=$(cat "$dir/phase2/rc")"
		summarise "vm/$kver (reboot)" "$dir/phase2"
	fi
done

print_table "$logs"
print_totals
