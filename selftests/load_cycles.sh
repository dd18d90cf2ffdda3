#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (VM, root, near the end: it unloads and reloads the
# module): load and unload under load. While stress-ng (file system, IPC,
# process and socket stressors) and a loop of short-lived token users
# (wtwhoami, su to alice, IPC objects made and removed) run, the module is
# unloaded and loaded WT_RELOAD_CYCLES times (default 1, for time under
# TCG; `make check WT_RELOAD_CYCLES=100` for the issue's 100).
# Every cycle: rmmod succeeds (retried while a token user still holds
# /dev/wintok), the device goes and comes back, and right after each load
# a file whose SD denies root is denied. At the end: no kernel report, no
# internal error or allocation failure counted, no IPC or abstract socket
# SD left once the workload has gone, module refcount 0. TAP output.
. "$(dirname "$0")/tap_lib.sh"
CYCLES=${WT_RELOAD_CYCLES:-1}
P=/sys/module/wintok/parameters
W=/tmp/wt_cycles.$$
KO=/lib/modules/wintok.ko
tap_plan 9

oopses() { dmesg | grep -cE 'BUG:|WARNING:|Oops|Call Trace|general protection'; }
slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
loaded() { [ -e /sys/module/wintok ]; }

mkdir -p "$W"
chmod 755 "$W"
DENY=$W/denied
echo secret >"$DENY"
chmod 0644 "$DENY"
ip link set lo up 2>/dev/null
base_oops=$(oopses)
sync
echo 3 >/proc/sys/vm/drop_caches
slab0=$(slab_kb)

wtacl set "$DENY" 'D:(A;;FA;;;S-1-22-1-1001)' && ! cat "$DENY" >/dev/null 2>&1
tap_ok $? "load_cycles.denied_before_the_cycles"

# ---- the workload, until $W/stop exists ----
if command -v stress-ng >/dev/null; then
	mkdir -p "$W/sng"
	# Light on purpose: under TCG every unload waits for RCU-tasks
	# grace periods, and with eight busy stressors one unload took 149 s.
	stress-ng --fork 1 --msg 1 --shm-sysv 1 --sockpair 1 --timeout 3600s \
		--temp-path "$W/sng" >"$W/sng.log" 2>&1 </dev/null &
	sng=$!
else
	sng=""
	echo "# stress-ng missing: token users only"
fi
# Token users that do not keep the module busy: /dev/wintok and token
# descriptors pin it (rmmod gets EBUSY while one is open), so they only
# change ids (a token derived each time), exec and open a file with an
# SD; stress-ng makes and removes the IPC objects (SDs in the module's
# map) and sockets.
echo open >"$W/allowed"
chmod 0644 "$W/allowed"
wtacl set "$W/allowed" 'D:(A;;FA;;;WD)'
users() {
	while [ ! -e "$W/stop" ]; do
		su -s /bin/sh alice -c "cat $W/allowed" >/dev/null 2>&1
		sh -c "cat $W/allowed" >/dev/null 2>&1
	done
}
users &
u1=$!
users &
u2=$!

# ---- the cycles ----
bad_rmmod=0
bad_insmod=0
not_enforced=0
busy=0
start=$(date +%s)
i=0
while [ "$i" -lt "$CYCLES" ]; do
	i=$((i + 1))
	tries=0
	while loaded && [ "$tries" -lt 100 ]; do
		rmmod wintok 2>/dev/null && break
		tries=$((tries + 1))
		sleep 0.05
	done
	busy=$((busy + tries))
	echo "# cycle $i: unloaded after $tries busy tries, $(($(date +%s) - start)) s"
	if loaded || [ -e /dev/wintok ]; then
		bad_rmmod=$((bad_rmmod + 1))
		echo "# cycle $i: rmmod failed after $tries tries"
		wt_module_holders
		continue
	fi
	if ! insmod "$KO" || [ ! -c /dev/wintok ]; then
		bad_insmod=$((bad_insmod + 1))
		echo "# cycle $i: insmod failed"
		loaded || break
	fi
	if cat "$DENY" >/dev/null 2>&1; then
		not_enforced=$((not_enforced + 1))
		echo "# cycle $i: root read the denied file after the load"
	fi
done
took=$(($(date +%s) - start))
echo "# $CYCLES cycles in ${took} s; rmmod retried $busy times (device busy)"

touch "$W/stop"
[ -n "$sng" ] && kill -INT "$sng" 2>/dev/null
wait "$u1" "$u2"
[ -n "$sng" ] && wait "$sng"
loaded || insmod "$KO"

[ "$bad_rmmod" = 0 ]
tap_ok $? "load_cycles.every_unload_succeeds ($CYCLES cycles)"
[ "$bad_insmod" = 0 ]
tap_ok $? "load_cycles.every_load_succeeds"
[ "$not_enforced" = 0 ]
tap_ok $? "load_cycles.enforces_right_after_every_load"

# Nothing of the workload is left: IPC objects and abstract sockets are
# gone, so their SDs must be.
wt_object_sds_gone
tap_ok $? "load_cycles.no_ipc_or_socket_sd_left"

errs=0
for c in file_errors ipc_errors unix_errors traverse_errors cred_alloc_failures; do
	v=$(cat "$P/$c")
	[ "$v" = 0 ] || { echo "# $c=$v"; errs=1; }
done
tap_ok $errs "load_cycles.no_internal_error_counted"

[ "$(cat /sys/module/wintok/refcnt)" = 0 ]
tap_ok $? "load_cycles.refcount_zero_after"

! cat "$DENY" >/dev/null 2>&1
tap_ok $? "load_cycles.still_enforcing_after"

[ "$(oopses)" = "$base_oops" ]
tap_ok $? "load_cycles.no_kernel_report"
[ "$(oopses)" = "$base_oops" ] || dmesg | grep -E -m 5 'BUG:|WARNING:|Oops' | sed 's/^/# /'

# stress-ng's own verdict on the workload it ran across the reloads.
if [ -n "$sng" ]; then
	! grep -qE "fail: |terminated with an error" "$W/sng.log"
	tap_ok $? "load_cycles.stress_ng_workload_passed"
	grep -E "fail: |terminated with an error" "$W/sng.log" | head -n 5 | sed 's/^/# /'
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n load_cycles.stress_ng_workload_passed # SKIP stress-ng missing"
fi

sync
echo 3 >/proc/sys/vm/drop_caches
echo "# slab: $slab0 kB before, $(slab_kb) kB after (reported, not asserted)"
rm -rf "$W"
exit $tap_failed
