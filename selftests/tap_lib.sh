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
