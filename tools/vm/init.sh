#!/bin/sh
# /init of the wintok test VM (busybox). Test output goes to the second
# serial port (/dev/ttyS1) so kernel messages on the console cannot mix
# into the TAP stream. Parameters come from the kernel command line:
#   wt.mode=check|demo|bench|shell   what to run (default check)
#   wt.tests=a,b               only these selftests (default: all)
#   wt.skip=a,b                not these (the SELinux boot's budget)
#   wt.bench=a,b               only these benchmarks (default: all)
#   wt.disk=1                  mount the ext4 disk /dev/vda on /mnt/disk
#   wt.phase=N                 boot number, for tests that span reboots
#   wt.stress_secs=N           stress_test duration (WT_STRESS_SECS)
#   wt.fuzz_secs=N             abi_fuzz duration (WT_FUZZ_SECS)
#   wt.fuzz_seed=N             abi_fuzz seed, to replay a run (WT_FUZZ_SEED)
#   wt.reload_cycles=N         load_cycles.sh unload/load cycles (WT_RELOAD_CYCLES)
#   wt.stressng_secs=N         stress_ng.sh seconds per run (WT_STRESSNG_SECS)
#   wt.env=NAME=V[,NAME=V]     more settings of the suites, exported
#                              (WT_* names only), e.g. WT_FUZZ_SECS=600
#   wt.debug=1                 the debug kernel's run (make check-debug):
#                              suite boundaries go to the kernel log too,
#                              and kmemleak is scanned before poweroff
/bin/busybox --install -s /bin
export PATH=/usr/local/bin:/usr/bin:/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mkdir -p /dev/pts /dev/shm /sys/kernel/tracing /sys/kernel/debug
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# /sys/kernel/security/lsm names the active LSMs (tests log it)
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
chmod 1777 /tmp /dev/shm
hostname wintok-vm

out=/dev/ttyS1
[ -c "$out" ] || out=/dev/console
exec >"$out" 2>&1

param() {
	for word in $(cat /proc/cmdline); do
		case "$word" in
		"$1"=*) echo "${word#*=}"; return ;;
		esac
	done
	echo "$2"
}

mode=$(param wt.mode check)
# Durations of the time-bounded suites, from the host's make check.
WT_STRESS_SECS=$(param wt.stress_secs "")
[ -n "$WT_STRESS_SECS" ] && export WT_STRESS_SECS
WT_FUZZ_SECS=$(param wt.fuzz_secs "")
[ -n "$WT_FUZZ_SECS" ] && export WT_FUZZ_SECS
WT_FUZZ_SEED=$(param wt.fuzz_seed "")
[ -n "$WT_FUZZ_SEED" ] && export WT_FUZZ_SEED
WT_RELOAD_CYCLES=$(param wt.reload_cycles "")
[ -n "$WT_RELOAD_CYCLES" ] && export WT_RELOAD_CYCLES
WT_STRESSNG_SECS=$(param wt.stressng_secs "")
[ -n "$WT_STRESSNG_SECS" ] && export WT_STRESSNG_SECS
for setting in $(param wt.env "" | tr ',' ' '); do
	case "$setting" in
	WT_[A-Z0-9_]*=*) export "$setting" ;;
	*) echo "# init: wt.env: ignored '$setting' (not WT_NAME=VALUE)" ;;
	esac
done
tests=$(param wt.tests all)
skip=$(param wt.skip "")
debug=$(param wt.debug 0)
export WT_PHASE
WT_PHASE=$(param wt.phase 1)

# Modules the disk needs (ext4 and its dependencies), in dependency order.
if [ -f /lib/modules/extra/order ]; then
	while read -r ko; do
		insmod "/lib/modules/extra/$ko" 2>/dev/null
	done </lib/modules/extra/order
fi
if [ "$(param wt.disk 0)" = 1 ]; then
	mkdir -p /mnt/disk
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -b /dev/vda ] && break
		sleep 0.5
	done
	mount -t ext4 /dev/vda /mnt/disk || echo "# init: cannot mount /dev/vda"
fi

