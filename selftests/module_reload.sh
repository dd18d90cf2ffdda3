#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): the module unloads cleanly and
# loads again. TAP output.
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=1
	fi
}
echo "TAP version 13"
echo "1..7"

[ "$(cat /sys/module/wintok/refcnt 2>/dev/null)" = 0 ]
ok $? "module_reload.refcount_is_zero_when_idle"

rmmod wintok
ok $? "module_reload.rmmod_succeeds"

[ ! -e /sys/module/wintok ] && [ ! -e /dev/wintok ]
ok $? "module_reload.unload_removes_device"

dmesg | tail -n 5 | grep -q "wintok: unloaded"
ok $? "module_reload.unload_logs_one_line"

insmod /lib/modules/wintok.ko
ok $? "module_reload.insmod_again_succeeds"

[ -c /dev/wintok ]
ok $? "module_reload.device_back_after_reload"

dmesg | tail -n 5 | grep -q "wintok: loaded, ABI version"
ok $? "module_reload.load_logs_one_line"

exit $failed
