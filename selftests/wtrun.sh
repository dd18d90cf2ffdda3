#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): wtrun authenticates alice
# through PAM (pam_unix, a shadow entry made here), opens a PAM session
# whose pam_wintok gives the logon's primary token, runs a command with it,
# and the logon session goes with the command; every refusal runs nothing.
# TAP output; skipped without wtrun, pam_unix or pam_wintok.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 17

names="runs_as_alice session_visible_while_running token_is_alices
wrong_password_fails wrong_password_creates_nothing session_gone_after
restricted_low_token bad_option_is_usage_error domain_sids_from_the_session
unknown_user_runs_nothing no_terminal_no_fd_runs_nothing not_root_refused
session_refused_runs_nothing no_pam_wintok_fails_closed low_integrity_in_place
password_from_fd_not_stdin password_fd_not_inherited"
if ! wt_pam_setup; then
	for t in $names; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n wtrun.$t # SKIP wtrun, pam_unix or pam_wintok missing"
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

# pam_wintok's token: its source is PAM.
grep -q "S-1-22-1-1001" "$tmp/out" && grep -q "S-1-5-4" "$tmp/out" &&
	grep -q "^Source: *PAM" "$tmp/out"
tap_ok $? "wtrun.token_is_alices"

echo wrongpw | wtrun --user alice --password-fd 0 -- echo RAN >"$tmp/bad" 2>&1
[ $? = 1 ] && grep -q "authentication failed" "$tmp/bad" && ! grep -q RAN "$tmp/bad"
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

# A directory's SIDs through the session: a map that gives alice and
# finance domain SIDs (service wtrun_dom); the kernel's id map that
# pam_wintok extends is put back afterwards.
dom=S-1-5-21-4-5-6
wtpolicy show >"$tmp/policy" 2>&1
printf 'map %s-1001 uid alice\nmap %s-2001 gid finance\n' "$dom" "$dom" \
	>/etc/wtrun-dom.map
wt_pam_service wtrun_dom "source=file map=/etc/wtrun-dom.map"
echo alicepw | wtrun --user alice --service wtrun_dom --password-fd 0 -- \
	sh -c 'id -u; wtwhoami' >"$tmp/dom" 2>&1
rc=$?
[ $rc = 0 ] && [ "$(sed -n 1p "$tmp/dom")" = 1001 ] &&
	grep -q "$dom-1001" "$tmp/dom" && grep -q "$dom-2001" "$tmp/dom" &&
	! grep -q "S-1-22-1-1001" "$tmp/dom"
tap_ok $? "wtrun.domain_sids_from_the_session"
[ $rc = 0 ] || sed 's/^/# /' "$tmp/dom" | head -n 30
wtpolicy load "$tmp/policy" 2>&1 | sed 's/^/# /'
rm -f /etc/pam.d/wtrun_dom /etc/wtrun-dom.map

echo alicepw | wtrun --user nosuchuser --password-fd 0 -- echo RAN >"$tmp/unk" 2>&1
[ $? = 1 ] && grep -q "no such user" "$tmp/unk" && ! grep -q RAN "$tmp/unk"
tap_ok $? "wtrun.unknown_user_runs_nothing"

# No --password-fd and no controlling terminal (a new session): nothing
# to ask on, and standard input is not read for it.
echo alicepw | setsid wtrun --user alice -- echo RAN >"$tmp/notty" 2>&1
rc=$?
sed 's/^/# /' "$tmp/notty"
[ $rc = 1 ] && grep -q "no terminal" "$tmp/notty" && ! grep -q RAN "$tmp/notty"
tap_ok $? "wtrun.no_terminal_no_fd_runs_nothing"

echo alicepw >"$tmp/pw"
chmod 644 "$tmp/pw"
chmod 755 "$tmp"
su -s /bin/sh alice -c "wtrun --user alice --password-fd 3 -- echo RAN 3<$tmp/pw" \
	>"$tmp/user" 2>&1
rc=$?
sed 's/^/# /' "$tmp/user"
[ $rc = 3 ] && grep -q "must be run as root" "$tmp/user" && ! grep -q RAN "$tmp/user"
tap_ok $? "wtrun.not_root_refused"

# The session refused (the map file is missing): exit 4, nothing run.
wt_pam_service wtrun_nomap "source=file map=/nonexistent/map"
echo alicepw | wtrun --user alice --service wtrun_nomap --password-fd 0 -- \
	echo RAN >"$tmp/nomap" 2>&1
[ $? = 4 ] && grep -q "cannot open the session" "$tmp/nomap" && ! grep -q RAN "$tmp/nomap"
tap_ok $? "wtrun.session_refused_runs_nothing"

# A stack without pam_wintok opens a session but gives no token: the
# child is still root, so wtrun refuses (fail closed).
wt_pam_service wtrun_nowt
echo alicepw | wtrun --user alice --service wtrun_nowt --password-fd 0 -- \
	echo RAN >"$tmp/nowt" 2>&1
[ $? = 4 ] && grep -q "gave no token" "$tmp/nowt" && ! grep -q RAN "$tmp/nowt"
tap_ok $? "wtrun.no_pam_wintok_fails_closed"
rm -f /etc/pam.d/wtrun_nomap /etc/pam.d/wtrun_nowt

# Low integrity alone is set in the session's own token (not restricted).
echo alicepw | wtrun --user alice --password-fd 0 --integrity low -- \
	wtwhoami --json >"$tmp/low" 2>&1
[ $? = 0 ] && grep -q "S-1-16-4096" "$tmp/low" && ! grep -q '"sid": "S-1-5-12"' "$tmp/low" &&
	grep -q "S-1-22-1-1001" "$tmp/low"
tap_ok $? "wtrun.low_integrity_in_place"

# The password from descriptor 3; standard input stays the command's.
echo from-stdin | wtrun --user alice --password-fd 3 -- cat 3<"$tmp/pw" >"$tmp/fd3" 2>&1
[ $? = 0 ] && [ "$(cat "$tmp/fd3")" = from-stdin ]
tap_ok $? "wtrun.password_from_fd_not_stdin"

# The rest of the password's descriptor is not the command's.
printf 'alicepw\nnext-line\n' >"$tmp/pw2"
wtrun --user alice --password-fd 3 -- sh -c 'read -r x <&3 && echo "LEAK $x"' \
	3<"$tmp/pw2" </dev/null >"$tmp/fd3b" 2>&1
! grep -q LEAK "$tmp/fd3b"
tap_ok $? "wtrun.password_fd_not_inherited"

rm -rf "$tmp"
wt_pam_teardown
exit $tap_failed
