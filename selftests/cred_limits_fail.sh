#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A load that fails in the second credential table (cred_limits.c) while
# the first (token_cred.c) was live frees what the first made. hooktest.ko hold=security_task_fix_setuid occupies one function
# of the second table with an IPMODIFY ops, so its install must fail with
# -EBUSY; forks meanwhile give creds map entries through the first. The
# failed load must leave nothing behind: no "still has objects" from
# kmem_cache_destroy(). TAP output.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 4
# make check boots with slab_nomerge: a merged cache hides what it keeps.
grep -q slab_nomerge /proc/cmdline || echo "# no slab_nomerge: leftovers in a merged cache are silent"

KO=/lib/modules/wintok.ko
HT=/lib/modules/hooktest.ko
W=/tmp/cred_limits_fail.$$
mkdir -p "$W"

had_wintok=no
if [ -d /sys/module/wintok ]; then
	had_wintok=yes
	rmmod wintok || echo "# cannot unload wintok"
fi

insmod "$HT" hold=security_task_fix_setuid
tap_ok $? "hooktest holds security_task_fix_setuid"

# Forks: every one prepares a cred (copy_creds), so the credential
# hooks make map entries while the module's load is under way.
(while [ ! -e "$W/stop" ]; do (:); done) &
forker=$!

before=$(dmesg | grep -c 'still has objects')
insmod "$KO" 2>"$W/err"
rc=$?
touch "$W/stop"
wait "$forker"
echo "# insmod wintok: rc=$rc $(cat "$W/err")"
[ "$rc" != 0 ] && [ ! -d /sys/module/wintok ]
tap_ok $? "wintok refuses to load with a cred_limits hook occupied"
dmesg | grep -E 'wintok|hooktest|still has objects|Objects remaining' |
	tail -n 12 | sed 's/^/# /'
after=$(dmesg | grep -c 'still has objects')
[ "$after" = "$before" ]
tap_ok $? "the failed load leaves no object in wintok's slab caches"

rmmod hooktest
if [ "$had_wintok" = yes ]; then
	insmod "$KO"
	tap_ok $? "wintok loads again once the function is free"
else
	tap_ok 0 "wintok was not loaded before"
fi
rm -rf "$W"
exit $tap_failed
