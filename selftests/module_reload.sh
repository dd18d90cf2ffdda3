#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root, after the other suites): the
# module unloads cleanly and loads again, and nothing leaks: after a
# workload on a fresh load the token counters return to where they were,
# and the figures (counters, module refcount, slab) are reported as TAP
# comments. TAP output.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 12

param() {
	cat "/sys/module/wintok/parameters/$1" 2>/dev/null
}

counters() {
	echo "live_tokens=$(param live_tokens)" \
		"live_token_states=$(param live_token_states)" \
		"live_cred_entries=$(param live_cred_entries)" \
		"cred_alloc_failures=$(param cred_alloc_failures)" \
		"refcnt=$(cat /sys/module/wintok/refcnt 2>/dev/null)"
}

slab_kb() {
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}

# Wait (up to 10 s) until the three counters have not moved for a
# second: exiting processes free their tokens after an RCU grace period
# and kernel threads get theirs lazily, so with several CPUs one read is
# a sample of a moving figure (it swung by 7 between two reads).
stable() {
	i=0
	same=0
	prev=""
	while [ "$i" -lt 100 ] && [ "$same" -lt 10 ]; do
		read3
		cur="$ct $cs $ce"
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
}

# The reads use no command substitution: a forked subshell is a process
# with its own token copy, and on 2 vCPUs the reader's own exited helpers
# (freed after a grace period) were what moved the figure.
read3() {
	read -r ct </sys/module/wintok/parameters/live_tokens
	read -r cs </sys/module/wintok/parameters/live_token_states
	read -r ce </sys/module/wintok/parameters/live_cred_entries
}

# Wait (up to 10 s) for RCU to free what the workload left behind.
settle() {
	i=0
	while [ "$i" -lt 100 ]; do
		read3
		[ "$ct" -gt "$1" ] || [ "$cs" -gt "$2" ] || [ "$ce" -gt "$3" ] ||
			break
		sleep 0.1
		i=$((i + 1))
	done
}

echo "# after the suites: $(counters)"
# No suite leaves an IPC object or an abstract socket behind, so no SD of
# one is left in the module's maps: a leftover would only go at reboot
# (or at unload). The objects themselves too: suites that reload the
# module (stress_ng.sh, load_cycles.sh) empty the maps, not the kernel's
# IPC ids.
wt_object_sds_gone && [ "$(wt_ipc_objects)" = 0 ]
tap_ok $? "module_reload.no_ipc_object_or_sd_left_by_the_suites"
[ "$(cat /sys/module/wintok/refcnt 2>/dev/null)" = 0 ]
tap_ok $? "module_reload.refcount_is_zero_when_idle"

rmmod wintok
tap_ok $? "module_reload.rmmod_succeeds"

[ ! -e /sys/module/wintok ] && [ ! -e /dev/wintok ]
tap_ok $? "module_reload.unload_removes_device"

dmesg | tail -n 5 | grep -q "wintok: unloaded"
tap_ok $? "module_reload.unload_logs_one_line"

sync
echo 3 >/proc/sys/vm/drop_caches
slab_unloaded=$(slab_kb)
insmod /lib/modules/wintok.ko
tap_ok $? "module_reload.insmod_again_succeeds"

[ -c /dev/wintok ]
tap_ok $? "module_reload.device_back_after_reload"

dmesg | tail -n 5 | grep -q "wintok: loaded, ABI version"
tap_ok $? "module_reload.load_logs_one_line"

workload_round() {
	wtwhoami >/dev/null 2>&1
	su -s /bin/sh alice -c 'wtwhoami --json' >/dev/null 2>&1
	sh -c 'true'
}

# A workload on the fresh module: processes (each with its own copy of
# the token), id changes (re-derivations), token handles. Long-lived
# tasks (this shell, kernel threads: more of them with more CPUs) get
# their first token lazily, when they first meet a check; a few warm-up
# rounds and stable counters come before the baseline is taken: with 2
# vCPUs a single read right after insmod was up to 7 below the steady
# figure and the count "grew" past the slack.
i=0
while [ "$i" -lt 3 ]; do
	workload_round
	i=$((i + 1))
done
stable
tokens0=$ct
states0=$cs
entries0=$ce
echo "# fresh load: $(counters); baseline $tokens0 $states0 $entries0"
i=0
while [ "$i" -lt 30 ]; do
	workload_round
	i=$((i + 1))
done
settle "$tokens0" "$states0" "$entries0"
stable
echo "# after the workload: live_tokens=$ct live_token_states=$cs live_cred_entries=$ce"
# The workload makes more than 100 tokens and creds. A few long-lived
# processes (this shell, kernel threads) get their first token lazily
# meanwhile, so a small difference is no leak; one per round would be.
slack=4
[ "$ct" -le $((tokens0 + slack)) ] && [ "$cs" -le $((states0 + slack)) ]
tap_ok $? "module_reload.token_counters_return_after_workload"
[ "$ce" -le $((entries0 + slack)) ]
tap_ok $? "module_reload.cred_entries_return_after_workload"
[ "$(param cred_alloc_failures)" = 0 ]
tap_ok $? "module_reload.no_allocation_failures"

rmmod wintok
rc=$?
sync
echo 3 >/proc/sys/vm/drop_caches
slab_after=$(slab_kb)
echo "# slab: ${slab_unloaded} kB unloaded before, ${slab_after} kB after" \
	"load + workload + unload: $((slab_after - slab_unloaded)) kB" \
	"(reported, not asserted: other slab users move too)"
insmod /lib/modules/wintok.ko && [ "$rc" = 0 ]
tap_ok $? "module_reload.unload_after_workload_and_reload"

exit $tap_failed
