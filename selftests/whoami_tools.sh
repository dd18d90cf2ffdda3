#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): wtwhoami's section selectors
# and output formats (whoami /user /groups /priv /logonid /claims /fo),
# and its errors. TAP output.
. "$(dirname "$0")/tap_lib.sh"
tap_plan 22

tmp=$(mktemp -d)

# check STATUS NAME FILE: a TAP line; on failure FILE as TAP comments
check() {
	tap_ok "$1" "$2"
	[ "$1" = 0 ] || sed 's/^/# /' "$3" | head -n 30
}

wtwhoami >"$tmp/all" 2>&1
rc=$?
[ $rc = 0 ] && for s in "USER INFORMATION" "GROUP INFORMATION" \
	"PRIVILEGES INFORMATION" "LOGON INFORMATION" "TOKEN INFORMATION"; do
	grep -qx "$s" "$tmp/all" || exit 1
done
check $? "whoami.default_prints_every_section" "$tmp/all"

# The groups table has whoami's columns; root is in BUILTIN\Administrators,
# an alias; the mandatory label is a row of type Label.
wtwhoami --groups >"$tmp/groups" 2>&1 &&
	grep -q "^Group Name  *Type  *SID  *Attributes$" "$tmp/groups" &&
	grep -q "^==* ==* ==* ==*$" "$tmp/groups" &&
	grep -q "^BUILTIN\\\\Administrators  *Alias  *S-1-5-32-544  *Mandatory group" "$tmp/groups" &&
	grep -q "  *Label  *S-1-16-[0-9]* " "$tmp/groups" &&
	! grep -q "USER INFORMATION" "$tmp/groups"
check $? "whoami.groups_only_with_type_and_label" "$tmp/groups"

wtwhoami --user >"$tmp/user" 2>&1 &&
	grep -q "^Unix User\\\\root  *S-1-22-1-0$" "$tmp/user" &&
	[ "$(grep -c INFORMATION "$tmp/user")" = 1 ]
check $? "whoami.user_only" "$tmp/user"

wtwhoami --priv >"$tmp/priv" 2>&1 &&
	grep -q "^Privilege Name  *Description  *State$" "$tmp/priv" &&
	grep -q "^SeChangeNotifyPrivilege  *Bypass traverse checking  *Enabled$" "$tmp/priv" &&
	[ "$(grep -c INFORMATION "$tmp/priv")" = 1 ]
check $? "whoami.priv_with_description_and_state" "$tmp/priv"

# Selectors combine, in whoami's order whatever the order given.
wtwhoami --priv --user >"$tmp/two" 2>&1 &&
	[ "$(grep INFORMATION "$tmp/two" | tr '\n' ,)" = "USER INFORMATION,PRIVILEGES INFORMATION," ]
check $? "whoami.selectors_combine" "$tmp/two"

# alice's token, made at her login, carries a logon SID.
su -s /bin/sh alice -c 'wtwhoami --logonid' >"$tmp/logon" 2>&1 &&
	grep -q "^0x[0-9a-f]*:0x[0-9a-f]*  *NT AUTHORITY\\\\LogonSessionId_[0-9]*_[0-9]*  *S-1-5-5-[0-9]*-[0-9]*$" "$tmp/logon"
check $? "whoami.logonid_shows_the_logon_sid" "$tmp/logon"

# Each process has a token of its own: its id differs from run to run.
same_but_ids() {
	sed -E 's/^Token id: .*//; s/"(token_id|modified_id|origin)": [0-9]+//g' "$1" >"$1.n"
	sed -E 's/^Token id: .*//; s/"(token_id|modified_id|origin)": [0-9]+//g' "$2" >"$2.n"
	cmp -s "$1.n" "$2.n" || diff "$1.n" "$2.n" | sed 's/^/# /' | head -n 10
	cmp -s "$1.n" "$2.n"
}

wtwhoami --all >"$tmp/all2" 2>&1 && same_but_ids "$tmp/all" "$tmp/all2"
tap_ok $? "whoami.all_is_the_default"

# csv: every field quoted, a header row, as whoami /fo csv.
wtwhoami --user -f csv >"$tmp/csv" 2>&1 &&
	[ "$(sed -n 1p "$tmp/csv")" = '"User Name","SID"' ] &&
	[ "$(sed -n 2p "$tmp/csv")" = '"Unix User\root","S-1-22-1-0"' ] &&
	[ "$(wc -l <"$tmp/csv")" = 2 ]
