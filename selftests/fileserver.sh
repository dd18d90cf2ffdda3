#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): the demo's file server. wtfsd
# runs as wtsvc and reads files as each client who asks (impersonation);
# alice, bob, mallory, root and wtsvc itself ask at the various levels,
# with and without SeImpersonatePrivilege in the service's token. TAP
# output; each check looks at the client's exit status and output and at
# the server's transcript line for the request.
. "$(dirname "$0")/tap_lib.sh"
params=/sys/module/wintok/parameters
dir=$(mktemp -d /tmp/wt_fileserver.XXXXXX)
sock=$dir/wtfs.sock
log=$dir/wtfsd.log
out=$dir/client.out
server=""

tap_plan 32

cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	echo '' >"$params/privileges"
	rm -rf "$dir"
}
trap cleanup EXIT

start_server() {
	: >"$log"
	wtfsd --socket "$sock" --user wtsvc >>"$log" 2>&1 &
	server=$!
	for _ in $(seq 1 100); do
		grep -q '^wtfsd: serving' "$log" && return 0
		kill -0 "$server" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

stop_server() {
	kill "$server" && wait "$server" 2>/dev/null
	server=""
}

# ask USER WTFS-ARGS...: run wtfs as USER (root: as is); $rc, $out, $last.
ask() {
	who=$1
	shift
	if [ "$who" = root ]; then
		wtfs --socket "$sock" "$@" >"$out" 2>&1
	else
		su "$who" -s /bin/sh -c "wtfs --socket $sock $*" >"$out" 2>&1
	fi
	rc=$?
	last=$(tail -n 1 "$log")
	sed 's/^/# client: /' "$out"
	echo "# server: $last"
}

# last_is TEXT: the server's last transcript line contains TEXT.
last_is() {
	case "$last" in
	*"$1"*) return 0 ;;
	esac
	return 1
}

param() {
	cat "$params/$1" 2>/dev/null || echo -1
}

# Files: each user's own, mode 0600 and an SD for the owner only; a
# world-readable one without an SD; one of the service account's.
mkdir -p "$dir/alice" "$dir/bob" "$dir/wtsvc"
chmod 0755 "$dir"
echo "alice secret" >"$dir/alice/f"
echo "bob secret" >"$dir/bob/f"
echo "service data" >"$dir/wtsvc/f"
echo "public text" >"$dir/public"
for u in alice bob wtsvc; do
	chown -R "$u:$u" "$dir/$u"
	chmod 0600 "$dir/$u/f"
done
chmod 0644 "$dir/public"
su alice -s /bin/sh -c "wtacl set $dir/alice/f 'D:(A;;FA;;;S-1-22-1-1001)'" &&
	su bob -s /bin/sh -c "wtacl set $dir/bob/f 'D:(A;;FA;;;S-1-22-1-1002)'"
tap_ok $? "fileserver.setup_files_with_sds"

! su wtsvc -s /bin/sh -c "cat $dir/alice/f $dir/bob/f" >/dev/null 2>&1
tap_ok $? "fileserver.service_account_has_no_access_of_its_own"

echo 'uid:1100:SeImpersonatePrivilege' >"$params/privileges" && start_server
tap_ok $? "fileserver.server_starts"
grep -q 'as wtsvc (uid 1100), SeImpersonatePrivilege enabled' "$log"
tap_ok $? "fileserver.server_runs_as_wtsvc_with_privilege_enabled"

peer0=$(param peer_impersonations)
revert0=$(param reverts)

ask alice --level impersonate get "$dir/alice/f"
[ "$rc" = 0 ] && [ "$(cat "$out")" = "alice secret" ] &&
	last_is "request from alice: get $dir/alice/f | thread: euid 1001 (alice), level Impersonation | OK, 13 bytes"
tap_ok $? "fileserver.alice_reads_her_file_as_alice"

