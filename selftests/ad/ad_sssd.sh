#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_dc.sh: SSSD with the ad provider
# against the same DC, in the same chroot. It binds to LDAP with the DC's
# own machine account (DC1$, keys in secrets.keytab) through GSSAPI, the
# way a joined member binds with its /etc/krb5.keytab. After this suite
# the chroot's NSS asks SSSD, not winbind (ad_sss.sh checks that path).
. ./tap_lib.sh
. ./ad_lib.sh

tap_plan 4
ad_need_chroot 4

mkdir -p "$ad/var/lib/sss/db" "$ad/var/lib/sss/pipes/private" \
	"$ad/var/lib/sss/mc" "$ad/var/lib/sss/pubconf/krb5.include.d" \
	"$ad/var/lib/sss/gpo_cache" "$ad/var/log/sssd" "$ad/etc/sssd"
chmod 700 "$ad/var/lib/sss/db" "$ad/var/lib/sss/pipes/private"
# No reverse lookups: GSSAPI would otherwise ask for the service ticket of
# whatever name 10.53.0.1 resolves back to.
cat >"$ad/etc/krb5.conf" <<'KRB5'
[libdefaults]
	default_realm = WINTOK.TEST
	dns_lookup_realm = false
	dns_lookup_kdc = false
	rdns = false
[realms]
	WINTOK.TEST = {
		kdc = dc1.wintok.test
	}
[domain_realm]
	.wintok.test = WINTOK.TEST
	wintok.test = WINTOK.TEST
KRB5
cat >"$ad/etc/sssd/sssd.conf" <<'SSSD'
[sssd]
services = nss
domains = wintok.test

[nss]

[domain/wintok.test]
id_provider = ad
access_provider = permit
ad_domain = wintok.test
ad_server = dc1.wintok.test
ad_hostname = dc1.wintok.test
krb5_realm = WINTOK.TEST
krb5_keytab = /var/lib/samba/private/secrets.keytab
ldap_krb5_keytab = /var/lib/samba/private/secrets.keytab
ldap_sasl_authid = DC1$@WINTOK.TEST
ldap_id_mapping = False
use_fully_qualified_names = False
cache_credentials = False
dyndns_update = False
ad_gpo_access_control = disabled
ldap_referrals = False
SSSD
chmod 600 "$ad/etc/sssd/sssd.conf"

t0=$(date +%s)
in_ad kinit -k -t /var/lib/samba/private/secrets.keytab 'DC1$@WINTOK.TEST' &&
	in_ad kvno ldap/dc1.wintok.test >/dev/null
tap_ok $? "kinit as DC1\$ from the keytab, service ticket for ldap/dc1.wintok.test"
in_ad kdestroy >/dev/null 2>&1

in_ad /usr/sbin/sssd -i -d 2 --logger=files </dev/null >/dev/null 2>&1 &
echo $! >/tmp/ad-sssd.pid
rc=1
for _ in $(seq 240); do
	pw=$(in_ad getent -s sss passwd alice 2>/dev/null) && { rc=0; break; }
	kill -0 "$(cat /tmp/ad-sssd.pid)" 2>/dev/null || break
	sleep 1
done
echo "# $pw"
echo "# sssd answered after $(($(date +%s) - t0)) s"
case "$pw" in
alice:*:10001:10000:*) ;;
*) rc=1 ;;
esac
tap_ok $rc "sssd (ad provider) up: getent -s sss passwd alice gives uid 10001"
in_ad getent -s sss passwd bob | grep -q '^bob:.*:10002:10000:'
tap_ok $? "getent -s sss passwd bob gives uid 10002"
grp=$(in_ad getent -s sss group G2)
echo "# $grp"
case "$grp" in
*:10012:*alice*) rc=0 ;;
*) rc=1 ;;
esac
tap_ok $rc "getent -s sss group G2 lists alice (through G1)"
grep -hE '\(0x00[1-4]0\)' "$ad"/var/log/sssd/*.log 2>/dev/null | tail -n 15 |
	sed 's/^/# sssd: /'
# From here the chroot's NSS is SSSD's alone (ad_sss.sh).
printf 'passwd: files sss\ngroup: files sss\nshadow: files\nhosts: files dns\n' \
	>"$ad/etc/nsswitch.conf"
exit "$tap_failed"
