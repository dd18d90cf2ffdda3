#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The systemd units wintok ships, as make install-user installed them
# under ROOT (PREFIX=ROOT/usr, SYSTEMDUNITDIR=ROOT/units, so that the
# ExecStart= programs exist where the units name them): systemd-analyze
# verify accepts each one without a word (an unknown key is only a
# warning there: any output fails), the timer starts the sync service,
# and the sync service keeps AF_NETLINK (its request to the module) and
# AF_UNIX (winbindd's and SSSD's sockets) while its other hardening stays.
# Usage: units_check.sh ROOT
set -u
root=${1:?usage: units_check.sh ROOT}
units=$root/units
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

# value UNIT KEY: the last KEY= of UNIT.
value() {
	sed -n "s/^$2=//p" "$units/$1" | tail -n 1
}

echo "TAP version 13"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "1..0 # SKIP systemd-analyze absent (Debian package systemd, tools/deps.sh)"
	exit 0
fi
echo "1..7"

for u in wintok-policy.service wintok-idmap-sync.service wintok-idmap-sync.timer; do
	if [ -f "$units/$u" ]; then
		out=$(cd "$units" && systemd-analyze verify --man=no "./$u" 2>&1)
		rc=$?
	else
		out="not installed in $units"
		rc=1
	fi
	[ -z "$out" ] || echo "$out" | sed 's/^/# /'
	[ "$rc" = 0 ] && [ -z "$out" ]
	ok $? "systemd-analyze verify $u"
done

[ "$(value wintok-idmap-sync.timer Unit)" = wintok-idmap-sync.service ]
ok $? "the timer starts wintok-idmap-sync.service"

exec_start=$(value wintok-idmap-sync.service ExecStart)
echo "# ExecStart=$exec_start"
case "$exec_start" in
"$root/usr/bin/wtpolicy idmap sync --source "*) rc=0 ;;
*) rc=1 ;;
esac
ok $rc "the sync service runs PREFIX/bin/wtpolicy idmap sync --source ..."

families=$(value wintok-idmap-sync.service RestrictAddressFamilies)
rc=0
for f in AF_NETLINK AF_UNIX; do
	case " $families " in
	*" $f "*) ;;
	*) rc=1 ;;
	esac
done
ok $rc "the sync service may use AF_NETLINK and AF_UNIX (RestrictAddressFamilies=$families)"

[ "$(value wintok-idmap-sync.service EnvironmentFile)" = /etc/default/wintok ] &&
	grep -qx 'ConditionPathExists=/etc/default/wintok' "$units/wintok-idmap-sync.service" &&
	[ "$(value wintok-idmap-sync.service ProtectSystem)" = strict ] &&
	[ "$(value wintok-idmap-sync.service NoNewPrivileges)" = yes ]
ok $? "the sync service: /etc/default/wintok (or nothing runs), ProtectSystem=strict, NoNewPrivileges"

[ "$failed" = 0 ]
