#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_dc.sh: wtrun logs a domain user on
# with a password through pam_winbind against the DC's winbindd, and the
# session's pam_wintok (source=winbind, staged in /selftests) gives the
# command a token with the user's domain SIDs: the user, Domain Users, G1,
# G2 (nested) and DL1 (domain local). A wrong password runs nothing; bob
# is in none of those groups. The kernel's id map, which pam_wintok
# extends, is put back afterwards.
. ./tap_lib.sh
. ./ad_lib.sh

tap_plan 5
ad_need_chroot 5

sid_of() {
	awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$ad/etc/wintok-ad-sids"
}

# has_sids FILE NAME...: FILE holds the SID of each NAME (as a word).
has_sids() {
	file=$1
	shift
	for name in "$@"; do
		grep -qw -- "$(sid_of "$name")" "$file" || return 1
	done
}

cat >"$ad/etc/pam.d/wtrun_ad" <<'PAM'
auth required pam_winbind.so
account required pam_winbind.so
session required /selftests/pam_wintok.so source=winbind logon=interactive
PAM
in_ad wtpolicy show >"$ad/tmp/ad-policy" 2>&1

# 1-2: alice with her password
echo Alice-Pw-1 | in_ad wtrun --user 'WINTOK\alice' --service wtrun_ad \
	--password-fd 0 -- sh -c 'id -u; wtwhoami' >/tmp/ad-wtrun 2>&1
rc=$?
sed 's/^/# alice: /' /tmp/ad-wtrun | head -n 40
[ $rc = 0 ] && [ "$(sed -n 1p /tmp/ad-wtrun)" = 10001 ]
tap_ok $? "wtrun --user WINTOK\\alice (pam_winbind): runs as uid 10001"
has_sids /tmp/ad-wtrun alice 'Domain Users' G1 G2 DL1 &&
	grep -qw S-1-5-4 /tmp/ad-wtrun && grep -qw S-1-5-11 /tmp/ad-wtrun &&
	! grep -q S-1-22-1-10001 /tmp/ad-wtrun
tap_ok $? "alice's token: her domain SID, Domain Users, G1, G2 (nested), DL1, INTERACTIVE, Authenticated Users"

# 3-4: a wrong password runs nothing
echo Wrong-Pw-1 | in_ad wtrun --user 'WINTOK\alice' --service wtrun_ad \
	--password-fd 0 -- echo RAN >/tmp/ad-wtrun-bad 2>&1
rc=$?
sed 's/^/# wrong password: /' /tmp/ad-wtrun-bad
[ $rc = 1 ] && grep -q "authentication failed" /tmp/ad-wtrun-bad
tap_ok $? "a wrong password: exit 1, authentication failed"
! grep -q RAN /tmp/ad-wtrun-bad
tap_ok $? "a wrong password runs nothing"

# 5: bob is in none of alice's groups
echo Bob-Pw-1 | in_ad wtrun --user 'WINTOK\bob' --service wtrun_ad \
	--password-fd 0 -- wtwhoami >/tmp/ad-wtrun-bob 2>&1
rc=$?
[ $rc = 0 ] && has_sids /tmp/ad-wtrun-bob bob 'Domain Users' &&
	! has_sids /tmp/ad-wtrun-bob G1 && ! has_sids /tmp/ad-wtrun-bob DL1
tap_ok $? "bob's token: his SID and Domain Users, not G1 or DL1"
[ $rc = 0 ] || sed 's/^/# bob: /' /tmp/ad-wtrun-bob | head -n 30

in_ad wtpolicy load /tmp/ad-policy 2>&1 | sed 's/^/# /'
rm -f "$ad/etc/pam.d/wtrun_ad"
exit "$tap_failed"
