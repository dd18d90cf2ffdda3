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
pam=""
for d in /lib/x86_64-linux-gnu/security /usr/lib/x86_64-linux-gnu/security; do
	[ -f "$d/pam_unix.so" ] && pam=$d/pam_unix.so
done
if ! command -v wtrun >/dev/null || [ -z "$pam" ]; then
	for t in $names; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n wtrun.$t # SKIP wtrun or pam_unix missing"
	done
	exit 0
fi

tmp=$(mktemp -d)
mkdir -p /etc/pam.d
printf 'auth required pam_unix.so\naccount required pam_unix.so\n' >/etc/pam.d/wtrun
# alice's password is "alicepw" (SHA-512 crypt).
cat >/etc/shadow <<'SHADOW'
root:*:19000:0:99999:7:::
alice:$6$wintoksalt$P9CspjevpZ/dZ5./TiWCl6n0c6KdUtWl3Q0K6d2iP.Lo8.s1GJwXAxU2oTtFDqp3gA4M0Av08d2zWAL/8Nzcy1:19000:0:99999:7:::
SHADOW
chmod 600 /etc/shadow

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

gone=1
for _ in 1 2 3 4 5 6 7 8 9 10; do
	if [ "$(interactive)" = "$before" ]; then
		gone=0
		break
	fi
	sleep 0.5
done
tap_ok $gone "wtrun.session_gone_after"

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

rm -rf "$tmp" /etc/pam.d/wtrun /etc/shadow
exit $tap_failed
