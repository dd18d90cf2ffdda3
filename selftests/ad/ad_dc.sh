#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM: the Samba AD DC of WINTOK.TEST runs from the
# database provisioned on the host (tools/ad/provision.sh), and its
# winbindd answers for alice and bob. The host's / comes over virtio-9p
# (read-only, tag "host"); Samba and its libraries run from it in a chroot,
# /ad, whose /usr is the host's and whose /etc, /var and /run are tmpfs.
# Samba keeps running after this suite for ad_wbc.sh and ad_sssd.sh.
# WT_AD_DIR (wt.env) is the host's build/ad.
. ./tap_lib.sh
. ./ad_lib.sh

addir=/host${WT_AD_DIR:-/nonexistent}
admin=Administrator%Wintok-Admin-1

sid_of() {
	awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$ad/etc/wintok-ad-sids"
}

# has_sids FILE NAME...: FILE (one SID a line) holds the SID of each NAME.
has_sids() {
	file=$1
	shift
	for name in "$@"; do
		grep -qx "$(sid_of "$name")" "$file" || return 1
	done
}

tap_plan 18

# 1: the host's tree
mkdir -p /host
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 \
	host /host
tap_ok $? "the host's / over virtio-9p, read-only"
if [ ! -f "$addir/prov/private/sam.ldb" ]; then
	echo "# no provisioned domain in $addir (WT_AD_DIR=${WT_AD_DIR:-})"
fi

# 2: the chroot: the host's /usr, a copy of its /etc, the provisioned
# domain on a tmpfs (samba writes to its databases)
setup_chroot() {
	mkdir -p "$ad" && mount -t tmpfs -o mode=755 tmpfs "$ad" || return 1
	mkdir -p "$ad/usr" "$ad/etc" "$ad/proc" "$ad/sys" "$ad/dev" "$ad/tmp" \
		"$ad/run/samba" "$ad/var/lib/samba" "$ad/var/cache/samba" \
		"$ad/var/log/samba" "$ad/var/tmp" "$ad/home" "$ad/selftests" \
		"$ad/root" "$ad/opt/wintok/bin" || return 1
	for l in bin lib lib64 sbin; do
		ln -s "usr/$l" "$ad/$l" || return 1
	done
	chmod 1777 "$ad/tmp" "$ad/var/tmp"
	mount -o bind /host/usr "$ad/usr" &&
		mount -t proc proc "$ad/proc" &&
		mount -o bind /sys "$ad/sys" &&
		mount -o bind /dev "$ad/dev" &&
		mount -o bind /selftests "$ad/selftests" &&
		mount -o bind /usr/bin "$ad/opt/wintok/bin" || return 1
	cp -a /host/etc/. "$ad/etc/" 2>/dev/null
	[ -f "$ad/etc/ld.so.cache" ] || return 1
	cp -a "$addir/prov/private" "$ad/var/lib/samba/" &&
		cp -a "$addir/prov/state/." "$ad/var/lib/samba/" &&
		cp "$addir/smb.conf" "$ad/etc/samba/smb.conf" &&
		cp "$addir/sids" "$ad/etc/wintok-ad-sids" &&
		cp "$addir/prov/private/krb5.conf" "$ad/etc/krb5.conf" || return 1
	printf '127.0.0.1\tlocalhost\n10.53.0.1\tdc1.wintok.test dc1\n' \
		>"$ad/etc/hosts"
	printf 'nameserver 10.53.0.1\nsearch wintok.test\n' >"$ad/etc/resolv.conf"
	# The host's nsswitch.conf may name sss or systemd: only winbind here
	# (ad_sssd.sh puts sss in when it tries SSSD).
	printf 'passwd: files winbind\ngroup: files winbind\nshadow: files\nhosts: files dns\n' \
		>"$ad/etc/nsswitch.conf"
}
t0=$(date +%s)
setup_chroot
tap_ok $? "chroot $ad: host /usr, /etc copied, the domain on a tmpfs"
echo "# chroot set up in $(($(date +%s) - t0)) s"

# 3: a network for the DC: loopback and a dummy device with the address
# the domain was provisioned with (no NIC: nothing leaves the VM)
in_ad ip link set lo up &&
	in_ad ip link add dum0 type dummy &&
	in_ad ip addr add 10.53.0.1/24 dev dum0 &&
	in_ad ip link set dum0 up
tap_ok $? "dum0 up at 10.53.0.1"

# 4: the AD DC; on a DC, samba starts winbindd itself
t0=$(date +%s)
in_ad /usr/sbin/samba -M single --foreground --no-process-group \
	</dev/null >"$ad/var/log/samba/stdout" 2>&1 &