ask bob get "$dir/alice/f"
[ "$rc" = 1 ] && grep -q 'refused: EACCES' "$out" &&
	last_is "request from bob: get $dir/alice/f | thread: euid 1002 (bob), level Impersonation | refused: EACCES"
tap_ok $? "fileserver.bob_is_refused_alices_file"

ask bob get "$dir/bob/f"
[ "$rc" = 0 ] && [ "$(cat "$out")" = "bob secret" ] &&
	last_is "request from bob: get $dir/bob/f | thread: euid 1002 (bob), level Impersonation | OK"
tap_ok $? "fileserver.bob_reads_his_file"

ask mallory get "$dir/alice/f"
[ "$rc" = 1 ] && last_is "request from mallory: get $dir/alice/f | thread: euid 1003 (mallory), level Impersonation | refused: EACCES"
tap_ok $? "fileserver.mallory_is_refused"

ask mallory get "$dir/public"
[ "$rc" = 0 ] && [ "$(cat "$out")" = "public text" ] && last_is "euid 1003 (mallory)"
tap_ok $? "fileserver.mallory_reads_the_public_file"

ask alice --level identify get "$dir/public"
[ "$rc" = 1 ] && grep -q 'refused: ENOKEY' "$out" &&
	grep -q 'the server saw alice at level Identification' "$out" &&
	last_is "request from alice: get $dir/public | thread: euid 65534 (nobody), level Identification | refused: ENOKEY"
tap_ok $? "fileserver.identify_knows_alice_but_opens_fail_enokey"

ask alice --level identify get "$dir/alice/f"
[ "$rc" = 1 ] && last_is "request from alice: get $dir/alice/f | thread: euid 65534 (nobody), level Identification | refused:"
tap_ok $? "fileserver.identify_cannot_read_her_own_file"

ask alice --level anonymous get "$dir/public"
[ "$rc" = 1 ] && grep -q 'refused: ENOKEY' "$out" &&
	last_is "request from NT AUTHORITY\\ANONYMOUS LOGON: get $dir/public | thread: euid 65534 (nobody), level Anonymous | refused: ENOKEY"
tap_ok $? "fileserver.anonymous_hides_alice_and_opens_fail_enokey"

[ "$(param default_connect_level)" = 1 ]
tap_ok $? "fileserver.default_connect_level_is_identification"

ask alice --no-qos get "$dir/public"
[ "$rc" = 1 ] && last_is "request from alice: get $dir/public | thread: euid 65534 (nobody), level Identification | refused: ENOKEY"
tap_ok $? "fileserver.client_without_qos_gets_identification"

ask alice --level delegate get "$dir/alice/f"
[ "$rc" = 0 ] && last_is "request from alice: get $dir/alice/f | thread: euid 1001 (alice), level Delegation | OK"
tap_ok $? "fileserver.delegation_reads_like_impersonation"

ask alice --level impersonate --effective-only get "$dir/alice/f"
[ "$rc" = 0 ] && last_is "euid 1001 (alice), level Impersonation | OK"
tap_ok $? "fileserver.effective_only_still_reads"

# root's token has System integrity, above the service's Medium.
ask root get "$dir/public"
[ "$rc" = 1 ] && last_is "request from root: get $dir/public | thread: euid 65534 (nobody), level Identification (capped: client integrity above ours) | refused: ENOKEY"
tap_ok $? "fileserver.root_client_is_capped_by_integrity"

# Clients at once, one server thread each: every one gets its own answer.
# (Wait for them by pid: a bare wait would wait for the server too.)
i=0
pids=""
while [ $i -lt 6 ]; do
	su alice -s /bin/sh -c "wtfs --socket $sock get $dir/alice/f" >"$dir/par.a$i" 2>&1 &
	pids="$pids $!"
	su bob -s /bin/sh -c "wtfs --socket $sock get $dir/bob/f" >"$dir/par.b$i" 2>&1 &
	pids="$pids $!"
	su bob -s /bin/sh -c "wtfs --socket $sock get $dir/alice/f" >"$dir/par.x$i" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do
	wait "$p"
