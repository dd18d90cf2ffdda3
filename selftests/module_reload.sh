#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): the module unloads cleanly and
# loads again. TAP output.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 7

[ "$(cat /sys/module/wintok/refcnt 2>/dev/null)" = 0 ]
tap_ok $? "module_reload.refcount_is_zero_when_idle"

rmmod wintok
tap_ok $? "module_reload.rmmod_succeeds"

[ ! -e /sys/module/wintok ] && [ ! -e /dev/wintok ]
tap_ok $? "module_reload.unload_removes_device"

dmesg | tail -n 5 | grep -q "wintok: unloaded"
tap_ok $? "module_reload.unload_logs_one_line"

insmod /lib/modules/wintok.ko
tap_ok $? "module_reload.insmod_again_succeeds"

[ -c /dev/wintok ]
tap_ok $? "module_reload.device_back_after_reload"

dmesg | tail -n 5 | grep -q "wintok: loaded, ABI version"
tap_ok $? "module_reload.load_logs_one_line"

exit $tap_failed
