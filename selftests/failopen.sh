#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest: 0 fail-opens while wintok enforces. A file whose SD
# denies root is opened in a tight loop (openloop) while the function
# tracer and a kprobe event are toggled on security_file_open, the hooked
# function that decides the open (a direct-call trampoline, so the churn
# moves it between the fentry call and ftrace_regs_caller's list
# function). Attempts and successes go out as TAP diagnostics. TAP output.
. "$(dirname "$0")/tap_lib.sh"
here=$(dirname "$0")
OPENLOOP=$here/openloop
SECS=${WT_FAILOPEN_SECS:-5}
T=/sys/kernel/tracing
P=/sys/module/wintok/parameters
W=/tmp/failopen.$$
oopses() { dmesg | grep -cE 'BUG:|WARNING:|Oops|Call Trace|general protection'; }

tap_plan 6
# The LSMs active next to wintok (Debian: AppArmor among them).
[ -r /sys/kernel/security/lsm ] ||
	mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
echo "# lsm: $(cat /sys/kernel/security/lsm 2>/dev/null)"
mkdir -p "$W"
DENY=$W/denied
echo secret >"$DENY"
chmod 0644 "$DENY"
base_oops=$(oopses)
base_errors=$(cat $P/file_errors)

# Only alice may open it; Linux alone would let root in.
wtacl set "$DENY" 'D:(A;;FA;;;S-1-22-1-1001)'
tap_ok $? "failopen.sd_set"
! cat "$DENY" >/dev/null 2>&1
tap_ok $? "failopen.denied_before_churn"


rm -f "$W/stop"
wt_trace_churn "$T" wtfo "$W/stop" "$W/toggles" &
cpid=$!
(sleep "$SECS"; touch "$W/stop") &
spid=$!
set -- $("$OPENLOOP" "$DENY" "$W/stop")
att=${1:-0}
succ=${2:-unknown}
wait $cpid $spid
toggles=$(cat "$W/toggles")
echo "# failopen: $(uname -r) attempts=$att successes=$succ toggles=$toggles seconds=$SECS"
[ "$att" -gt 0 ] && [ "$succ" = 0 ]
tap_ok $? "failopen.zero_fail_opens_under_tracer_and_kprobe_churn"
[ "$toggles" -gt 0 ]
tap_ok $? "failopen.tracers_were_toggled"
! cat "$DENY" >/dev/null 2>&1
tap_ok $? "failopen.still_denied_after_churn"
[ "$(oopses)" = "$base_oops" ] && [ "$(cat $P/file_errors)" = "$base_errors" ]
tap_ok $? "failopen.no_oops_and_no_internal_errors"
rm -rf "$W"
exit $tap_failed