check $? "whoami.csv" "$tmp/csv"

wtwhoami --user --format=CSV --no-header >"$tmp/csvnh" 2>&1 &&
	[ "$(cat "$tmp/csvnh")" = '"Unix User\root","S-1-22-1-0"' ]
check $? "whoami.csv_no_header" "$tmp/csvnh"

# csv of several sections: one blank line between them, no headings.
wtwhoami --user --priv -f csv >"$tmp/csv2" 2>&1 &&
	[ "$(grep -c '^$' "$tmp/csv2")" = 1 ] &&
	grep -qx '"Privilege Name","Description","State"' "$tmp/csv2" &&
	! grep -q INFORMATION "$tmp/csv2"
check $? "whoami.csv_sections" "$tmp/csv2"

wtwhoami --user -f list >"$tmp/list" 2>&1 &&
	grep -qx "User Name: Unix User\\\\root" "$tmp/list" &&
	grep -qx "SID:       S-1-22-1-0" "$tmp/list"
check $? "whoami.list" "$tmp/list"

wtwhoami --user --no-header >"$tmp/nh" 2>&1 &&
	[ "$(cat "$tmp/nh")" = 'Unix User\root S-1-22-1-0' ]
check $? "whoami.table_no_header" "$tmp/nh"

# json: only the members of the sections asked for.
wtwhoami --priv -f json >"$tmp/json" 2>&1 &&
	grep -q '^{"privileges": \[$' "$tmp/json" &&
	grep -q '"description": "Bypass traverse checking"' "$tmp/json" &&
	! grep -q '"user"' "$tmp/json" && ! grep -q '"groups"' "$tmp/json" &&
	tail -n 1 "$tmp/json" | grep -q '}]}$'
check $? "whoami.json_selected_members" "$tmp/json"

wtwhoami --json >"$tmp/j1" 2>&1 && wtwhoami -f json --all >"$tmp/j2" 2>&1 &&
	same_but_ids "$tmp/j1" "$tmp/j2" &&
	grep -q '"type": "Alias"' "$tmp/j1" && grep -q '^ "logon": {"logon_id": ' "$tmp/j1"
check $? "whoami.json_all" "$tmp/j1"

# --claims says so when the token has none; csv is the header only.
wtwhoami --claims >"$tmp/claims" 2>&1 &&
	grep -qx "No user claims." "$tmp/claims" &&
	grep -qx "No device claims." "$tmp/claims" &&
	wtwhoami --claims -f csv >"$tmp/claimscsv" 2>&1 &&
	[ "$(grep -c '"Claim Name","Type","Values"' "$tmp/claimscsv")" = 2 ]
check $? "whoami.claims_none" "$tmp/claims"

wtwhoami --token -f list >"$tmp/token" 2>&1 &&
	grep -qx "Token type:          Primary" "$tmp/token" &&
	grep -q "^Integrity level:     .*(S-1-16-[0-9]*)$" "$tmp/token"
check $? "whoami.token_record" "$tmp/token"

wtwhoami --help >"$tmp/help" 2>&1 && grep -q -- "--format" "$tmp/help" &&
	grep -q "Exit status" "$tmp/help"
tap_ok $? "whoami.help"

# Errors: usage errors exit 2 and say what was wrong; failures exit 1.
wtwhoami -f xml >"$tmp/err" 2>&1
[ $? = 2 ] && grep -q 'unknown format (table, list, csv or json): "xml"' "$tmp/err" && ! grep -q INFORMATION "$tmp/err"
check $? "whoami.bad_format_is_usage_error" "$tmp/err"

wtwhoami -f list --no-header >"$tmp/err" 2>&1
[ $? = 2 ] && grep -q "no-header" "$tmp/err"
check $? "whoami.no_header_with_list_is_usage_error" "$tmp/err"

wtwhoami --pid 12abc >"$tmp/err" 2>&1
[ $? = 2 ] && grep -q 'process id: "12abc"' "$tmp/err"
check $? "whoami.bad_pid_is_usage_error" "$tmp/err"

wtwhoami --fd 0 </dev/null >"$tmp/err" 2>&1
[ $? = 1 ] && grep -q "not a token handle" "$tmp/err"
check $? "whoami.not_a_token_handle" "$tmp/err"

wtwhoami >/dev/full 2>"$tmp/err"
[ $? = 1 ] && grep -q "cannot write the output" "$tmp/err"
check $? "whoami.write_error_fails" "$tmp/err"

rm -rf "$tmp"
exit $tap_failed
