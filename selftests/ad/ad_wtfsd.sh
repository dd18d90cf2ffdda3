#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_wtrun.sh (winbind answers, NSS
# through winbind): the demo's file server serves a domain user by her
# domain token. wtfsd runs in the chroot as the local service account
# wtsvc (uid 1100) holding SeImpersonatePrivilege through the policy, as
# in tools/demo/demo.sh. alice and bob log on with their passwords through
# pam_winbind and pam_wintok (wtrun --user, as in ad_wtrun.sh) and ask
# for files whose SDs name domain SIDs only (and wtsvc's S-1-22-1-1100):
#   alice.txt   (A;;FR;;;alice)                 alice reads it, wtsvc not
#   g2.txt      (A;;FR;;;G2)                    alice through G2 (nested
#                                               in G1), bob not
#   denied.txt  (D;;FR;;;G2)(A;;FR;;;alice)(A;;FR;;;wtsvc)
#               wtsvc reads it itself, alice is refused: her token's G2
# wtfsd's log names alice by her domain SID. The policy and the id map
# are put back afterwards.
. ./tap_lib.sh
. ./ad_lib.sh

tap_plan 12
ad_need_chroot 12

sid_of() {
	awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$ad/etc/wintok-ad-sids"
}

alice=$(sid_of alice)
bob=$(sid_of bob)
g2=$(sid_of G2)
svc=S-1-22-1-1100
sock=/run/wtfsd-ad.sock
log=$ad/tmp/wtfsd-ad.log
dir=/srv/wtfsd-ad
privileges=/sys/module/wintok/parameters/privileges
server=""

# ask USER PASSWORD FILE: wtfs get FILE, run by wtrun as WINTOK\USER after
# a pam_winbind logon; output in /tmp/ad-wtfs, status in $rc, and the
# server's line for it in $line.
ask() {
	before=$(wc -l <"$log")
	echo "$2" | in_ad wtrun --user "WINTOK\\$1" --service wtfsd_ad \
		--password-fd 0 -- wtfs --socket "$sock" get "$dir/$3" \
		>/tmp/ad-wtfs 2>&1
	rc=$?
	sed "s/^/# $1 $3: /" /tmp/ad-wtfs | head -n 10
	line=$(sed -n "$((before + 1)),\$p" "$log" | grep "get $dir/$3 " | tail -n 1)
	echo "# wtfsd: $line" | sed 's/^# wtfsd: wtfsd: /# wtfsd: /'
}

# as_wtsvc CMD...: CMD in the chroot as wtsvc alone (no PAM, no server).
as_wtsvc() {
	in_ad setpriv --reuid=1100 --regid=1100 --clear-groups -- "$@"
}

has() {
	case "$1" in
	*"$2"*) return 0 ;;
	esac
	return 1
}

cleanup() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
	fi
	echo "$saved_privileges" >"$privileges"
	in_ad wtpolicy load /tmp/ad-policy-wtfsd 2>&1 | sed 's/^/# /'
	rm -f "$ad/etc/pam.d/wtfsd_ad" "$ad$sock"
}

# The service account, local to the machine as in the demo; the PAM
# service of ad_wtrun.sh; the files, root's, mode 0644: only the SDs
# keep anyone out.
echo 'wtsvc:x:1100:1100:wtfsd service:/nonexistent:/usr/sbin/nologin' \
	>>"$ad/etc/passwd"
echo 'wtsvc:x:1100:' >>"$ad/etc/group"
cat >"$ad/etc/pam.d/wtfsd_ad" <<'PAM'
auth required pam_winbind.so
account required pam_winbind.so
session required /selftests/pam_wintok.so source=winbind logon=interactive
PAM
in_ad wtpolicy show >"$ad/tmp/ad-policy-wtfsd" 2>&1
saved_privileges=$(cat "$privileges")

