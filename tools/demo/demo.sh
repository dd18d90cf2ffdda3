#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The wintok demo, run inside the VM as root after the module is loaded:
# the file server of the impersonation story. wtfsd runs as the service
# account wtsvc, which holds SeImpersonatePrivilege through policy and has
# no access of its own to the users' files; alice, bob and mallory ask it
# for files with wtfs. Every outcome is checked; the script exits non-zero
# if any is not as expected.
set -u
sock=/run/wtfs.sock
log=/run/wtfsd.log
policy=/sys/module/wintok/parameters/privileges
alice_file=/srv/home/alice/notes.txt
bob_file=/srv/home/bob/notes.txt
public_file=/srv/public/readme.txt
out=/tmp/wtfs-demo.out
failed=0
server=""

# expect WHAT CONDITION...: print a check line; remember a failure.
expect() {
	what=$1
	shift
	if "$@"; then
		echo "   [ok] $what"
	else
		echo "   [FAILED] $what"
		failed=1
	fi
}

# as USER CMD: show and run CMD as USER, output into $out (shown); sets rc.
as() {
	echo "\$ su $1 -c \"$2\""
	su "$1" -s /bin/sh -c "$2" >"$out" 2>&1
	rc=$?
	sed 's/^/    /' "$out"
}

# Lines wtfsd logged since the last call, shown; the last one in $last.
seen=0
server_says() {
	total=$(wc -l <"$log")
	sed -n "$((seen + 1)),${total}p" "$log" | sed 's/^/    /'
	last=$(sed -n "${total}p" "$log")
	seen=$total
}

last_has() {
	case "$last" in
	*"$1"*) return 0 ;;
	esac
	return 1
}

start_server() {
	: >"$log"
	seen=0
	wtfsd --socket "$sock" --user wtsvc >>"$log" 2>&1 &
	server=$!
	for _ in $(seq 1 50); do
		[ -S "$sock" ] && grep -q '^wtfsd: serving' "$log" && break
		sleep 0.2
	done
	echo "\$ wtfsd --socket $sock --user wtsvc &"
	server_says
}

stop_server() {
	[ -n "$server" ] || return 0
	kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	server=""
}

# ask USER LEVEL PATH: wtfs get PATH as USER at LEVEL; shows the server's line.
ask() {
	as "$1" "wtfs --socket $sock --level $2 get $3"
	server_says
}

echo "== wintok demo on $(uname -r)"
echo "\$ wtinfo"
wtinfo || exit 1

echo
echo "-- The users' files: Linux mode 0600 and a wintok SD, each for its owner only"
mkdir -p /srv/home/alice /srv/home/bob /srv/public
chown alice:alice /srv/home/alice
chown bob:bob /srv/home/bob
echo "alice's notes: the launch is on Tuesday" >"$alice_file"
echo "bob's notes: buy milk" >"$bob_file"
echo "Welcome to the wintok file server." >"$public_file"
chown alice:alice "$alice_file"
chown bob:bob "$bob_file"
chmod 0600 "$alice_file" "$bob_file"
chmod 0644 "$public_file"
as alice "wtacl set $alice_file 'D:(A;;FA;;;S-1-22-1-1001)' && wtacl get $alice_file"
expect "alice's file has her SD" test "$rc" = 0
as bob "wtacl set $bob_file 'D:(A;;FA;;;S-1-22-1-1002)' && wtacl get $bob_file"
expect "bob's file has his SD" test "$rc" = 0
echo "\$ ls -l $alice_file $bob_file $public_file"
ls -l "$alice_file" "$bob_file" "$public_file" | sed 's/^/    /'

echo
echo "-- The service account wtsvc has no access to them"
as wtsvc "cat $alice_file"
expect "wtsvc cannot read alice's file" test "$rc" != 0
as wtsvc "cat $bob_file"
expect "wtsvc cannot read bob's file" test "$rc" != 0

