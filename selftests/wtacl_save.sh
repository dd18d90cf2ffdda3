#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): wtacl save and restore (icacls
# /save, /restore) on tmpfs and ext4: a tree whose names hold spaces, a
# newline, a backslash, UTF-8 and bytes that are not UTF-8 round-trips in
# the text format and in JSON, onto the same tree and onto a copy; a
# missing path and a refused SD are named and the rest restored; a bad
# save file changes nothing. The SDs are compared with `wtacl get`.
# TAP output.
. "$(dirname "$0")/tap_lib.sh"

alice=S-1-22-1-1001
bob=S-1-22-1-1002
root=S-1-22-1-0
fses=$(tap_fses)
tap_plan_fses 13

# The odd names, each a file of the tree below TOP ($sub is a directory).
sp="a b"
nl=$(printf 'new\nline')
bs='back\slash'
u8=$(printf 'gr\303\274n')
raw=$(printf 'x\377\376y')
sub="sub dir"

# snap TOP OUT: every file's SD (wtacl get), in a fixed order. An empty
# SACL ("S:" at the end) is no SACL: restore removes a label a file got
# since the save, and the module keeps the file's (empty) audit part.
snap() {
	for p in "$1" "$1/$sp" "$1/$nl" "$1/$bs" "$1/$u8" "$1/$raw" \
		 "$1/$sub" "$1/$sub/$sp"; do
		wtacl get "$p" || echo "no SD: $p"
	done 2>&1 | sed 's/S:$//' >"$2"
}

# setsd TOP: a different SD on each file. Owners other than root through
# `wtacl owner` (which enables root's SeRestorePrivilege), the label
# through `wtacl integrity` (`set` with S: would set the SACL too).
setsd() {
	wtacl set "$1" "O:${root}G:S-1-22-2-0D:(A;OICI;FA;;;$root)(A;OICI;0x1200a9;;;$alice)" &&
		wtacl set "$1/$sp" "G:S-1-22-2-100D:P(A;;FA;;;$alice)(D;;FW;;;$bob)(A;;FA;;;$root)" &&
		wtacl owner "$1/$sp" alice &&
		wtacl set "$1/$nl" "O:${root}G:S-1-22-2-0D:(A;;FR;;;$bob)(A;;FA;;;$root)" &&
		wtacl set "$1/$bs" "O:${root}G:S-1-22-2-0D:(A;;FA;;;$root)" &&
		wtacl integrity "$1/$bs" low && wtacl owner "$1/$bs" bob &&
		wtacl set "$1/$u8" "O:${root}G:S-1-22-2-0D:(A;;0x1301bf;;;$alice)(A;;FA;;;$root)" &&
		wtacl set "$1/$raw" "O:${root}G:S-1-22-2-0D:(A;;FA;;;$root)(A;;FR;;;WD)" &&
		wtacl set "$1/$sub" "O:${root}G:S-1-22-2-0D:P(A;OICI;FA;;;$root)(A;CI;FR;;;$bob)" &&
		wtacl set "$1/$sub/$sp" "O:${root}G:S-1-22-2-0D:(A;;FA;;;$root)(A;ID;FR;;;$bob)"
}

# wipe TOP: the same plain SD everywhere, root's, with a medium label
wipe() {
	for p in "$1" "$1/$sp" "$1/$nl" "$1/$bs" "$1/$u8" "$1/$raw" \
		 "$1/$sub" "$1/$sub/$sp"; do
		wtacl set "$p" "O:${root}G:S-1-22-2-0D:P(A;;FA;;;$root)" &&
			wtacl integrity "$p" medium || return 1
	done
}

# mktree TOP: the files, without SDs of their own choosing
mktree() {
	mkdir -p "$1/$sub" && chmod 755 "$1" "$1/$sub" &&
		for p in "$1/$sp" "$1/$nl" "$1/$bs" "$1/$u8" "$1/$raw" "$1/$sub/$sp"; do
			echo data >"$p" || return 1
			chmod 666 "$p"
		done
}