echo $! >/tmp/ad-samba.pid
up=1
for _ in $(seq 600); do
	in_ad wbinfo -P >/dev/null 2>&1 && { up=0; break; }
	kill -0 "$(cat /tmp/ad-samba.pid)" 2>/dev/null || break
	sleep 1
done
echo "# samba started, winbindd answered after $(($(date +%s) - t0)) s"
if [ "$up" != 0 ]; then
	tail -n 30 "$ad/var/log/samba/stdout" "$ad/var/log/samba/log.samba" \
		2>/dev/null | sed 's/^/# /'
fi
tap_ok $up "samba (AD DC) up, its winbindd answers (wbinfo -P)"

# 5: the DC runs under wintok: its processes carry tokens
in_ad wtwhoami -p "$(cat /tmp/ad-samba.pid)" --user --token >/tmp/ad-whoami 2>&1
rc=$?
sed 's/^/# samba: /' /tmp/ad-whoami
[ -d /sys/module/wintok ] || rc=1
tap_ok $rc "wintok loaded, samba's primary token read (wtwhoami -p)"

ldb() {
	in_ad ldbsearch -H ldap://dc1.wintok.test -U "$admin" \
		-b DC=wintok,DC=test "$@" 2>/dev/null
}

# 6-10: the directory, over LDAP
t0=$(date +%s)
level=$(in_ad samba-tool domain level show 2>&1)
rc=$?
echo "$level" | sed 's/^/# /'
echo "# samba-tool domain level show took $(($(date +%s) - t0)) s"
tap_ok $rc "samba-tool domain level show"
ldb '(sAMAccountName=alice)' memberOf >/tmp/ad-alice 2>&1
grep -q '^memberOf: CN=G1,' /tmp/ad-alice && grep -q '^memberOf: CN=DL1,' /tmp/ad-alice
tap_ok $? "LDAP: alice exists, member of G1 and DL1"
ldb '(sAMAccountName=bob)' dn | grep -q '^dn: '
tap_ok $? "LDAP: bob exists"
ldb '(sAMAccountName=G2)' member | grep -q '^member: CN=G1,'
tap_ok $? "LDAP: G1 is a member of G2 (nesting)"
# GROUP_TYPE_SECURITY_ENABLED | GROUP_TYPE_RESOURCE_GROUP (domain local)
ldb '(sAMAccountName=DL1)' groupType | grep -q '^groupType: -2147483644$'
tap_ok $? "LDAP: DL1 is a domain local security group"

# 11-18: winbind
alice=$(sid_of alice)
in_ad wbinfo -n alice | grep -q "^$alice SID_USER"
tap_ok $? "wbinfo -n alice: $alice"
in_ad wbinfo --user-sids "$alice" >/tmp/ad-sids-before
sed 's/^/# before a logon: /' /tmp/ad-sids-before
has_sids /tmp/ad-sids-before 'Domain Users' G1 DL1
tap_ok $? "wbinfo --user-sids before a logon: Domain Users, G1, DL1"
# The DC's winbindd asks its own SAM, which gives direct memberships
# only; the nested set (tokenGroups) reaches it with a logon's info3.
has_sids /tmp/ad-sids-before G2 &&
	echo "# G2 already there before a logon" ||
	echo "# G2 (nested) not there before a logon"
in_ad wbinfo -a 'WINTOK\alice%Wrong-Pw-1' >/dev/null 2>&1
[ $? != 0 ]
tap_ok $? "wbinfo -a alice with a wrong password fails"
in_ad wbinfo -a 'WINTOK\alice%Alice-Pw-1' >/dev/null 2>&1
tap_ok $? "wbinfo -a alice logs on"
in_ad wbinfo --user-sids "$alice" >/tmp/ad-sids-after
sed 's/^/# after a logon: /' /tmp/ad-sids-after
has_sids /tmp/ad-sids-after G2 DL1 'Domain Users'
tap_ok $? "wbinfo --user-sids after a logon: G2 (nested), DL1, Domain Users"
in_ad ldbsearch -H /var/lib/samba/private/sam.ldb -s base -b "<SID=$alice>" \
	tokenGroups 2>/dev/null | grep -q "^tokenGroups: $(sid_of G2)$"
tap_ok $? "tokenGroups of alice hold G2 in the directory"
pw=$(in_ad getent passwd 'WINTOK\alice')
echo "# $pw"
case "$pw" in
'WINTOK\alice:'*':10001:10000:'*) rc=0 ;;
*) rc=1 ;;
esac
tap_ok $rc "getent passwd WINTOK\\alice: uid 10001 gid 10000 (idmap_ldb, RFC 2307)"
in_ad id 'WINTOK\bob' | sed 's/^/# /'
in_ad getent passwd 'WINTOK\bob' | grep -q ':10002:10000:'
tap_ok $? "getent passwd WINTOK\\bob: uid 10002"
exit "$tap_failed"
