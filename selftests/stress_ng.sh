#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (VM, root, near the end of the run: it unloads and
# reloads the module): Debian's stress-ng, a stock workload of file
# system, SysV/POSIX IPC, process and socket stressors, gives the same
# per-stressor results with wintok loaded as without it, with no kernel
# report and no internal error counted by the module.
#
# Four runs of the same stressors (all at once, --verify, WT_STRESSNG_SECS
# seconds, default 6): root and alice without the module, then root (its
# default token) and alice under the token of a wtrun logon with the
# module. A stressor's result is pass, fail or skip (stress-ng skips some
# for root or for a missing kernel feature); it must be the same in the
# paired runs. One that fails without the module too says nothing about
# wintok: its comparison is skipped, with the reason. Timing is not
# compared. TAP output; skipped without stress-ng.
. "$(dirname "$0")/tap_lib.sh"
SECS=${WT_STRESSNG_SECS:-6}
P=/sys/module/wintok/parameters
W=/tmp/wt_sng.$$
# file system, IPC, process and socket classes; names as stress-ng
# prints them in its metrics. Not exec: under TCG it failed a few of its
# execs without the module too (6.1, 2 %), which would make the
# comparison flaky; exec with tokens is stress_test's.
STRESSORS="dir open rename link chmod xattr flock dentry
	msg sem-sysv shm-sysv mq pipe fifo
	fork clone kill
	sock sockpair sockfd udp"
n=0
for s in $STRESSORS; do
	n=$((n + 1))
done
ERRCOUNTERS="file_errors ipc_errors unix_errors traverse_errors cred_alloc_failures"
tap_plan $((2 * n + 7))

if ! command -v stress-ng >/dev/null; then
	i=0
	while [ "$i" -lt $((2 * n + 7)) ]; do
		i=$((i + 1))
		echo "ok $i stress_ng # SKIP stress-ng missing"
	done
	exit 0
fi

oopses() { dmesg | grep -cE 'BUG:|WARNING:|Oops|Call Trace|general protection'; }
errors() {
	for c in $ERRCOUNTERS; do
		printf '%s=%s ' "$c" "$(cat "$P/$c" 2>/dev/null)"
	done
}

# sock and udp use the loopback interface.
ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null
mkdir -p "$W"
chmod 755 "$W"
base_oops=$(oopses)

# run LABEL [COMMAND PREFIX...]: the stressors in $W/LABEL, run as the
# prefix says; each one's result into $W/LABEL.res ("name result" lines).
run() {
	label=$1
	shift
	dir=$W/$label
	mkdir -p "$dir"
	chmod 777 "$dir"
	args=""
	for s in $STRESSORS; do
		args="$args --$s 1"
	done
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$@" stress-ng $args --timeout "${SECS}s" --verify --metrics-brief \
		--temp-path "$dir" >"$dir.log" 2>&1 </dev/null
	echo "# stress-ng $label: rc=$? in $(($(date +%s) - start)) s"
	for s in $STRESSORS; do
		if grep -qE "\\($s\\) terminated|fail: +\\[[0-9]+\\] $s:" "$dir.log"; then
			r=fail
		elif grep -qE "metrc: \\[[0-9]+\\] $s +[0-9]" "$dir.log"; then
			r=pass
		else
			r=skip
		fi
		echo "$s $r"
	done >"$dir.res"
	echo "# $label: $(awk '{ printf "%s=%s ", $1, $2 }' "$dir.res")"
}

# compare WHO BASE WITH: one TAP line per stressor. A stressor that
# failed without the module says nothing about it; one with no result in
# either run (no bogo op before the timeout: the host was busy) is not
# compared either; otherwise failing with the module is what fails.
compare() {
	for s in $STRESSORS; do
		a=$(awk -v s="$s" '$1 == s { print $2 }' "$W/$2.res")
		b=$(awk -v s="$s" '$1 == s { print $2 }' "$W/$3.res")
		name="stress_ng.$1.$s.same_result_with_wintok"
		why=""
		[ "$a" = fail ] && why="fails without the module too"
		[ -z "$why" ] && [ "$b" != fail ] && { [ "$a" = skip ] || [ "$b" = skip ]; } &&
			[ "$a" != "$b" ] && why="no result in one run ($a / $b)"
		if [ -n "$why" ]; then
			tap_n=$((tap_n + 1))
			echo "ok $tap_n $name # SKIP $why"
			grep -E "\\($s\\)|\\] $s:" "$W/$2.log" | head -n 3 | sed 's/^/# /'
			continue
		fi
		[ "$a" = "$b" ]
		tap_ok $? "$name ($a / $b)"
		[ "$a" = "$b" ] ||
			grep -E "\\($s\\)|\\] $s:" "$W/$3.log" | head -n 5 | sed 's/^/# /'
	done
}

# (retried: a process of an earlier suite may still be closing its
# /dev/wintok descriptor, which keeps the module busy)
i=0
while [ -e /sys/module/wintok ] && [ "$i" -lt 50 ]; do
	rmmod wintok 2>/dev/null || sleep 0.1
	i=$((i + 1))
done
[ ! -e /sys/module/wintok ]
tap_ok $? "stress_ng.module_unloaded_for_the_baseline"
[ -e /sys/module/wintok ] && wt_module_holders
# The prefixes: alice with Linux alone, and alice through a wtrun logon
# (her password on descriptor 3, stdin stays free).
su_alice() {
	su -s /bin/sh alice -c "$*"
}
wtrun_alice() {
	wtrun --user alice --password-fd 3 -- "$@" 3<"$W/pw"
}

run root-plain
run alice-plain su_alice
insmod /lib/modules/wintok.ko
tap_ok $? "stress_ng.module_loaded_again"
errs0=$(errors)

run root-wintok
# alice's logon token from wtrun (PAM, as wtrun.sh sets it up).
wt_pam_setup
echo alicepw >"$W/pw"
chmod 600 "$W/pw"
wtrun_alice wtwhoami 2>&1 | grep -q "S-1-22-1-1001"
tap_ok $? "stress_ng.alice_runs_under_her_wtrun_token"
run alice-wintok wtrun_alice
wt_pam_teardown

compare root root-plain root-wintok
compare alice alice-plain alice-wintok

# stress-ng as alice under the module must have worked under her token.
grep -q "metrc:" "$W/alice-wintok.log"
tap_ok $? "stress_ng.alice_run_produced_metrics"

errs1=$(errors)
echo "# module error counters before: $errs0"
echo "# module error counters after:  $errs1"
[ "$errs0" = "$errs1" ]
tap_ok $? "stress_ng.no_internal_error_counted"
[ "$(oopses)" = "$base_oops" ]
tap_ok $? "stress_ng.no_kernel_report"
[ "$(wt_ipc_objects)" = 0 ]
tap_ok $? "stress_ng.no_ipc_object_left"

rm -rf "$W"
exit $tap_failed
