#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): the real login(1) (Debian's
# "login" package, staged from the build machine) with pam_wintok in its
# session stack. login opens the session in its root parent, forks, drops
# root in the child and execs alice's shell; pam_wintok (assign=auto:
# exec for the login service) leaves the token pending, and the shell's
# exec gets it. script(1) (util-linux) gives login the terminal it
# insists on. TAP output; skipped without login or script.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 5

names="shell_runs_as_alice shell_has_the_pam_token parent_stays_root
assign_self_breaks_login pending_token_not_in_parent"
if ! [ -x /usr/bin/login ] || ! [ -x /usr/bin/script ]; then
	for t in $names; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n pam_login.$t # SKIP login or script missing"
	done
	exit 0
fi

dom=S-1-5-21-7-8-9
tmp=$(mktemp -d)
chmod 755 "$tmp"
mkdir "$tmp/out"
chmod 777 "$tmp/out"
printf 'map %s-1001 uid alice\nmap %s-513 gid 1001\n' "$dom" "$dom" >"$tmp/map"
chmod 644 "$tmp/map"

# alice's login shell, for this test: records who it runs as, its token
# and its parent's (login's) ids.
cat >"$tmp/shell" <<SHELL
#!/bin/sh
id -u >$tmp/out/uid
wtwhoami >$tmp/out/whoami 2>&1
grep '^Uid:' /proc/\$PPID/status >$tmp/out/parent
echo \$PPID >$tmp/out/ppid
# Wait (30 s at most) while the test looks at login's token.
i=0
while [ ! -e $tmp/out/go ] && [ \$i -lt 60 ]; do sleep 0.5; i=\$((i + 1)); done
SHELL
chmod 755 "$tmp/shell"
cp /etc/passwd "$tmp/passwd.save"
sed "s|^alice:\(.*\):/bin/sh\$|alice:\1:$tmp/shell|" "$tmp/passwd.save" >/etc/passwd

mkdir -p /etc/pam.d
[ -f /etc/pam.d/login ] && cp /etc/pam.d/login "$tmp/login.save"
pam_login() {
	printf 'auth required pam_permit.so\naccount required pam_permit.so\nsession required %s/pam_wintok.so source=file map=%s %s\n' \
		"$(cd "$(dirname "$0")" && pwd)" "$tmp/map" "$1" >/etc/pam.d/login
}

# login in the background; root reads login's token while the shell
# waits, then lets it end.
run_login() {
	rm -f "$tmp/out/"*
	timeout 120 script -qec "/usr/bin/login -f alice" /dev/null \
		</dev/null >"$tmp/script.log" 2>&1 &
	lpid=$!
	have_ppid() { [ -s "$tmp/out/ppid" ] || ! kill -0 "$lpid" 2>/dev/null; }
	for _ in 1 2 3 4 5 6; do wt_wait have_ppid && break; done
	[ -s "$tmp/out/ppid" ] &&
		wtwhoami -p "$(cat "$tmp/out/ppid")" --user >"$tmp/out/parent_token" 2>&1
	touch "$tmp/out/go"
	wait "$lpid"
}

pam_login ""
run_login
grep -m 3 "S-1-5-21\|S-1-5-4 \|S-1-5-5-" "$tmp/out/whoami" 2>/dev/null | sed 's/^/# shell: /'
[ "$(cat "$tmp/out/uid" 2>/dev/null)" = 1001 ]
tap_check $? "pam_login.shell_runs_as_alice" "$tmp/script.log" "$tmp/out/uid"

# The user SID from the map file, an interactive logon of its own.
grep -q "$dom-1001" "$tmp/out/whoami" && grep -q "S-1-5-4 " "$tmp/out/whoami" &&
	grep -q "S-1-5-5-" "$tmp/out/whoami" && ! grep -q "S-1-22-1-1001" "$tmp/out/whoami"
tap_check $? "pam_login.shell_has_the_pam_token" "$tmp/out/whoami"

# login itself stayed root (it closes the session as root) ...
awk '{ exit !($2 == 0 && $3 == 0) }' "$tmp/out/parent"
tap_check $? "pam_login.parent_stays_root" "$tmp/out/parent"

# ... and its token is not the session's: the pending token is nobody's.
! grep -q "$dom-1001" "$tmp/out/parent_token" && grep -q "S-1-22-1-0" "$tmp/out/parent_token"
tap_check $? "pam_login.pending_token_not_in_parent" "$tmp/out/parent_token"

# The immediate assignment, as before: login loses root in the session's
# parent and the shell does not get the session's token.
pam_login assign=self
run_login
! grep -q "$dom-1001" "$tmp/out/whoami" 2>/dev/null
tap_check $? "pam_login.assign_self_breaks_login" "$tmp/script.log" "$tmp/out/whoami"

cp "$tmp/passwd.save" /etc/passwd
if [ -f "$tmp/login.save" ]; then
	cp "$tmp/login.save" /etc/pam.d/login
else
	rm -f /etc/pam.d/login
fi
rm -rf "$tmp"
exit "$tap_failed"