for fs in $fses; do
	t=${fs#/}
	t=${t##*/}
	d=$(mktemp -d "$fs/wtacl_save.XXXXXX")
	chmod 755 "$d"
	top=$d/top
	mktree "$top" && setsd "$top" && snap "$top" "$d/before" &&
		! grep -q "no SD" "$d/before"
	tap_check $? "wtacl_save.$t.setup" "$d/before"

	# save -R: the header, one line a file, odd bytes escaped, quietly.
	wtacl save -R "$d/acl" "$top" >"$d/out" 2>&1 &&
		[ ! -s "$d/out" ] &&
		[ "$(head -n 1 "$d/acl")" = "# wtacl save 1" ] &&
		[ "$(wc -l <"$d/acl")" = 9 ] &&
		grep -q '^top/a\\x20b O:S-1-22-1-1001G:S-1-22-2-100D:P[A-Z]*(A;;FA;;;S-1-22-1-1001)(D;;FW;;;S-1-22-1-1002)' "$d/acl" &&
		grep -q '^top/new\\x0aline O:' "$d/acl" &&
		grep -q '^top/back\\x5cslash O:.*S:[A-Z]*(ML;;NW;;;LW)$' "$d/acl" &&
		grep -q "^top/gr$(printf '\303\274')n O:" "$d/acl" &&
		grep -q '^top/x\\xff\\xfey O:' "$d/acl" &&
		grep -q '^top/sub\\x20dir/a\\x20b O:' "$d/acl" &&
		grep -q '^top O:' "$d/acl"
	tap_check $? "wtacl_save.$t.save_text_format" "$d/out" "$d/acl"

	# restore puts every SD back, owners of others' included (root's
	# SeRestorePrivilege), and says nothing when not on a terminal.
	wipe "$top" && snap "$top" "$d/wiped" && ! cmp -s "$d/before" "$d/wiped" &&
		wtacl restore "$d/acl" "$d" >"$d/out" 2>&1 &&
		[ ! -s "$d/out" ] && snap "$top" "$d/after" &&
		cmp -s "$d/before" "$d/after"
	tap_check $? "wtacl_save.$t.round_trip" "$d/out" "$d/before" "$d/after"

	# DIR defaults to the current directory.
	wipe "$top" && (cd "$d" && wtacl restore acl) && snap "$top" "$d/after" &&
		cmp -s "$d/before" "$d/after"
	tap_check $? "wtacl_save.$t.restore_into_cwd" "$d/after"

	# The same relative paths below another directory: a copy.
	mkdir "$d/copy" && mktree "$d/copy/top" &&
		wtacl restore "$d/acl" "$d/copy" 2>"$d/out" &&
		snap "$d/copy/top" "$d/copied" && cmp -s "$d/before" "$d/copied"
	tap_check $? "wtacl_save.$t.restore_onto_a_copy" "$d/out" "$d/copied"

	# JSON: one object a line, null for a name that is not UTF-8; and
	# restore reads it back.
	wtacl save --json -R - "$top" >"$d/json" 2>"$d/out" &&
		[ "$(wc -l <"$d/json")" = 8 ] &&
		grep -q '^{"path": "top/a b", "path_escaped": "top/a\\\\x20b", "sddl": "O:S-1-22-1-1001' "$d/json" &&
		grep -q '^{"path": "top/new\\u000aline", "path_escaped": "top/new\\\\x0aline", ' "$d/json" &&
		grep -q '^{"path": null, "path_escaped": "top/x\\\\xff\\\\xfey", ' "$d/json" &&
		wipe "$top" && wtacl restore "$d/json" "$d" 2>>"$d/out" &&
		snap "$top" "$d/after" && cmp -s "$d/before" "$d/after"
	tap_check $? "wtacl_save.$t.json_round_trip" "$d/json" "$d/out"

	# Every JSON output names a file that is not UTF-8 by path_escaped
	# alone (show --json once wrote its bytes raw: not JSON).
	esc="$top"'/x\\\\xff\\\\xfey'	# a regex: two backslashes in JSON
	wtacl show --json "$top/$raw" >"$d/sj" && wtacl get --json "$top/$raw" >"$d/gj" &&
		wtacl find --json "$top" WD >"$d/fj" &&
		grep -q "^{\"path\": null, \"path_escaped\": \"$esc\"," "$d/sj" &&
		grep -q "^{\"path\": null, \"path_escaped\": \"$esc\", \"sddl\": " "$d/gj" &&
		grep -qx "{\"path\": null, \"path_escaped\": \"$esc\"}" "$d/fj" &&
		! grep -q "$(printf '\377')" "$d/sj" "$d/gj" "$d/fj"
	tap_check $? "wtacl_save.$t.json_names_not_utf8" "$d/sj" "$d/gj" "$d/fj"

	# Without -R only the paths given; several paths in one file.
	wtacl save "$d/two" "$top/$sp" "$top/$sub" &&
		[ "$(wc -l <"$d/two")" = 3 ] && grep -q '^a\\x20b O:' "$d/two" &&
		grep -q '^sub\\x20dir O:' "$d/two" &&
		wtacl save "$d/dot" "$top/." && grep -q '^top O:' "$d/dot"
	tap_check $? "wtacl_save.$t.save_paths_given" "$d/two" "$d/dot"

	# As alice: a missing path and an SD she may not set are named with
	# the reason, the rest is restored, exit 3.
	wtacl owner "$top/$u8" alice && wtacl set "$top/$u8" "D:(A;;FA;;;$alice)" &&
		wtacl set "$top/$raw" "O:${root}G:S-1-22-2-0D:(A;;FA;;;$root)"
	{
		echo "# wtacl save 1"
		echo "top/gone O:${alice}G:S-1-22-2-0D:(A;;FA;;;$alice)"
		echo "top/x\\xff\\xfey O:${alice}G:S-1-22-2-0D:(A;;FA;;;$alice)"
		echo "top/gr$(printf '\303\274')n D:(A;;FR;;;$alice)(A;;FA;;;$root)"
	} >"$d/partial"
	chmod 644 "$d/partial"
	wtacl get "$top/$raw" >"$d/raw.before"
	su -s /bin/sh alice -c "wtacl restore '$d/partial' '$d'" >"$d/out" 2>&1
	r=$?
	[ $r = 3 ] && grep -q "wtacl restore: top/gone: No such file or directory" "$d/out" &&
		grep -q 'wtacl restore: top/x\\xff\\xfey: Permission denied' "$d/out" &&
		grep -q "1 restored; 2 failed (listed above) and not restored" "$d/out" &&
		wtacl get "$top/$raw" | cmp -s - "$d/raw.before" &&
		wtacl get "$top/$u8" | grep -q "D:(A;;FR;;;$alice)(A;;FA;;;$root)"
	tap_check $? "wtacl_save.$t.restore_failures_named" "$d/out"

	# A bad line anywhere: every bad line named, exit 2, nothing changed.
	snap "$top" "$d/now"
	{
		echo "# wtacl save 1"
		echo "top O:${alice}G:S-1-22-2-0D:(A;;FA;;;WD)"
		echo "top/a\\x20b D:(A;;QQ;;;WD)"
		echo "../top D:(A;;FA;;;WD)"
		echo "top/bad\\q D:(A;;FA;;;WD)"
		echo "nospace"
	} >"$d/bad"
	wtacl restore "$d/bad" "$d" >"$d/out" 2>&1
	r=$?
	snap "$top" "$d/after"
	[ $r = 2 ] && grep -q "wtacl restore: $d/bad:3: " "$d/out" &&
		grep -q "wtacl restore: $d/bad:4: the path is not a relative path" "$d/out" &&
		grep -q "wtacl restore: $d/bad:5: the path is not a relative path" "$d/out" &&
		grep -q "wtacl restore: $d/bad:6: expected a path, a space and SDDL" "$d/out" &&
		grep -q "nothing was changed" "$d/out" && cmp -s "$d/now" "$d/after"
	tap_check $? "wtacl_save.$t.bad_file_changes_nothing" "$d/out"

	echo "top D:(A;;FA;;;WD)" >"$d/nohdr"
	wtacl restore "$d/nohdr" "$d" 2>"$d/out"; r=$?
	[ $r = 2 ] && grep -q "$d/nohdr: not a save file" "$d/out" &&
		wtacl restore "$d/nonexistent" 2>"$d/out2"; r=$?
	[ $r = 2 ] && grep -q "wtacl restore: $d/nonexistent: No such file or directory" "$d/out2" &&
		wtacl save "$d/x" 2>/dev/null; r=$?
	[ $r = 2 ] && wtacl save "$d/x" / 2>"$d/out3"; r=$?
	[ $r = 2 ] && grep -q "wtacl save: /: has no name" "$d/out3"
	tap_check $? "wtacl_save.$t.bad_usage" "$d/out" "$d/out2" "$d/out3"

	# save as alice: the SD she may not read is named, the rest saved.
	for p in "$top" "$top/$sp" "$top/$nl" "$top/$bs" "$top/$u8" "$top/$raw" \
		 "$top/$sub" "$top/$sub/$sp"; do
		wtacl grant "$p" alice:RX
	done
	wtacl owner "$top/$sp" bob && wtacl set "$top/$sp" "D:P(A;;FA;;;$bob)"
	chmod 777 "$d"
	su -s /bin/sh alice -c "wtacl save -R '$d/alice.acl' '$top'" >"$d/out" 2>&1
	r=$?
	[ $r = 3 ] && grep -q "wtacl save: $top/a b: Permission denied" "$d/out" &&
		grep -q "1 failed (listed above) and not saved" "$d/out" &&
		[ "$(wc -l <"$d/alice.acl")" = 8 ] && ! grep -q '^top/a\\x20b ' "$d/alice.acl"
	tap_check $? "wtacl_save.$t.save_unreadable_named" "$d/out" "$d/alice.acl"

	wtacl --help | grep -q "wtacl save" && wtacl --help | grep -q "wtacl restore"
	tap_check $? "wtacl_save.$t.help" /dev/null
	rm -rf "$d"
done
exit $tap_failed
