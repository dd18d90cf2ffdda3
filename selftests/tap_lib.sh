# SPDX-License-Identifier: GPL-2.0
# TAP helpers for the shell selftests (sourced, not run).
tap_n=0
tap_failed=0

# tap_plan COUNT
tap_plan() {
	echo "TAP version 13"
	echo "1..$1"
}

# tap_ok STATUS DESCRIPTION: one result line from a command's exit status.
tap_ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n $2"
	else
		echo "not ok $tap_n $2"
		tap_failed=1
	fi
}

# wt_wait COMMAND [ARG...]: run COMMAND until it succeeds, every half
# second for 5 s at the most (a record or an event written a moment
# after the act). Returns COMMAND's last status.
wt_wait() {
	for _ in 1 2 3 4 5 6 7 8 9; do
		"$@" && return 0
		sleep 0.5
	done
	"$@"
}

# wt_trace_churn TRACEFS KPROBE STOP COUNT: toggle the function tracer
# (filtered to security_file_open) and a kprobe event named KPROBE on it,
# in turn, until the file STOP exists; then put tracing back as it was and
# write the number of toggles to the file COUNT. The hooked open moves
# between its direct call and ftrace's list function while it runs, which
# is what the fail-open checks (failopen.sh, hooktest/run.sh) race with.
wt_trace_churn() {
	_t=$1 _k=$2 _i=0
	while [ ! -e "$3" ]; do
		case $((_i % 3)) in
		0)
			echo security_file_open >"$_t/set_ftrace_filter"
			echo function >"$_t/current_tracer" ;;
		1)
			echo "p:$_k security_file_open" >>"$_t/kprobe_events"
			echo 1 >"$_t/events/kprobes/$_k/enable" ;;
		2)
			echo nop >"$_t/current_tracer"
			echo 0 >"$_t/events/kprobes/$_k/enable"
			echo "-:$_k" >>"$_t/kprobe_events" ;;
		esac
		_i=$((_i + 1))
	done 2>/dev/null
	echo nop >"$_t/current_tracer"
	echo >"$_t/set_ftrace_filter"
	[ -e "$_t/events/kprobes/$_k" ] &&
		echo 0 >"$_t/events/kprobes/$_k/enable"
	echo >"$_t/kprobe_events"
	echo "$_i" >"$4"
}

# wt_pam_setup: the PAM service wtrun (pam_unix for auth, account and
# session, then pam_wintok from /selftests with an empty map file, so the
# token holds S-1-22 SIDs) and a shadow file in which alice's password is
# "alicepw" (SHA-512 crypt). Returns non-zero when wtrun, pam_unix or
# pam_wintok is missing. wt_pam_teardown removes them.
wt_pam_setup() {
	wt_pam=""
	for d in /lib/x86_64-linux-gnu/security /usr/lib/x86_64-linux-gnu/security; do
		[ -f "$d/pam_unix.so" ] && wt_pam=$d/pam_unix.so
	done
	wt_pam_wintok=$(cd "$(dirname "$0")" && pwd)/pam_wintok.so
	command -v wtrun >/dev/null && [ -n "$wt_pam" ] && [ -f "$wt_pam_wintok" ] ||
		return 1
	mkdir -p /etc/pam.d
	: >/etc/wtrun-test.map
	chmod 644 /etc/wtrun-test.map
	wt_pam_service wtrun "source=file map=/etc/wtrun-test.map logon=interactive"
	cat >/etc/shadow <<'SHADOW'
root:*:19000:0:99999:7:::
alice:$6$wintoksalt$P9CspjevpZ/dZ5./TiWCl6n0c6KdUtWl3Q0K6d2iP.Lo8.s1GJwXAxU2oTtFDqp3gA4M0Av08d2zWAL/8Nzcy1:19000:0:99999:7:::
SHADOW
	chmod 600 /etc/shadow
}

# wt_pam_service NAME [PAM_WINTOK_OPTIONS]: /etc/pam.d/NAME with pam_unix
# for auth, account and session, then pam_wintok with the options (none:
# no pam_wintok line).
wt_pam_service() {
	{
		printf 'auth required pam_unix.so\naccount required pam_unix.so\n'
		printf 'session required pam_unix.so\n'
		[ -n "${2:-}" ] && printf 'session required %s %s\n' "$wt_pam_wintok" "$2"
	} >"/etc/pam.d/$1"
}

wt_pam_teardown() {
	rm -f /etc/pam.d/wtrun /etc/shadow /etc/wtrun-test.map
}

# wt_module_holders: TAP comments saying what keeps wintok loaded (its
# reference count and the processes with /dev/wintok or a token open),
# for a failed rmmod.
wt_module_holders() {
	echo "# wintok refcnt=$(cat /sys/module/wintok/refcnt 2>/dev/null)"
	for fd in /proc/[0-9]*/fd/*; do
		case "$(readlink "$fd" 2>/dev/null)" in
		*wintok*)
			p=${fd#/proc/}
			p=${p%%/*}
			echo "# held by pid $p ($(cat /proc/$p/comm 2>/dev/null)): $(readlink "$fd")" ;;
		esac
	done | sort -u | head -n 10
}

# wt_ipc_objects: how many SysV IPC objects the kernel has.
wt_ipc_objects() {
	cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm | grep -vc key
}

# wt_object_sds_gone: wait up to 10 s (frees come from RCU callbacks) for
# the module's IPC and abstract-socket SD counts to reach 0, print them
# as a TAP comment; 0 when both did.
wt_object_sds_gone() {
	wt_p=/sys/module/wintok/parameters
	wt_i=0
	while [ "$wt_i" -lt 100 ]; do
		[ "$(cat $wt_p/ipc_sd_objects)" = 0 ] &&
			[ "$(cat $wt_p/unix_abstract_sds)" = 0 ] && break
		sleep 0.1
		wt_i=$((wt_i + 1))
	done
	echo "# ipc_sd_objects=$(cat $wt_p/ipc_sd_objects)" \
		"unix_abstract_sds=$(cat $wt_p/unix_abstract_sds)" \
		"ipc objects=$(wt_ipc_objects)"
	[ "$(cat $wt_p/ipc_sd_objects)" = 0 ] && [ "$(cat $wt_p/unix_abstract_sds)" = 0 ]
}

# tap_check STATUS NAME FILE...: tap_ok, and on failure the first lines of
# each FILE as TAP comments: what the failed check saw.
tap_check() {
	tap_st=$1 tap_name=$2
	shift 2
	tap_ok "$tap_st" "$tap_name"
	[ "$tap_st" = 0 ] || for tap_f in "$@"; do
		sed 's/^/# /' "$tap_f" | head -n 20
	done
}

# tap_fses: where the file tests run: tmpfs, and the ext4 disk when it is
# mounted (tools/vm/init.sh).
tap_fses() {
	echo /tmp
	grep -q " /mnt/disk " /proc/mounts && echo /mnt/disk
	return 0
}

# tap_plan_fses N: the plan of a test that checks N things on each of
# tap_fses.
tap_plan_fses() {
	tap_total=0
	for tap_fs in $(tap_fses); do
		tap_total=$((tap_total + $1))
	done
	tap_plan "$tap_total"
}
