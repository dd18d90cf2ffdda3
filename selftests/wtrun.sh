#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): wtrun authenticates alice
# through PAM (pam_unix, a shadow entry made here), starts a command with
# a new logon session's primary token, and the session goes with the
# command. TAP output; skipped without wtrun or pam_unix.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 8

names="runs_as_alice session_visible_while_running token_is_alices
wrong_password_fails wrong_password_creates_nothing session_gone_after
restricted_low_token bad_option_is_usage_error"
if ! wt_pam_setup; then
	for t in $names; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n wtrun.$t # SKIP wtrun or pam_unix missing"
	done
	exit 0
fi

tmp=$(mktemp -d)

interactive() {
	wtsessions 2>/dev/null | grep -c " Interactive "
}
before=$(interactive)

echo alicepw | wtrun --user alice --password-fd 0 -- sh -c \
	'id -u; id -g; wtsessions; wtwhoami' >"$tmp/out" 2>&1
rc=$?
sed 's/^/# /' "$tmp/out" | head -n 20
[ $rc = 0 ] && [ "$(sed -n 1p "$tmp/out")" = 1001 ] && [ "$(sed -n 2p "$tmp/out")" = 1001 ]
tap_ok $? "wtrun.runs_as_alice"

grep " Interactive " "$tmp/out" | grep -q alice
tap_ok $? "wtrun.session_visible_while_running"

grep -q "S-1-22-1-1001" "$tmp/out" && grep -q "S-1-5-4" "$tmp/out"
tap_ok $? "wtrun.token_is_alices"

echo wrongpw | wtrun --user alice --password-fd 0 -- true >"$tmp/bad" 2>&1
[ $? = 1 ] && grep -q "authentication failed" "$tmp/bad"
tap_ok $? "wtrun.wrong_password_fails"

[ "$(interactive)" = "$before" ]
tap_ok $? "wtrun.wrong_password_creates_nothing"

# The session's end is seen a moment after wtrun's.
back_to_before() { [ "$(interactive)" = "$before" ]; }
wt_wait back_to_before
tap_ok $? "wtrun.session_gone_after"

# A sandbox: low integrity, restricted, staff deny-only, no SeChangeNotify.
echo alicepw | wtrun --user alice --password-fd 0 --integrity low --restrict \
	--deny-only S-1-22-2-50 --remove-privilege SeChangeNotifyPrivilege -- \
	sh -c 'wtwhoami; wtwhoami --json' >"$tmp/sandbox" 2>&1
rc=$?
[ $rc = 0 ] && grep -q "^Integrity level: .*S-1-16-4096" "$tmp/sandbox" &&
	grep '"sid": "S-1-22-2-50"' "$tmp/sandbox" | grep -q deny_only &&
	grep -q '"sid": "S-1-5-12"' "$tmp/sandbox" &&
	! grep -q SeChangeNotifyPrivilege "$tmp/sandbox"
tap_ok $? "wtrun.restricted_low_token"
[ $rc = 0 ] || sed 's/^/# /' "$tmp/sandbox" | head -n 30

wtrun --user alice --deny-only S-1-x -- true >/dev/null 2>&1
[ $? = 2 ]
tap_ok $? "wtrun.bad_option_is_usage_error"

rm -rf "$tmp"
wt_pam_teardown
exit $tap_failed
