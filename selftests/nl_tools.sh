#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): wtpolicy, wtaudit and
# wtsessions against the module, and the policy file format. TAP output.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 22

params=/sys/module/wintok/parameters
tmp=$(mktemp -d)

cat >"$tmp/policy.conf" <<'CONF'
# a test policy
level impersonation          # comment after a statement
privilege uid wtsvc SeImpersonatePrivilege,SeCreateGlobalPrivilege
privilege gid 50 SeBackupPrivilege

map S-1-5-21-1-2-3-1001 uid alice
map S-1-5-21-1-2-3-513 gid users
CONF
printf 'level impersonation\nprivilege uid wtsvc SeNoSuchPrivilege\n' >"$tmp/bad.conf"

wtpolicy check "$tmp/policy.conf" >"$tmp/out" 2>&1 &&
	grep -q "2 privilege rules, 2 map entries, level impersonation" "$tmp/out"
tap_ok $? "nl_tools.check_good_file"

wtpolicy check "$tmp/bad.conf" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "bad.conf:2: bad privilege list" "$tmp/out"
tap_ok $? "nl_tools.check_bad_file_names_the_line"

wtpolicy load "$tmp/bad.conf" >/dev/null 2>&1
[ $? = 1 ] && [ "$(cat $params/default_connect_level)" = 1 ]
tap_ok $? "nl_tools.bad_file_changes_nothing"

wtpolicy load "$tmp/policy.conf"
tap_ok $? "nl_tools.load_succeeds"

[ "$(cat $params/privileges)" = \
  "uid:1100:SeImpersonatePrivilege,SeCreateGlobalPrivilege;gid:50:SeBackupPrivilege" ] &&
	[ "$(cat $params/default_connect_level)" = 2 ]
tap_ok $? "nl_tools.load_reaches_the_module"

wtpolicy show >"$tmp/show" &&
	grep -qx "level impersonation" "$tmp/show" &&
	grep -qx "privilege uid 1100 SeImpersonatePrivilege,SeCreateGlobalPrivilege" "$tmp/show" &&
	grep -qx "map S-1-5-21-1-2-3-1001 uid 1001" "$tmp/show" &&
	grep -qx "map S-1-5-21-1-2-3-513 gid 100" "$tmp/show"
tap_ok $? "nl_tools.show_lists_what_was_loaded"

wtpolicy clear && wtpolicy set-level identification &&
	[ "$(cat $params/privileges)" = "" ] &&
	wtpolicy load "$tmp/show" && wtpolicy show >"$tmp/show2" &&
	cmp -s "$tmp/show" "$tmp/show2"
tap_ok $? "nl_tools.show_output_loads_back"

wtpolicy --json show | grep -q '"level": "impersonation"'
tap_ok $? "nl_tools.show_json"

wtpolicy stats >"$tmp/stats" && grep -q "^checks " "$tmp/stats" &&
	grep -q "^audit_dropped " "$tmp/stats"
tap_ok $? "nl_tools.stats"

wtpolicy token $$ >"$tmp/token" && grep -q "^user *S-1-22-1-0$" "$tmp/token"
tap_ok $? "nl_tools.token_of_a_process"

# wtaudit: a denied open shows up as one line naming the path.
echo secret >"$tmp/file"
chmod 644 "$tmp/file"
wtacl set "$tmp/file" "D:(A;;FA;;;S-1-22-1-1001)" >/dev/null 2>&1
wtaudit --json >"$tmp/audit" 2>&1 &
apid=$!
sleep 1
cat "$tmp/file" >/dev/null 2>&1
denied=$?
wt_wait grep -q access_denied "$tmp/audit"
kill $apid 2>/dev/null
wait $apid
[ $denied != 0 ] && grep -q '"type": "access_denied"' "$tmp/audit" &&
	grep -q "\"path\": \"$tmp/file\"" "$tmp/audit" &&
	grep -q '"user_sid": "S-1-22-1-0"' "$tmp/audit"
tap_ok $? "nl_tools.wtaudit_prints_the_denial"

wtaudit --count 0 >/dev/null 2>&1
[ $? = 2 ]
tap_ok $? "nl_tools.wtaudit_usage_error"