done
ok=0
i=0
while [ $i -lt 6 ]; do
	[ "$(cat "$dir/par.a$i")" = "alice secret" ] &&
		[ "$(cat "$dir/par.b$i")" = "bob secret" ] &&
		grep -q 'refused: EACCES' "$dir/par.x$i" || ok=1
	i=$((i + 1))
done
[ "$ok" = 0 ] && [ "$(grep -c 'request from alice: get .*/alice/f | thread: euid 1001 (alice), level Impersonation | OK' "$log")" -ge 6 ]
tap_ok $? "fileserver.concurrent_clients_each_get_their_own_answer"

# 30 requests so far, each impersonated and reverted.
peer1=$(param peer_impersonations)
revert1=$(param reverts)
echo "# peer_impersonations $peer0 -> $peer1, reverts $revert0 -> $revert1"
[ "$peer0" -ge 0 ] && [ $((peer1 - peer0)) -ge 30 ] && [ $((revert1 - revert0)) -ge 30 ]
tap_ok $? "fileserver.counters_count_every_request"

kill -0 "$server"
tap_ok $? "fileserver.server_still_running"

# Without the privilege: capped at Identification for everyone else.
capped0=$(param impersonation_capped)
stop_server
echo '' >"$params/privileges" && start_server
tap_ok $? "fileserver.server_restarts_without_privilege"
grep -q 'as wtsvc (uid 1100), SeImpersonatePrivilege not held' "$log"
tap_ok $? "fileserver.server_token_lacks_the_privilege"

ask alice get "$dir/alice/f"
[ "$rc" = 1 ] && last_is "request from alice: get $dir/alice/f | thread: euid 65534 (nobody), level Identification (capped: no SeImpersonatePrivilege) | refused:"
tap_ok $? "fileserver.no_privilege_alice_refused_her_file"

ask alice get "$dir/public"
[ "$rc" = 1 ] && grep -q 'refused: ENOKEY' "$out" &&
	last_is "level Identification (capped: no SeImpersonatePrivilege) | refused: ENOKEY"
tap_ok $? "fileserver.no_privilege_public_file_enokey"

ask bob get "$dir/bob/f"
[ "$rc" = 1 ] && last_is "request from bob: get $dir/bob/f | thread: euid 65534 (nobody), level Identification (capped: no SeImpersonatePrivilege)"
tap_ok $? "fileserver.no_privilege_bob_refused_his_file"

ask mallory get "$dir/public"
[ "$rc" = 1 ] && last_is "request from mallory: get $dir/public | thread: euid 65534 (nobody), level Identification (capped: no SeImpersonatePrivilege) | refused: ENOKEY"
tap_ok $? "fileserver.no_privilege_serves_nobody"

capped1=$(param impersonation_capped)
echo "# impersonation_capped $capped0 -> $capped1"
[ "$capped0" -ge 0 ] && [ $((capped1 - capped0)) -ge 4 ]
tap_ok $? "fileserver.capped_counter_counts_refusals"

# The same user needs no privilege: wtsvc asking its own server.
ask wtsvc get "$dir/wtsvc/f"
[ "$rc" = 0 ] && [ "$(cat "$out")" = "service data" ] &&
	last_is "request from wtsvc: get $dir/wtsvc/f | thread: euid 1100 (wtsvc), level Impersonation | OK"
tap_ok $? "fileserver.same_user_needs_no_privilege"

# The counters are read-only.
[ "$(param impersonations)" -ge 0 ] &&
	! sh -c "echo 0 >$params/impersonations" 2>/dev/null
tap_ok $? "fileserver.counters_are_read_only"

kill -0 "$server"
tap_ok $? "fileserver.server_survives_every_refusal"

[ "$(param file_errors)" = 0 ]
tap_ok $? "fileserver.no_internal_file_errors"

pid=$server
stop_server
! kill -0 "$pid" 2>/dev/null
tap_ok $? "fileserver.server_stopped"
exit $tap_failed