echo "WT-VM-BOOTED $(uname -r)"
echo "WT-VM-LSM $(cat /sys/kernel/security/lsm 2>/dev/null)"
if ! insmod /lib/modules/wintok.ko; then
	echo "WT-VM-ERROR insmod wintok.ko failed"
fi

# The module's object counters, one TAP comment line: a suite that leaves
# IPC objects or abstract sockets behind shows as a step between two
# lines (module_reload.sh asserts that none is left at the end).
counters() {
	line="# counters after $1:"
	for c in ipc_sd_objects unix_abstract_sds live_tokens file_sd_cached; do
		v=$(cat "/sys/module/wintok/parameters/$c" 2>/dev/null) || v=-
		line="$line $c=$v"
	done
	echo "$line ipc_objects=$(($(wc -l </proc/sysvipc/msg) +
		$(wc -l </proc/sysvipc/sem) + $(wc -l </proc/sysvipc/shm) - 3))"
}

# The debug run's scanner names the suite that was running when the kernel
# reported something: the boundaries go to the console too.
kmsg_mark() {
	[ "$debug" = 1 ] && echo "wintok-check: $*" >/dev/kmsg
}

run_suite() {
	name=$1
	shift
	kmsg_mark "begin $name"
	echo "WT-SUITE-BEGIN $name"
	"$@"
	rc=$?
	echo "WT-SUITE-END $name rc=$rc"
	counters "$name"
	kmsg_mark "end $name"
}

# kmemleak reports an unreferenced object only once it is 5 s old and a
# scan found no pointer to it; two scans after a pause on a quiet system,
# as Documentation/dev-tools/kmemleak.rst advises. First with wintok
# loaded (objects nothing points to any more), then, after clearing that
# list, with wintok unloaded (what its teardown left behind). The host
# (tools/tapsum.py vm-debug) reads both lists from between the markers.
kmemleak_scan() {
	echo "WT-KMEMLEAK-BEGIN $1"
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
	echo "WT-KMEMLEAK-END $1"
	echo clear >/sys/kernel/debug/kmemleak
}

kmemleak_report() {
	if [ ! -w /sys/kernel/debug/kmemleak ]; then
		echo "WT-VM-ERROR kmemleak: /sys/kernel/debug/kmemleak missing"
		return
	fi
	kmsg_mark "begin kmemleak"
	kmemleak_scan loaded
	if [ -d /sys/module/wintok ]; then
		# Where wintok's text was, to attribute frames of an unloaded
		# module (printed as bare addresses).
		echo "WT-KMEMLEAK-MODULE $(grep '^wintok ' /proc/modules)"
		rmmod wintok || echo "WT-VM-ERROR kmemleak: rmmod wintok failed"
	fi
	kmemleak_scan unloaded
	kmsg_mark "end kmemleak"
}

# A shell suite may be named with or without its .sh.
wanted() {
	case ",$skip," in
	*",$1,"* | *",${1%.sh},"*) return 1 ;;
	esac
	[ "$tests" = all ] && return 0
	case ",$tests," in
	*",$1,"* | *",${1%.sh},"*) return 0 ;;
	esac
	return 1
}

case "$mode" in
check)
	cd /selftests || exit 1
	listfile=list
	[ "$WT_PHASE" = 1 ] || listfile=list.phase$WT_PHASE
	while read -r name kind; do
		wanted "$name" || continue
		case "$kind" in
		bin) run_suite "$name" "./$name" ;;
		sh) run_suite "$name" sh "./$name" ;;
		esac
	done <"$listfile"
	;;
bench)
	# Benchmarks print figures; they are not tests.
	cd /bench || exit 1
	tests=$(param wt.bench all)
	while read -r name; do
		wanted "$name" || continue
		echo "WT-BENCH-BEGIN $name"
		"./$name"
		echo "WT-BENCH-END $name rc=$?"
	done <list
	;;
demo)
	sh /usr/share/wintok/demo.sh
	echo "WT-DEMO-END rc=$?"
	;;
shell)
	exec </dev/console >/dev/console 2>&1
	setsid cttyhack sh
	;;
esac

[ "$debug" = 1 ] && kmemleak_report
sync
echo "WT-VM-DONE"
poweroff -f
