#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): with Debian's auditd running,
# a denial by wintok is written to the audit log as an AUDIT_KERNEL_OTHER
# record that ausearch finds and reads; so are a logon session made over
# netlink, its end and the privilege that allowed it. (The records of the
# other event types, SysV IPC denials and SACL audits among them, are
# checked in the kernel log by netlink_kaudit_test, which can make them: no
# command-line tool attaches a segment or enables SeSecurityPrivilege.)
# TAP output; skipped without auditd.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 7

if ! command -v auditd >/dev/null || ! command -v ausearch >/dev/null; then
	for t in auditd_runs record_written ausearch_finds_it record_names_the_denial \
		session_records privilege_record auditing_off_again; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n kaudit.$t # SKIP auditd not installed"
	done
	exit 0
fi

dir=$(mktemp -d)
mkdir -p "$dir/plugins.d" /var/run /var/log/audit
cat >"$dir/auditd.conf" <<CONF
local_events = yes
write_logs = yes
log_file = $dir/audit.log
log_format = RAW
flush = SYNC
max_log_file = 0
max_log_file_action = IGNORE
space_left = 2
space_left_action = IGNORE
admin_space_left = 1
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
use_libwrap = no
plugin_dir = $dir/plugins.d
name_format = NONE
CONF
chmod 600 "$dir/auditd.conf"

auditd -n -c "$dir" >"$dir/auditd.out" 2>&1 &
apid=$!
wt_wait test -s "$dir/audit.log"
kill -0 $apid 2>/dev/null && auditctl -e 1 >/dev/null 2>&1
tap_ok $? "kaudit.auditd_runs"
[ -s "$dir/audit.log" ] || { sed 's/^/# /' "$dir/auditd.out"; ls -la "$dir" | sed 's/^/# /'; }

# A file only alice may open; root's read is denied by wintok.
file=/tmp/kaudit_alice_$$
echo secret >"$file"
chmod 644 "$file"
wtacl set "$file" "D:(A;;FA;;;S-1-22-1-1001)" >/dev/null 2>&1
cat "$file" >/dev/null 2>&1
denied=$?
wt_wait grep -q "wintok=access_denied.*path=\"$file\"" "$dir/audit.log"
found=$?
[ $denied != 0 ] && [ $found = 0 ]
tap_ok $? "kaudit.record_written"

ausearch -if "$dir/audit.log" -m KERNEL_OTHER >"$dir/found" 2>&1
grep -q "path=\"$file\"" "$dir/found"
tap_ok $? "kaudit.ausearch_finds_it"

grep "path=\"$file\"" "$dir/found" | grep -q "type=KERNEL_OTHER" &&
	grep "path=\"$file\"" "$dir/found" | grep -q "user_sid=S-1-22-1-0 " &&
	grep "path=\"$file\"" "$dir/found" | grep -q "op=file_open" &&
	grep "path=\"$file\"" "$dir/found" | grep -q "desired=0x1 granted=0x0"
tap_ok $? "kaudit.record_names_the_denial"
[ -s "$dir/found" ] && sed -n 's/^/# /p' "$dir/found" | tail -n 3

# A session made for alice (SeTcbPrivilege): its logon, and its end when
# no token joins it.
echo 1 >/sys/module/wintok/parameters/session_wait
luid=$(wtsessions --json --create service --user S-1-22-1-1001 |
	sed -n 's/.*"luid": "\(0x[0-9a-f]*\)".*/\1/p')
wt_wait grep -q "wintok=logoff .*op=expired.*logon_id=$luid " "$dir/audit.log"
found=$?
echo 60 >/sys/module/wintok/parameters/session_wait
ausearch -if "$dir/audit.log" -m KERNEL_OTHER >"$dir/found2" 2>&1
[ -n "$luid" ] && [ $found = 0 ] &&
	grep "wintok=logon " "$dir/found2" | grep "logon_id=$luid " |
	grep -q "logon_type=5 " &&
	grep "wintok=logoff " "$dir/found2" | grep -q "logon_id=$luid "
tap_ok $? "kaudit.session_records"

grep "wintok=privilege_use " "$dir/found2" | grep "op=create_session" |
	grep "privilege=SeTcbPrivilege" | grep -q "user_sid=S-1-22-1-0 "
tap_ok $? "kaudit.privilege_record"

kill $apid 2>/dev/null
wait $apid 2>/dev/null
auditctl -e 0 >/dev/null 2>&1
[ "$(auditctl -s 2>/dev/null | awk '/^enabled/ { print $2 }')" = 0 ]
tap_ok $? "kaudit.auditing_off_again"

rm -rf "$dir" "$file"
exit $tap_failed
