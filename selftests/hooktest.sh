#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The hook machinery's own selftest (selftests/hooktest/run.sh with
# hooktest.ko): deny and allow, no fail-open while the function tracer and
# kprobes churn on the hooked function, ftrace_enabled=0 refused, unload
# with tasks sleeping in a check, reload. TAP output.
#
# run.sh counts ftrace users and toggles ftrace_enabled, so wintok.ko
# (itself an ftrace user) is unloaded for the duration and loaded again.
here=$(dirname "$0")
had_wintok=no
if [ -d /sys/module/wintok ]; then
	had_wintok=yes
	rmmod wintok || echo "# hooktest.sh: cannot unload wintok"
fi
sh "$here/hooktest/run.sh" /lib/modules/hooktest.ko \
	"${WT_HOOKTEST_CHURN_SECS:-5}" "$here/openloop"
rc=$?
if [ "$had_wintok" = yes ] && ! insmod /lib/modules/wintok.ko; then
	echo "# hooktest.sh: cannot load wintok again"
	rc=1
fi
exit $rc
