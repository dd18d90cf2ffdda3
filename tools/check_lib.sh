# SPDX-License-Identifier: GPL-2.0
# The result table of the check drivers (tools/check.sh, make check;
# tools/ad/check-ad.sh, make check-ad), sourced by bash: one row per suite
# or boot, the problems tapsum.py found, and the "N passed, N failed, N
# skipped" line the targets end with.
total_pass=0
total_fail=0
total_skip=0
rows=()
problems=()

# record NAME SUMMARY: a row from tapsum.py's output ("pass fail skip",
# then one problem a line).
record() {
	local name=$1 summary=$2
	local p f s
	read -r p f s <<<"$(head -n 1 <<<"$summary")"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
	rows+=("$(printf '%-34s %7d %7d %7d' "$name" "$p" "$f" "$s")")
	while IFS= read -r line; do
		[ -n "$line" ] && problems+=("$name: $line")
	done < <(tail -n +2 <<<"$summary")
}

# fail_stage NAME WHY: a step before any test failed (a build, a boot).
fail_stage() {
	local name=$1 why=$2
	total_fail=$((total_fail + 1))
	rows+=("$(printf '%-34s %7d %7d %7d' "$name" 0 1 0)")
	problems+=("$name: $why")
}

# print_table LOGDIR: the rows, the problems, where the logs are.
print_table() {
	echo
	printf '%-34s %7s %7s %7s\n' "suite" "passed" "failed" "skipped"
	printf '%s\n' "${rows[@]}"
	if [ ${#problems[@]} -gt 0 ]; then
		echo
		echo "problems:"
		printf '  %s\n' "${problems[@]}" | head -n 60
	fi
	echo "logs: $1"
}

# print_totals: the last line; fails when anything failed.
print_totals() {
	echo
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
	[ "$total_fail" -eq 0 ]
}
