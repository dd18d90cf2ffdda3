#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest (runs in the VM as root): wtacl deny, remove, owner,
# integrity and -R's report of a failure midway, on tmpfs and on ext4;
# bad input changes nothing. The stored SD is read back with `wtacl get`
# (whose SDDL the sddl suites check) and, for deny, by opens as alice.
# TAP output.
. "$(dirname "$0")/tap_lib.sh"

alice=S-1-22-1-1001
bob=S-1-22-1-1002
fses=$(tap_fses)
tap_plan_fses 21

for fs in $fses; do
	t=${fs#/}
	t=${t##*/}
	d=$(mktemp -d "$fs/wtacl_ops.XXXXXX")
	chmod 755 "$d"
	f=$d/file
	echo data >"$f"
	chmod 666 "$f"
	wtacl set "$f" "O:S-1-22-1-0G:S-1-22-2-0D:(A;;FA;;;SY)(A;;FA;;;S-1-22-1-0)(A;;FR;;;$alice)" &&
		wtacl set "$d" "O:S-1-22-1-0G:S-1-22-2-0D:(A;OICI;FA;;;S-1-22-1-0)(A;;0x1200a9;;;WD)"
	tap_check $? "wtacl_ops.$t.setup" /dev/null

	# deny goes before the allow ACEs; alice may read but not write.
	wtacl grant "$f" alice:W && wtacl deny "$f" alice:W >"$d/out" 2>&1 &&
		wtacl get "$f" >"$d/sd" &&
		grep -q "D:[A-Z]*(D;;FW;;;$alice)(A;;FA;;;SY)" "$d/sd" &&
		su -s /bin/sh alice -c "cat $f" >/dev/null 2>&1 &&
		! su -s /bin/sh alice -c "echo x >>$f" 2>/dev/null
	tap_check $? "wtacl_ops.$t.deny_first_and_effective" "$d/out" "$d/sd"

	# A second deny for the same SID and flags merges into the first.
	wtacl deny "$f" alice:D && wtacl get "$f" >"$d/sd" &&
		[ "$(grep -o "(D;[^)]*;$alice)" "$d/sd")" = "(D;;0x130116;;;$alice)" ]
	tap_check $? "wtacl_ops.$t.deny_merges" "$d/sd"

	wtacl remove --only deny "$f" alice && wtacl get "$f" >"$d/sd" &&
		! grep -q "(D;" "$d/sd" && grep -q "(A;;[^)]*;;;$alice)" "$d/sd"
	tap_check $? "wtacl_ops.$t.remove_only_deny" "$d/sd"

	wtacl remove "$f" "$alice" && wtacl get "$f" >"$d/sd" &&
		! grep -q "$alice" "$d/sd" && grep -q "(A;;FA;;;SY)" "$d/sd" &&
		! su -s /bin/sh alice -c "cat $f" >/dev/null 2>&1
	tap_check $? "wtacl_ops.$t.remove_by_sid" "$d/sd"

	# Removing what is not there is no error and changes nothing.
	cp "$d/sd" "$d/before"
	wtacl remove "$f" bob && wtacl get "$f" >"$d/sd" && cmp -s "$d/before" "$d/sd"
	tap_check $? "wtacl_ops.$t.remove_absent_is_a_no_op" "$d/sd"

	# Bad input: exit 2, a message naming what was wrong, the SD unchanged.
	wtacl deny "$f" nosuchuser:R 2>"$d/err"
	[ $? = 2 ] && grep -q "'nosuchuser' is no user, group or SID" "$d/err" &&
		wtacl deny "$f" alice:QQ 2>"$d/err2"; r=$?
	[ $r = 2 ] && grep -q "'QQ' are not rights" "$d/err2" &&
		wtacl remove --only maybe "$f" alice 2>/dev/null; r=$?
	[ $r = 2 ] && wtacl owner "$f" nosuchuser 2>/dev/null; r=$?
	[ $r = 2 ] && wtacl integrity "$f" lowish 2>"$d/err3"; r=$?
	[ $r = 2 ] && grep -q "'lowish' is no level" "$d/err3" &&
		wtacl get "$f" >"$d/sd" && cmp -s "$d/before" "$d/sd"
	tap_check $? "wtacl_ops.$t.bad_input_changes_nothing" "$d/err" "$d/err2" "$d/err3" "$d/sd"

	wtacl deny "$d/nonexistent" alice:R 2>"$d/err"
	[ $? = 3 ] && grep -q "wtacl deny: $d/nonexistent: No such file or directory" "$d/err"
	tap_check $? "wtacl_ops.$t.missing_file_named" "$d/err"

	wtacl owner "$f" alice && wtacl get "$f" >"$d/sd" && grep -q "^O:$alice" "$d/sd"
	tap_check $? "wtacl_ops.$t.owner_by_name" "$d/sd"

	wtacl integrity "$d" "(OI)(CI)low" && wtacl get "$d" >"$d/sd" &&
		grep -q "S:(ML;OICI;NW;;;LW)" "$d/sd" &&
		wtacl integrity "$d" medium && wtacl get "$d" >"$d/sd" &&
		grep -q "S:(ML;;NW;;;ME)" "$d/sd"
	tap_check $? "wtacl_ops.$t.integrity_level" "$d/sd"

	# -R: a deny reaches the tree (inherited), quietly when not a terminal.
	mkdir "$d/sub"
	echo x >"$d/sub/inner"
	wtacl set "$d/sub" "D:(A;OICI;FA;;;S-1-22-1-0)" &&
		wtacl set "$d/sub/inner" "D:(A;;FA;;;S-1-22-1-0)" &&
		wtacl deny -R "$d" bob:W >"$d/out" 2>&1 &&
		[ ! -s "$d/out" ] && wtacl get "$d/sub/inner" >"$d/sd" &&
		grep -q "(D;ID;FW;;;$bob)" "$d/sd"
	tap_check $? "wtacl_ops.$t.deny_recursive" "$d/out" "$d/sd"

	wtacl grant "$d/sub/inner" bob:R &&
		wtacl remove --recursive "$d" bob && wtacl get "$d/sub/inner" >"$d/sd" &&
		! grep -q "$bob" "$d/sd"
	tap_check $? "wtacl_ops.$t.remove_recursive" "$d/sd"

	# -R as alice over a tree with a file she may not touch: that file is
	# named with the reason and keeps its SD, the others change, the
	# summary says how many, the exit status is 3.
	wtacl owner "$d" alice && wtacl grant -R "$d" "alice:(OI)(CI)F"
	echo b >"$d/bobs"
	wtacl set "$d/bobs" "D:P(A;;FA;;;$bob)(A;;FA;;;S-1-22-1-0)" &&
		wtacl owner "$d/bobs" bob
	wtacl get "$d/bobs" >"$d/bobs.before"
	su -s /bin/sh alice -c "wtacl grant -R $d mallory:R" >"$d/out" 2>&1
	r=$?
	wtacl get "$d/bobs" >"$d/bobs.after"
	[ $r = 3 ] && grep -q "wtacl grant: $d/bobs: Permission denied" "$d/out" &&
		grep -q "1 failed (listed above) and keep their old DACL" "$d/out" &&
		cmp -s "$d/bobs.before" "$d/bobs.after" &&
		wtacl get "$d/sub/inner" | grep -q "(A;ID;FR;;;S-1-22-1-1003)"
	tap_check $? "wtacl_ops.$t.recursive_failure_reported" "$d/out"

	# show: icacls' listing, names by default, SIDs with --numeric; json.
	wtacl set "$f" "D:(D;;FW;;;$bob)(A;OICI;0x1200a9;;;$alice)(A;;FA;;;S-1-22-1-0)" &&
		wtacl show "$f" >"$d/show" && wtacl show --numeric "$f" >"$d/shown" &&
		[ "$(sed -n 1p "$d/show")" = "$f Unix User\\bob:(DENY)(W)" ] &&
		grep -qx " *Unix User\\\\alice:(OI)(CI)(RX)" "$d/show" &&
		grep -qx " *owner: Unix User\\\\alice" "$d/show" &&
		[ "$(sed -n 1p "$d/shown")" = "$f $bob:(DENY)(W)" ] &&
		grep -qx " *S-1-22-1-0:(F)" "$d/shown"
	tap_check $? "wtacl_ops.$t.show_names_and_numeric" "$d/show" "$d/shown"

	wtacl show --json "$f" >"$d/json" &&
		grep -q '"owner": {"name": "Unix User\\\\alice", "sid": "'"$alice"'"}' "$d/json" &&
		grep -q '{"type": "deny", "principal": {"name": "Unix User\\\\bob", "sid": "'"$bob"'"}, "flags": \[\], "mask": 1179926, "rights": "W"}' "$d/json" &&
		grep -q '"flags": \["OI", "CI"\], "mask": 1179817, "rights": "RX"' "$d/json" &&
		wtacl show "$d/nonexistent" 2>"$d/err"; r=$?
	[ $r = 3 ] && grep -q "wtacl show: $d/nonexistent: No such file" "$d/err"
	tap_check $? "wtacl_ops.$t.show_json_and_errors" "$d/json" "$d/err"

	# --json on get, find (a failure as a line with "error"), sddl; with
	# --numeric show's JSON looks no name up.
	wtacl get --json "$f" >"$d/gj" &&
		grep -q "^{\"path\": \"$f\", \"path_escaped\": \"$f\", \"sddl\": \"O:$alice" "$d/gj" &&
		wtacl show --json --numeric "$f" >"$d/sj" &&
		grep -q '"owner": {"name": null, "sid": "'"$alice"'"}' "$d/sj" &&
		! grep -q '"name": "' "$d/sj" &&
		wtacl find --json "$d" bob >"$d/fj" &&
		grep -qx "{\"path\": \"$f\", \"path_escaped\": \"$f\"}" "$d/fj" &&
		[ "$(wc -l <"$d/fj")" = 2 ] &&
		su -s /bin/sh alice -c "wtacl find --json $d bob" 2>/dev/null |
		grep -qx "{\"path\": \"$d/bobs\", \"path_escaped\": \"$d/bobs\", \"error\": \"Permission denied\"}" &&
		[ "$(wtacl sddl canon --json 'D:(A;;FA;;;WD)')" = '{"sddl": "D:(A;;FA;;;WD)"}' ]
	tap_check $? "wtacl_ops.$t.json_get_find_numeric" "$d/gj" "$d/sj" "$d/fj"

	# find: the files whose DACL names a principal (icacls /findsid).
	wtacl find "$d" bob >"$d/found" 2>"$d/err" &&
		[ "$(sort "$d/found" | tr '\n' ' ')" = "$d/bobs $f " ] &&
		[ ! -s "$d/err" ] &&
		wtacl find "$d" S-1-5-21-9-9-9-1234 >"$d/none"; r=$?
	[ $r = 1 ] && [ ! -s "$d/none" ] &&
		wtacl find "$d" nosuchuser 2>/dev/null; r=$?
	[ $r = 2 ]
	tap_check $? "wtacl_ops.$t.find" "$d/found" "$d/err"

	# alice cannot read bob's file's SD: named, exit 3, the rest listed.
	su -s /bin/sh alice -c "wtacl find $d bob" >"$d/found" 2>"$d/err"
	[ $? = 3 ] && grep -q "wtacl find: $d/bobs: Permission denied" "$d/err" &&
		[ "$(cat "$d/found")" = "$f" ]
	tap_check $? "wtacl_ops.$t.find_unreadable_named" "$d/found" "$d/err"

	# inheritance: disable keeps the inherited ACEs as explicit ones,
	# remove drops them, enable brings them back from the parent.
	i=$d/inh
	mkdir "$i"
	wtacl set "$i" "D:(A;OICI;FA;;;S-1-22-1-0)(A;OICI;FR;;;$alice)" &&
		echo x >"$i/f" && wtacl get "$i/f" >"$d/i0" &&
		grep -q "(A;ID;FR;;;$alice)" "$d/i0" &&
		wtacl inheritance "$i/f" disable && wtacl get "$i/f" >"$d/i1" &&
		grep -q "D:P[A-Z]*(" "$d/i1" && grep -q "(A;;FR;;;$alice)" "$d/i1" &&
		! grep -q ";ID;" "$d/i1" &&
		wtacl inheritance "$i/f" remove 2>"$d/ierr"; r=$?
	[ $r = 0 ] && wtacl inheritance "$i/f" r && wtacl get "$i/f" >"$d/i2" &&
		grep -q "(A;;FR;;;$alice)" "$d/i2" &&
		wtacl set "$i/f" "D:P(A;OICI;FA;;;S-1-22-1-0)(A;ID;FR;;;$bob)" &&
		wtacl inheritance "$i/f" remove && wtacl get "$i/f" >"$d/i3" &&
		! grep -q "$bob" "$d/i3" && grep -q "D:P" "$d/i3" &&
		wtacl inheritance "$i/f" enable && wtacl get "$i/f" >"$d/i4" &&
		! grep -q "D:P" "$d/i4" && grep -q "(A;ID;FR;;;$alice)" "$d/i4"
	tap_check $? "wtacl_ops.$t.inheritance" "$d/i0" "$d/i1" "$d/i2" "$d/i3" "$d/i4" "$d/ierr"

	cp "$d/i4" "$d/before"
	wtacl inheritance "$i/f" maybe 2>"$d/err"; r=$?
	[ $r = 2 ] && grep -q "'maybe' is not enable, disable or remove" "$d/err" &&
		wtacl get "$i/f" | cmp -s - "$d/before"
	tap_check $? "wtacl_ops.$t.inheritance_bad_word" "$d/err"

	# help names every command
	wtacl --help | grep -q "wtacl deny" && wtacl --help | grep -q "wtacl integrity"
	tap_check $? "wtacl_ops.$t.help" /dev/null
	rm -rf "$d"
done
exit $tap_failed
