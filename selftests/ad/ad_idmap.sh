#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_sss.sh (winbindd and sssd both up,
# NSS through SSSD): wtpolicy idmap sync fills the kernel's id map from
# winbind, then from SSSD, and a process that never passed through PAM
# (setpriv, as a daemon's start script would) gets a derived token with
# the directory's SIDs (issue #18, "derived tokens follow the directory").
. ./tap_lib.sh
. ./ad_lib.sh

sid_of() {
	awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$ad/etc/wintok-ad-sids"
}

# as_daemon UID GID: wtwhoami --user --groups of a process of those ids
# and the user's groups, started without PAM.
as_daemon() {
	in_ad setpriv --reuid="$1" --regid="$2" --init-groups -- \
		wtwhoami --user --groups -f csv --no-header 2>&1
}

tap_plan 8
ad_need_chroot 8

alice=$(sid_of alice)
bob=$(sid_of bob)
users=$(sid_of 'Domain Users')
g1=$(sid_of G1)

# 1-3: from winbind, alice only
in_ad wtpolicy idmap sync --source winbind --user alice 2>&1 | sed 's/^/# /'
in_ad wtpolicy show >/tmp/ad-map-wb 2>&1
sed -n 's/^map /# winbind: map /p' /tmp/ad-map-wb
grep -q "^map $alice uid 10001\$" /tmp/ad-map-wb &&
	grep -q "^map $users gid 10000\$" /tmp/ad-map-wb
tap_ok $? "wtpolicy idmap sync --source winbind --user alice: alice, Domain Users mapped"
as_daemon 10001 10000 >/tmp/ad-daemon-alice
sed 's/^/# alice: /' /tmp/ad-daemon-alice
grep -q "$alice" /tmp/ad-daemon-alice && grep -q "$users" /tmp/ad-daemon-alice &&
	grep -q "$g1" /tmp/ad-daemon-alice && grep -q 'S-1-22-1-10001' /tmp/ad-daemon-alice
tap_ok $? "alice's daemon: her SID, Domain Users, G1 (and S-1-22-1-10001 as a group)"
as_daemon 10002 10000 >/tmp/ad-daemon-bob
sed 's/^/# bob: /' /tmp/ad-daemon-bob
grep -q 'S-1-22-1-10002' /tmp/ad-daemon-bob && ! grep -q "$bob" /tmp/ad-daemon-bob
tap_ok $? "bob, not synced: S-1-22-1-10002, not his domain SID"

# 4: winbind cannot be reached (an empty directory over its socket's,
# the one libwbclient is built with): nothing changes
sockdir=$ad/run/samba/winbindd
ls -l "$sockdir" 2>&1 | sed 's/^/# winbindd socket dir: /'
rc=1
if [ -S "$sockdir/pipe" ] && mount -t tmpfs -o mode=755 tmpfs "$sockdir"; then
	in_ad wtpolicy idmap sync --source winbind --user alice --user bob \
		>/tmp/ad-sync-down 2>&1
	rc=$?
	umount "$sockdir"
	sed 's/^/# /' /tmp/ad-sync-down
fi
in_ad wtpolicy show >/tmp/ad-map-down 2>&1
[ "$rc" = 1 ] && cmp -s /tmp/ad-map-wb /tmp/ad-map-down
tap_ok $? "winbind unreachable: exit 1, the map unchanged"

# 5-7: from SSSD, alice and bob
in_ad wtpolicy idmap sync --source sss --user alice --user bob 2>&1 | sed 's/^/# /'
in_ad wtpolicy show >/tmp/ad-map-sss 2>&1
sed -n 's/^map /# sss: map /p' /tmp/ad-map-sss
grep -q "^map $alice uid 10001\$" /tmp/ad-map-sss &&
	grep -q "^map $bob uid 10002\$" /tmp/ad-map-sss
tap_ok $? "wtpolicy idmap sync --source sss --user alice --user bob"
as_daemon 10002 10000 >/tmp/ad-daemon-bob
sed 's/^/# bob: /' /tmp/ad-daemon-bob
grep -q "$bob" /tmp/ad-daemon-bob && grep -q "$users" /tmp/ad-daemon-bob
tap_ok $? "bob's daemon after the SSSD sync: his SID, Domain Users"
as_daemon 10001 10000 >/tmp/ad-daemon-alice
grep -q "$alice" /tmp/ad-daemon-alice && grep -q "$g1" /tmp/ad-daemon-alice
tap_ok $? "alice's daemon after the SSSD sync: her SID, G1"

# 8: root is never mapped
in_ad wtwhoami --user -f csv --no-header 2>&1 | sed 's/^/# root: /' >/tmp/ad-root
grep -q 'S-1-22-1-0\|S-1-5-18\|root' /tmp/ad-root && ! grep -q 'S-1-5-21-' /tmp/ad-root
tap_ok $? "root's token keeps no domain SID"
in_ad wtpolicy clear >/dev/null 2>&1
exit "$tap_failed"
