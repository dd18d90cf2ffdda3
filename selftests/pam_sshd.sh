#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): Debian's sshd (openssh-server,
# staged from the build machine) on 127.0.0.1 with pam_wintok in the
# session stack of the service sshd, and Debian's ssh logging alice on
# with a key. sshd opens the PAM session in its root monitor, whose
# child drops root and forks the command's shell; pam_wintok (assign=auto:
# exec for the sshd service, logon type network) leaves the token pending
# and the shell's exec as alice gets it. A source that cannot be reached
# (SSSD not running, on_error=deny) fails the session: sshd then runs no
# command. TAP output; skipped without sshd, ssh or ssh-keygen.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 8

names="command_runs_as_alice token_has_the_mapped_sids network_logon_not_interactive
session_is_a_network_logon listener_keeps_its_token monitor_keeps_its_token
lookup_failure_runs_nothing lookup_failure_starts_no_session"
for p in /usr/bin/sshd /usr/bin/ssh /usr/bin/ssh-keygen; do
	[ -x "$p" ] && continue
	for t in $names; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n pam_sshd.$t # SKIP $p missing"
	done
	exit 0
done

started=$(date +%s)
# alice's domain SID as pam_wintok_test and pam_login.sh map it: the
# kernel's id map keeps what they added, and a uid has one SID there. The
# policy (the id map with it) is put back at the end, as wtrun.sh does.
dom=S-1-5-21-7-8-9
port=2222
tmp=$(mktemp -d)
chmod 755 "$tmp"
mkdir "$tmp/out"
chmod 777 "$tmp/out"
printf 'map %s-1001 uid alice\nmap %s-513 gid 1001\n' "$dom" "$dom" >"$tmp/map"
chmod 644 "$tmp/map"
here=$(cd "$(dirname "$0")" && pwd)
wtpolicy show >"$tmp/policy" 2>&1

# sshd's privilege separation directory (root's, not writable by others;
# its user "sshd" is in the VM's passwd), the loopback interface, a host
# key and a client key authorized for alice and bob.
mkdir -p /run/sshd
chmod 755 /run/sshd
ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$tmp/client_key" >/dev/null
for u in alice:1001 bob:1002; do
	h=/home/${u%:*}
	mkdir -p "$h/.ssh"
	cp "$tmp/client_key.pub" "$h/.ssh/authorized_keys"
	chown -R "${u#*:}:${u#*:}" "$h/.ssh"
	chmod 700 "$h/.ssh"
	chmod 600 "$h/.ssh/authorized_keys"
done

# Keys only: PAM's auth stack never authenticates anyone here (sshd runs
# it only for passwords), pam_unix is there for pam_setcred().
cat >"$tmp/sshd_config" <<CONF
ListenAddress 127.0.0.1:$port
HostKey $tmp/host_key
PidFile $tmp/sshd.pid
UsePAM yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
UseDNS no
PrintMotd no
PrintLastLog no
LogLevel VERBOSE
CONF
mkdir -p /etc/pam.d
[ -f /etc/pam.d/sshd ] && cp /etc/pam.d/sshd "$tmp/pam.save"
pam_sshd() {
	printf 'auth required pam_unix.so\naccount required pam_permit.so\nsession required %s/pam_wintok.so %s\n' \
		"$here" "$1" >/etc/pam.d/sshd
}

/usr/bin/sshd -D -f "$tmp/sshd_config" -E "$tmp/sshd.log" &
sshd_pid=$!
# Listening: 127.0.0.1:2222 (0100007F:08AE) in state LISTEN (0A).
listening() {
	grep -q "0100007F:08AE 00000000:0000 0A" /proc/net/tcp ||
		! kill -0 "$sshd_pid" 2>/dev/null
}
for _ in 1 2 3 4; do wt_wait listening && break; done

# ssh USER COMMAND: Debian's ssh client as root with the key, no
# configuration files, no questions.
ssh_as() {
	timeout 90 ssh -F /dev/null -n -i "$tmp/client_key" -p "$port" \
		-o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		"$1@127.0.0.1" "$2"
}

# alice's command records its ids, its token and its parent's pid, then
# waits (30 s at most) while the test looks at sshd's processes.
pam_sshd "source=file map=$tmp/map"
o=$tmp/out
ssh_as alice "id -u >$o/uid; wtwhoami >$o/whoami 2>&1; echo \$PPID >$o/ppid;
i=0; while [ ! -e $o/go ] && [ \$i -lt 60 ]; do sleep 0.5; i=\$((i + 1)); done" \
	>"$tmp/ssh.log" 2>&1 &
cpid=$!
have_ppid() { [ -s "$o/ppid" ] || ! kill -0 "$cpid" 2>/dev/null; }
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do wt_wait have_ppid && break; done
# The command's parent is sshd's child as alice; its parent, the
# monitor that opened the session (still root); its parent, the listener.
child=$(cat "$o/ppid" 2>/dev/null)
monitor=$(awk '$1 == "PPid:" { print $2 }' "/proc/$child/status" 2>/dev/null)
echo "# listener $sshd_pid, monitor ${monitor:-?}, child ${child:-?}"
if [ -n "$monitor" ]; then
	echo "# monitor: $(tr '\0' ' ' <"/proc/$monitor/cmdline")"
	wtwhoami -p "$monitor" --user >"$tmp/monitor_token" 2>&1
	awk '$1 == "PPid:" { print $2 }' "/proc/$monitor/status" >"$tmp/monitor_ppid"