mkdir -p "$ad$dir" && chmod 0755 "$ad$dir"
echo "alice's domain notes" >"$ad$dir/alice.txt"
echo "G2's plans" >"$ad$dir/g2.txt"
echo "not for G2" >"$ad$dir/denied.txt"
chmod 0644 "$ad$dir"/*.txt
in_ad wtacl set "$dir/alice.txt" "D:(A;;FR;;;$alice)" &&
	in_ad wtacl set "$dir/g2.txt" "D:(A;;FR;;;$g2)" &&
	in_ad wtacl set "$dir/denied.txt" \
		"D:(D;;FR;;;$g2)(A;;FR;;;$alice)(A;;FR;;;$svc)"
rc=$?
for f in alice g2 denied; do
	in_ad wtacl get "$dir/$f.txt" 2>&1 | sed "s/^/# $f.txt: /"
done
tap_ok $rc "wtfsd_ad.sds_name_domain_sids"

# 2: the server, as wtsvc with SeImpersonatePrivilege
echo "uid:1100:SeImpersonatePrivilege" >"$privileges"
: >"$log"
in_ad wtfsd --socket "$sock" --user wtsvc >>"$log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
	[ -S "$ad$sock" ] && grep -q '^wtfsd: serving' "$log" && break
	sleep 0.2
done
sed 's/^/# /' "$log"
grep -q "^wtfsd: serving $sock as wtsvc (uid 1100), SeImpersonatePrivilege enabled\$" "$log"
tap_ok $? "wtfsd_ad.server_runs_as_wtsvc_with_the_privilege"

# 3-5: alice's file, granted to her domain SID alone
ask alice Alice-Pw-1 alice.txt
[ "$rc" = 0 ] && grep -qx "alice's domain notes" /tmp/ad-wtfs
tap_ok $? "wtfsd_ad.alice_reads_the_file_granted_to_her_domain_sid"
has "$line" "request from $alice: get $dir/alice.txt | thread: euid 10001 " &&
	has "$line" "level Impersonation | OK"
tap_ok $? "wtfsd_ad.log_names_alice_by_her_domain_sid"
as_wtsvc cat "$dir/alice.txt" >/tmp/ad-wtsvc 2>&1
rc=$?
sed 's/^/# wtsvc: /' /tmp/ad-wtsvc
[ "$rc" != 0 ] && ! grep -q "domain notes" /tmp/ad-wtsvc
tap_ok $? "wtfsd_ad.wtsvc_alone_cannot_read_alice_file"

# 6-8: a file for G2, which alice holds through G1
ask alice Alice-Pw-1 g2.txt
[ "$rc" = 0 ] && grep -qx "G2's plans" /tmp/ad-wtfs &&
	has "$line" "request from $alice: get $dir/g2.txt "
tap_ok $? "wtfsd_ad.alice_reads_through_her_nested_group"
ask bob Bob-Pw-1 g2.txt
[ "$rc" = 1 ] && grep -q "refused: EACCES" /tmp/ad-wtfs &&
	grep -q "the server saw $bob at level Impersonation" /tmp/ad-wtfs &&
	! grep -q "G2's plans" /tmp/ad-wtfs
tap_ok $? "wtfsd_ad.bob_refused_the_g2_file"
has "$line" "request from $bob: get $dir/g2.txt " &&
	has "$line" "level Impersonation | refused: EACCES"
tap_ok $? "wtfsd_ad.log_names_bob_by_his_domain_sid"

# 9-11: a file the server could read itself, denied to G2
as_wtsvc cat "$dir/denied.txt" >/tmp/ad-wtsvc 2>&1
rc=$?
sed 's/^/# wtsvc: /' /tmp/ad-wtsvc
[ "$rc" = 0 ] && grep -qx "not for G2" /tmp/ad-wtsvc
tap_ok $? "wtfsd_ad.wtsvc_itself_reads_the_denied_file"
ask alice Alice-Pw-1 denied.txt
[ "$rc" = 1 ] && grep -q "refused: EACCES" /tmp/ad-wtfs &&
	grep -q "the server saw $alice at level Impersonation" /tmp/ad-wtfs &&
	! grep -q "not for G2" /tmp/ad-wtfs
tap_ok $? "wtfsd_ad.nested_group_deny_refuses_alice"
has "$line" "request from $alice: get $dir/denied.txt " &&
	has "$line" "level Impersonation | refused: EACCES"
tap_ok $? "wtfsd_ad.log_shows_the_refusal_as_alice"

# 12: a wrong password: wtrun runs no wtfs, the server sees no request
before=$(wc -l <"$log")
echo Wrong-Pw-1 | in_ad wtrun --user 'WINTOK\alice' --service wtfsd_ad \
	--password-fd 0 -- wtfs --socket "$sock" get "$dir/alice.txt" \
	>/tmp/ad-wtfs 2>&1
rc=$?
sed 's/^/# wrong password: /' /tmp/ad-wtfs
[ "$rc" = 1 ] && ! grep -q "domain notes" /tmp/ad-wtfs &&
	[ "$(wc -l <"$log")" = "$before" ]
tap_ok $? "wtfsd_ad.wrong_password_asks_nothing"

cleanup
exit "$tap_failed"
