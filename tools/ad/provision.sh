#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Provision the Samba AD domain make check-ad boots (tools/ad/check-ad.sh),
# on the host, once: samba-tool domain provision takes seconds here and
# minutes under TCG. The result is kept in OUT and made again only when
# this script changes (OUT/stamp holds its checksum).
# usage: provision.sh OUT
#
# OUT/prov/   what samba-tool wrote (--targetdir): private/ (sam.ldb,
#             secrets, idmap.ldb, krb5.conf), state/ (sysvol)
# OUT/smb.conf  the DC's configuration for the VM, where the VM's script
#             (selftests/ad/ad_dc.sh) copies prov/ to /var/lib/samba on a
#             tmpfs
#
# The domain is fixed, so tests can name what they expect:
#   realm WINTOK.TEST, NetBIOS domain WINTOK, DC dc1 at 10.53.0.1 (a dummy
#   interface in the VM), Administrator's password below.
#   alice (uidNumber 10001), bob (10002), Domain Users gidNumber 10000;
#   G1 (global) holds alice, G2 (global) holds G1 (nesting), DL1 (domain
#   local) holds alice. RFC 2307 attributes and "idmap_ldb:use rfc2307":
#   the DC's winbindd maps these ids, not numbers it allocates (a DC
#   ignores the idmap backends a member uses: rid, autorid).
set -eu

out=$1
here=$(cd "$(dirname "$0")" && pwd)
sum=$(sha256sum "$here/provision.sh" | cut -d' ' -f1)
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$sum" ] &&
	[ -f "$out/prov/private/sam.ldb" ] && [ -f "$out/smb.conf" ]; then
	echo "provision: cached in $out"
	exit 0
fi
command -v samba-tool >/dev/null || {
	echo "provision: samba-tool missing (make deps installs samba-ad-dc)" >&2
	exit 1
}

rm -rf "$out/prov" "$out/smb.conf" "$out/sids" "$out/stamp"
mkdir -p "$out"
prov=$(cd "$out" && pwd)/prov
admin_pw=Wintok-Admin-1
# The host's own smb.conf must not leak in: an empty one.
: >"$out/empty.conf"
samba-tool domain provision -s "$out/empty.conf" \
	--realm=WINTOK.TEST --domain=WINTOK --server-role=dc \
	--dns-backend=SAMBA_INTERNAL --adminpass="$admin_pw" \
	--host-name=dc1 --host-ip=10.53.0.1 --use-rfc2307 \
	--targetdir="$prov" --option="interfaces=lo dum0" \
	--option="bind interfaces only=yes" >"$out/provision.log" 2>&1 || {
	tail -n 20 "$out/provision.log" >&2
	exit 1
}

tool() {
	samba-tool "$@" -s "$prov/etc/smb.conf" >>"$out/provision.log" 2>&1 || {
		echo "provision: samba-tool $* failed:" >&2
		tail -n 10 "$out/provision.log" >&2
		exit 1
	}
}
# A running DC adds its service principal names (ldap/, GC/...) itself,
# through the dnsupdate service; the VM's DC runs without it, and SSSD's
# LDAP bind (GSSAPI) needs ldap/dc1.wintok.test: add them now.
samba_spnupdate -s "$prov/etc/smb.conf" >>"$out/provision.log" 2>&1 || {
	echo "provision: samba_spnupdate failed" >&2
	exit 1
}
tool group addunixattrs "Domain Users" 10000
tool user add alice Alice-Pw-1 --given-name=Alice --surname=Test \
	--nis-domain=wintok --uid-number=10001 --gid-number=10000 \
	--unix-home=/home/alice --login-shell=/bin/sh
tool user add bob Bob-Pw-1 --given-name=Bob --surname=Test \
	--nis-domain=wintok --uid-number=10002 --gid-number=10000 \
	--unix-home=/home/bob --login-shell=/bin/sh
tool group add G1 --group-scope=Global --group-type=Security \
	--nis-domain=wintok --gid-number=10011
tool group add G2 --group-scope=Global --group-type=Security \
	--nis-domain=wintok --gid-number=10012
tool group add DL1 --group-scope=Domain --group-type=Security \
	--nis-domain=wintok --gid-number=10013
tool group addmembers G1 alice
tool group addmembers G2 G1
tool group addmembers DL1 alice

# The SIDs the VM's tests expect, read back from the database.
for name in alice bob G1 G2 DL1 "Domain Users"; do
	case "$name" in
	alice | bob) sid=$(samba-tool user show "$name" -s "$prov/etc/smb.conf" \
		--attributes=objectSid | awk '/^objectSid:/ { print $2 }') ;;
	*) sid=$(samba-tool group show "$name" -s "$prov/etc/smb.conf" \
		--attributes=objectSid | awk '/^objectSid:/ { print $2 }') ;;
	esac
	[ -n "$sid" ] || { echo "provision: no SID for $name" >&2; exit 1; }
	printf '%s\t%s\n' "$name" "$sid"
done >"$out/sids"

# The VM's configuration: same domain, paths under /var/lib/samba, only
# the services the tests use (no NetBIOS, no dynamic DNS updates: those
# start Python scripts, slow under TCG, and nothing here needs them).
cat >"$out/smb.conf" <<'CONF'
[global]
	netbios name = DC1
	realm = WINTOK.TEST
	workgroup = WINTOK
	server role = active directory domain controller
	private dir = /var/lib/samba/private
	state directory = /var/lib/samba
	lock directory = /var/lib/samba
	cache directory = /var/cache/samba
	binddns dir = /var/lib/samba/bind-dns
	interfaces = lo dum0
	bind interfaces only = yes
	server services = -nbt -dnsupdate -spoolss -kcc -drepl
	idmap_ldb:use rfc2307 = yes
	template shell = /bin/sh
	template homedir = /home/%U
	log file = /var/log/samba/log.%m
	log level = 1
	winbind enum users = yes
	winbind enum groups = yes

[sysvol]
	path = /var/lib/samba/sysvol
	read only = No

[netlogon]
	path = /var/lib/samba/sysvol/wintok.test/scripts
	read only = No
CONF
echo "$sum" >"$out/stamp"
echo "provision: domain WINTOK.TEST in $out"
