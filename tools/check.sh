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

# One VM boot and its summary; the debug kernel's boots scan its report.
boot() {
	local name=$1 dir=$2 phase=$3
	local rc=0
	if [ -n "$debug_tree" ]; then
		"$top/tools/vm/run.sh" -k "$debug_tree/arch/x86/boot/bzImage" \
			-d "$disk" -t "$vm_timeout" \
			-a "$append $debug_append wt.phase=$phase" \
			"$kver" "$initrd" "$dir" || rc=$?
		record "$name" "$("$top/tools/tapsum.py" vm-debug "$dir/tap.log" \
			"$dir/console.log" "$rc" "$top/tools/debug-kernel/known-reports")"
	else
		"$top/tools/vm/run.sh" -d "$disk" -t "$vm_timeout" \
			-a "$append wt.phase=$phase" "$kver" "$initrd" "$dir" || rc=$?
		record "$name" "$("$top/tools/tapsum.py" vm "$dir/tap.log" \
			"$dir/console.log" "$rc")"
	fi
	return "$rc"
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

for boot in $boots; do
	kver=${boot%:*}
	lsm=""
	dir=$logs/vm-$kver
	label=vm/$kver
	if [ "$boot" != "$kver" ]; then
		# SELinux with no policy loaded (everything allowed, objects
		# unlabelled) next to wintok, and the BPF LSM; no AppArmor.
		lsm="lsm=landlock,lockdown,yama,integrity,selinux,bpf"
		# Within the CI budget: not the two suites that unload and load
		# the module under a stress-ng load (minutes each under TCG);
		# tracer_coexist_test (BPF LSM, reloads) does run. T= wins.
		[ -z "$vm_wanted" ] &&
			lsm="$lsm wt.skip=${SELINUX_SKIP-stress_ng,load_cycles}"
		dir=$logs/vm-$kver-selinux
		label="vm/$kver (selinux)"
	fi
	echo "== VM: $kver (${VM_SMP:-2} vCPUs${lsm:+, $lsm})"
	mkdir -p "$dir"
	initrd=$build/vm/initrd-$kver.img
	if [ -z "$lsm" ] && ! "$top/tools/vm/mkinitramfs.sh" "$kver" \
		"$build/kmod/$kver/wintok.ko" "$stage" "$initrd" \
		>"$dir/mkinitramfs.log" 2>&1; then
		fail_stage "$label" "initramfs build failed"
		continue
	fi
	[ -f "$initrd" ] || continue
	disk=$build/vm/disk-$kver.img
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
	start=$(date +%s)
	boot "$label" "$dir" 1
	rc=$?
	echo "   boot took $(($(date +%s) - start))s, qemu rc=$rc"
	grep -E '^not ok ' "$dir/tap.log" | head -n 20
	if [ -n "$lsm" ]; then
		# /init prints the active LSMs; AppArmor must have made way.
		grep -E "^WT-VM-LSM " "$dir/tap.log" | grep -q "selinux" &&
			! grep -E "^WT-VM-LSM " "$dir/tap.log" | grep -q "apparmor" ||
			fail_stage "$label" "SELinux not active: $(grep -E '^WT-VM-LSM ' "$dir/tap.log")"
		continue
	fi
	# Second boot of the same disk, for tests of what survives a reboot.
	if phase2_wanted; then
		boot "vm/$kver (reboot)" "$dir/phase2" 2
	fi
done

print_table "$logs"
print_totals