wtsessions >"$tmp/sessions" && grep -q "LinuxIds" "$tmp/sessions"
tap_ok $? "nl_tools.wtsessions_lists"

luid=$(wtpolicy token $$ | awk '/^logon id/ { print $3 }')
wtsessions --luid "$luid" >"$tmp/one" && [ "$(grep -c LinuxIds "$tmp/one")" = 1 ]
tap_ok $? "nl_tools.wtsessions_one_session"

wtsessions --luid 0x1 >/dev/null 2>&1
[ $? = 1 ]
tap_ok $? "nl_tools.wtsessions_unknown_session"

# wtsessions --create: a session with no token yet, on the audit group as
# a logon and a use of SeTcbPrivilege; unjoined, it ends by itself.
echo 1 >$params/session_wait
wtaudit --json >"$tmp/audit2" 2>&1 &
apid=$!
sleep 1
wtsessions --json --create batch --user S-1-22-1-1001 >"$tmp/made" 2>&1
made=$?
made_luid=$(sed -n 's/.*"luid": "\(0x[0-9a-f]*\)".*/\1/p' "$tmp/made")
wt_wait grep -q '"op": "expired"' "$tmp/audit2"
kill $apid 2>/dev/null
wait $apid 2>/dev/null
[ $made = 0 ] && [ -n "$made_luid" ] && grep -q '"type": "Batch"' "$tmp/made" &&
	grep -q '"tokens": 0' "$tmp/made" && grep -q '"user_sid": "S-1-22-1-1001"' "$tmp/made"
tap_ok $? "nl_tools.wtsessions_create"

grep '"type": "logon"' "$tmp/audit2" | grep -q "\"logon_id\": \"$made_luid\"" &&
	grep '"type": "privilege_use"' "$tmp/audit2" |
	grep '"op": "create_session"' | grep -q '"privilege": "SeTcbPrivilege"' &&
	grep '"op": "expired"' "$tmp/audit2" | grep -q "\"logon_id\": \"$made_luid\""
tap_ok $? "nl_tools.wtaudit_shows_the_session_events"

wtsessions --luid "$made_luid" >/dev/null 2>&1
[ $? = 1 ]
tap_ok $? "nl_tools.wtsessions_unjoined_session_expires"
echo 60 >$params/session_wait

su -s /bin/sh alice -c 'wtsessions --create batch --user S-1-22-1-1001' >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "SeTcbPrivilege" "$tmp/out"
tap_ok $? "nl_tools.wtsessions_create_needs_tcb"

wtsessions --create party --user S-1-22-1-1001 >/dev/null 2>&1
r1=$?
wtsessions --create batch >/dev/null 2>&1
r2=$?
wtsessions --create batch --user S-1-x >/dev/null 2>&1
r3=$?
[ $r1 = 2 ] && [ $r2 = 2 ] && [ $r3 = 2 ]
tap_ok $? "nl_tools.wtsessions_create_usage_errors"

# The policy survives a reload through /etc/wintok/policy.conf: after the
# module comes back, the install line of modprobe.d/wintok.conf runs.
install_cmd=$(sed -n 's/^install wintok .* && //p' /usr/share/wintok/modprobe.conf.in |
	sed 's|@PREFIX@|/usr|')
mkdir -p /etc/wintok
cp "$tmp/policy.conf" /etc/wintok/policy.conf
wtpolicy clear && rmmod wintok && insmod /lib/modules/wintok.ko &&
	[ "$(cat $params/privileges)" = "" ] && [ -n "$install_cmd" ] &&
	sh -c "$install_cmd" &&
	[ "$(cat $params/privileges)" = \
	  "uid:1100:SeImpersonatePrivilege,SeCreateGlobalPrivilege;gid:50:SeBackupPrivilege" ] &&
	[ "$(cat $params/default_connect_level)" = 2 ]
tap_ok $? "nl_tools.policy_file_applied_after_reload"
rm -rf /etc/wintok

wtpolicy clear && wtpolicy set-level identification &&
	[ "$(cat $params/default_connect_level)" = 1 ]
tap_ok $? "nl_tools.restore_defaults"

rm -rf "$tmp"
exit $tap_failed