fi
wtwhoami -p "$sshd_pid" --user >"$tmp/listener_token" 2>&1
wtsessions --json >"$tmp/sessions" 2>&1
touch "$o/go"
wait "$cpid"
ssh_rc=$?

grep -m 4 "S-1-5-21\|S-1-5-2 \|S-1-5-5-" "$o/whoami" 2>/dev/null | sed 's/^/# command: /'
[ "$ssh_rc" = 0 ] && [ "$(cat "$o/uid" 2>/dev/null)" = 1001 ]
tap_check $? "pam_sshd.command_runs_as_alice" "$tmp/ssh.log" "$o/uid" "$tmp/sshd.log"

# The user SID and the primary group's from the map file, not the
# derived ones.
grep -q "$dom-1001 " "$o/whoami" && grep -q "$dom-513 " "$o/whoami" &&
	! grep -q "S-1-22-1-1001" "$o/whoami"
tap_check $? "pam_sshd.token_has_the_mapped_sids" "$o/whoami"

# A network logon: NETWORK, no INTERACTIVE and no LOCAL, a logon SID.
grep -q "S-1-5-2 " "$o/whoami" && ! grep -q "S-1-5-4 " "$o/whoami" &&
	! grep -q "S-1-2-0 " "$o/whoami" && grep -q "S-1-5-5-[0-9]*-[0-9]* " "$o/whoami"
tap_check $? "pam_sshd.network_logon_not_interactive" "$o/whoami"

# The logon SID's session: a network logon of alice's mapped SID.
logon_sid=$(grep -o "S-1-5-5-[0-9]*-[0-9]*" "$o/whoami" | head -n 1)
[ -n "$logon_sid" ] && grep "\"logon_sid\": \"$logon_sid\"" "$tmp/sessions" |
	grep "\"user_sid\": \"$dom-1001\"" | grep -q "\"type\": \"Network\""
tap_check $? "pam_sshd.session_is_a_network_logon" "$tmp/sessions"

# The listener keeps root's derived token ...
grep -q "S-1-22-1-0" "$tmp/listener_token" && ! grep -q "$dom-1001" "$tmp/listener_token"
tap_check $? "pam_sshd.listener_keeps_its_token" "$tmp/listener_token"

# ... and so does the monitor, the listener's child, which opened the
# session and holds it pending for the exec as alice: nobody's token.
[ "$(cat "$tmp/monitor_ppid" 2>/dev/null)" = "$sshd_pid" ] &&
	grep -q "S-1-22-1-0" "$tmp/monitor_token" && ! grep -q "$dom-1001" "$tmp/monitor_token"
tap_check $? "pam_sshd.monitor_keeps_its_token" "$tmp/monitor_token" "$tmp/monitor_ppid"

# The directory cannot be reached (source=sss, SSSD not running) and the
# option fails closed: pam_open_session() fails, sshd runs no command for
# bob (its child exits 254 before the exec, ssh passes that on) and no
# network logon session is started (alice's has ended by then; sessions
# of derived tokens, sshd's own users', may come and go meanwhile).
pam_sshd "source=sss on_error=deny"
network() { wtsessions --json 2>/dev/null | grep '"type": "Network"'; }
no_network() { ! network >/dev/null; }
wt_wait no_network
network | sed 's/^/# still there: /'
ssh_as bob "touch $o/bob_ran; wtwhoami >$o/bob_whoami 2>&1" >"$tmp/ssh_bob.log" 2>&1
bob_rc=$?
wtsessions --json >"$tmp/sessions_after" 2>&1
echo "# ssh as bob: exit $bob_rc"
grep "pam_open_session" "$tmp/sshd.log" | tail -n 1 | sed 's/^/# sshd: /'
[ "$bob_rc" != 0 ] && [ ! -e "$o/bob_ran" ] && ! [ -s "$o/bob_whoami" ]
tap_check $? "pam_sshd.lookup_failure_runs_nothing" "$tmp/ssh_bob.log" "$tmp/sshd.log"
grep -q "pam_open_session" "$tmp/sshd.log" && grep -q '"luid"' "$tmp/sessions_after" &&
	! grep -q '"type": "Network"' "$tmp/sessions_after"
tap_check $? "pam_sshd.lookup_failure_starts_no_session" "$tmp/sessions_after" "$tmp/sshd.log"

kill "$sshd_pid" 2>/dev/null
wtpolicy load "$tmp/policy" 2>&1 | sed 's/^/# /'
wait "$sshd_pid" 2>/dev/null
if [ -f "$tmp/pam.save" ]; then
	cp "$tmp/pam.save" /etc/pam.d/sshd
else
	rm -f /etc/pam.d/sshd
fi
rm -rf /home/alice/.ssh /home/bob/.ssh "$tmp"
echo "# pam_sshd: $(($(date +%s) - started)) s"
exit "$tap_failed"
