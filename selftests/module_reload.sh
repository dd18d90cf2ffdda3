#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root, after the other suites): the
# module unloads cleanly and loads again, and nothing leaks: after a
# workload on a fresh load the token counters return to where they were,
# and the figures (counters, module refcount, slab) are reported as TAP
# comments. TAP output.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 11

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

# Wait (up to 5 s) for RCU to free what the workload left behind.
settle() {
	i=0
	while [ "$i" -lt 50 ] && { [ "$(param live_tokens)" -gt "$1" ] ||
		[ "$(param live_token_states)" -gt "$2" ] ||
		[ "$(param live_cred_entries)" -gt "$3" ]; }; do
		sleep 0.1
		i=$((i + 1))
	done
}

echo "# after the suites: $(counters)"
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

# A workload on the fresh module: processes (each with its own copy of
# the token), id changes (re-derivations), token handles.
tokens0=$(param live_tokens)
states0=$(param live_token_states)
entries0=$(param live_cred_entries)
echo "# fresh load: $(counters)"
i=0
while [ "$i" -lt 30 ]; do
	wtwhoami >/dev/null 2>&1
	su -s /bin/sh alice -c 'wtwhoami --json' >/dev/null 2>&1
	sh -c 'true'
	i=$((i + 1))
done
settle "$tokens0" "$states0" "$entries0"
echo "# after the workload: $(counters)"
# The workload makes more than 100 tokens and creds. A few long-lived
# processes (this shell, kernel threads) get their first token lazily
# meanwhile, so a small difference is no leak; one per round would be.
slack=4
[ "$(param live_tokens)" -le $((tokens0 + slack)) ] &&
	[ "$(param live_token_states)" -le $((states0 + slack)) ]
tap_ok $? "module_reload.token_counters_return_after_workload"
[ "$(param live_cred_entries)" -le $((entries0 + slack)) ]
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