echo
echo "-- Policy: wtsvc holds SeImpersonatePrivilege (enabled in its new tokens)"
echo "\$ echo 'uid:1100:SeImpersonatePrivilege' > $policy"
echo 'uid:1100:SeImpersonatePrivilege' >"$policy"
as wtsvc "wtwhoami | sed -n '/^Privilege Name/,/^\$/p'"
expect "wtsvc's token has SeImpersonatePrivilege enabled" \
	grep -q '^SeImpersonatePrivilege .* Enabled *$' "$out"

echo
echo "-- wtfsd serves each request as the client who asked"
start_server
expect "wtfsd runs as wtsvc with the privilege enabled" \
	last_has "as wtsvc (uid 1100), SeImpersonatePrivilege enabled"

ask alice impersonate "$alice_file"
expect "alice reads her own file" \
	sh -c "test $rc = 0 && grep -q 'launch is on Tuesday' $out"
expect "the thread ran as alice (euid 1001) at Impersonation" \
	last_has "request from alice: get $alice_file | thread: euid 1001 (alice), level Impersonation | OK"

ask bob impersonate "$alice_file"
expect "bob is refused on alice's file" \
	sh -c "test $rc = 1 && grep -q 'refused: EACCES' $out"
expect "the thread ran as bob (euid 1002) and was refused" \
	last_has "request from bob: get $alice_file | thread: euid 1002 (bob), level Impersonation | refused: EACCES"

ask bob impersonate "$bob_file"
expect "bob reads his own file" \
	sh -c "test $rc = 0 && grep -q 'buy milk' $out"
expect "the thread ran as bob (euid 1002)" \
	last_has "request from bob: get $bob_file | thread: euid 1002 (bob), level Impersonation | OK"

ask mallory impersonate "$alice_file"
expect "mallory is refused" sh -c "test $rc = 1 && grep -q 'refused: EACCES' $out"
expect "the thread ran as mallory (euid 1003) and was refused" \
	last_has "request from mallory: get $alice_file | thread: euid 1003 (mallory), level Impersonation | refused: EACCES"

echo
echo "-- At Identification level the server knows who asks but cannot act as them"
ask alice identify "$public_file"
expect "alice at identify is refused even a world-readable file: ENOKEY" \
	sh -c "test $rc = 1 && grep -q 'refused: ENOKEY' $out"
expect "the server recognised alice by name, at Identification, with no ids of hers" \
	last_has "request from alice: get $public_file | thread: euid 65534 (nobody), level Identification | refused: ENOKEY"
ask alice identify "$alice_file"
expect "alice at identify cannot read her own file either" \
	sh -c "test $rc = 1 && grep -q 'the server saw alice at level Identification' $out"
ask alice impersonate "$public_file"
expect "at Impersonation alice reads the world-readable file" \
	sh -c "test $rc = 0 && grep -q 'Welcome' $out"

echo
echo "-- Without SeImpersonatePrivilege the service serves nobody"
stop_server
echo "\$ echo '' > $policy    # then restart wtfsd"
echo '' >"$policy"
start_server
expect "wtfsd runs as wtsvc without the privilege" \
	last_has "as wtsvc (uid 1100), SeImpersonatePrivilege not held"
ask alice impersonate "$alice_file"
expect "alice is refused her own file" sh -c "test $rc = 1"
expect "the level was capped at Identification for lack of the privilege" \
	last_has "request from alice: get $alice_file | thread: euid 65534 (nobody), level Identification (capped: no SeImpersonatePrivilege) | refused:"
ask alice impersonate "$public_file"
expect "nor does she get the world-readable file: ENOKEY" \
	sh -c "test $rc = 1 && grep -q 'refused: ENOKEY' $out"
ask bob impersonate "$bob_file"
expect "bob is refused his own file" sh -c "test $rc = 1"
expect "capped for bob too" \
	last_has "request from bob: get $bob_file | thread: euid 65534 (nobody), level Identification (capped: no SeImpersonatePrivilege) | refused:"
stop_server

echo
if [ "$failed" = 0 ]; then
	echo "demo: every outcome as expected"
else
	echo "demo: SOME OUTCOMES WERE NOT AS EXPECTED"
fi
exit "$failed"
