#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_idmap.sh (winbindd and sssd up, NSS
# through SSSD): the shipped wintok-idmap-sync.service fills the kernel's
# id map. There is no systemd in the VM: the unit's ExecStart= line is
# read from the unit file as shipped (tools/conf, staged as
# /selftests/wintok-idmap-sync.service.in) and run in the chroot as
# systemd would: with the variables of its EnvironmentFile= ($VAR split
# at white space, ${VAR} one word: the same here), @PREFIX@ being
# /opt/wintok (where the chroot has the tools, as make install
# PREFIX=/opt/wintok would write it).
. ./tap_lib.sh
. ./ad_lib.sh

tap_plan 6
ad_need_chroot 6

unit=/selftests/wintok-idmap-sync.service.in

sid_of() {
	awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$ad/etc/wintok-ad-sids"
}

alice=$(sid_of alice)
bob=$(sid_of bob)
users=$(sid_of 'Domain Users')

# 1: what the unit runs, and from which file
# (systemd's own prefixes, "-" "@" ":" "+" "!", are dropped after
# @PREFIX@ is filled in: "@" starts both.)
exec_start=$(sed -n 's/^ExecStart=//p' "$unit" | sed 's|@PREFIX@|/opt/wintok|g;s/^[-@:+!]*//')
env_file=$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")
echo "# ExecStart=$exec_start"
echo "# EnvironmentFile=$env_file"
[ -n "$exec_start" ] && [ -n "$env_file" ] &&
	[ "$(sed -n 's/^ExecStart=//p' "$unit" | wc -l)" = 1 ]
tap_ok $? "idmap_unit.one_exec_start_and_an_environment_file"

# run_unit: the ExecStart line with the environment file's variables, in
# the chroot; output in /tmp/ad-unit, status in $rc.
run_unit() {
	in_ad sh -c 'set -a; . "$1"; set +a; eval "exec $2"' sh \
		"$env_file" "$exec_start" >/tmp/ad-unit 2>&1
	rc=$?
	sed 's/^/# unit: /' /tmp/ad-unit
}

mkdir -p "$ad$(dirname "$env_file")"
in_ad wtpolicy clear 2>&1 | sed 's/^/# /'

# 2-3: from winbind, alice and bob
printf '%s\n' 'WINTOK_IDMAP_SOURCE=winbind' \
	'WINTOK_IDMAP_ARGS="--user alice --user bob"' >"$ad$env_file"
run_unit
in_ad wtpolicy show >/tmp/ad-unit-map 2>&1
sed -n 's/^map /# winbind: map /p' /tmp/ad-unit-map
[ "$rc" = 0 ] && grep -q "^map $alice uid 10001\$" /tmp/ad-unit-map &&
	grep -q "^map $bob uid 10002\$" /tmp/ad-unit-map &&
	grep -q "^map $users gid 10000\$" /tmp/ad-unit-map
tap_ok $? "idmap_unit.winbind_fills_the_map"
in_ad setpriv --reuid=10002 --regid=10000 --init-groups -- \
	wtwhoami --user --groups -f csv --no-header >/tmp/ad-unit-bob 2>&1
sed 's/^/# bob: /' /tmp/ad-unit-bob
grep -q "$bob" /tmp/ad-unit-bob && grep -q "$users" /tmp/ad-unit-bob
tap_ok $? "idmap_unit.a_daemon_of_bob_gets_his_domain_sids"

# 4: from SSSD
in_ad wtpolicy clear 2>&1 | sed 's/^/# /'
printf '%s\n' 'WINTOK_IDMAP_SOURCE=sss' \
	'WINTOK_IDMAP_ARGS="--user alice --user bob"' >"$ad$env_file"
run_unit
in_ad wtpolicy show >/tmp/ad-unit-map 2>&1
[ "$rc" = 0 ] && grep -q "^map $alice uid 10001\$" /tmp/ad-unit-map &&
	grep -q "^map $bob uid 10002\$" /tmp/ad-unit-map
tap_ok $? "idmap_unit.sss_fills_the_map"

# 5-6: no source named, an unknown one: the unit fails (wtpolicy's usage
# error, exit 2), the map stays
cp /tmp/ad-unit-map /tmp/ad-unit-map-before
printf '%s\n' 'WINTOK_IDMAP_SOURCE=' 'WINTOK_IDMAP_ARGS="--user alice"' \
	>"$ad$env_file"
run_unit
in_ad wtpolicy show >/tmp/ad-unit-map 2>&1
[ "$rc" = 2 ] && grep -q '^usage: wtpolicy idmap sync' /tmp/ad-unit &&
	cmp -s /tmp/ad-unit-map-before /tmp/ad-unit-map
tap_ok $? "idmap_unit.no_source_fails_and_keeps_the_map"
printf '%s\n' 'WINTOK_IDMAP_SOURCE=ldap' 'WINTOK_IDMAP_ARGS="--user alice"' \
	>"$ad$env_file"
run_unit
in_ad wtpolicy show >/tmp/ad-unit-map 2>&1
[ "$rc" = 2 ] && grep -q '^usage: wtpolicy idmap sync' /tmp/ad-unit &&
	cmp -s /tmp/ad-unit-map-before /tmp/ad-unit-map
tap_ok $? "idmap_unit.unknown_source_fails_and_keeps_the_map"

rm -f "$ad$env_file"
in_ad wtpolicy clear >/dev/null 2>&1
exit "$tap_failed"
