#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# wintok selftest of the VM itself: the ext4 disk is mounted, and what the
# first boot writes is there in the second boot of the same disk. Later
# tests rely on this to check that security descriptors survive a reboot.
# Runs in both boots; WT_PHASE tells which. TAP output.
marker=/mnt/disk/.wt-reboot-marker
. "$(dirname "$0")/tap_lib.sh"
tap_plan 2
grep -q ' /mnt/disk ext4 ' /proc/mounts
tap_ok $? "disk_reboot.ext4_disk_mounted_phase_$WT_PHASE"
case "$WT_PHASE" in
1)
	# The boot's random UUID: a second boot cannot invent the same one.
	cat /proc/sys/kernel/random/boot_id >"$marker" && sync
	tap_ok $? "disk_reboot.marker_written"
	cp "$marker" /mnt/disk/.wt-reboot-expected
	;;
*)
	[ -s "$marker" ] && cmp -s "$marker" /mnt/disk/.wt-reboot-expected &&
		! cmp -s "$marker" /proc/sys/kernel/random/boot_id
	tap_ok $? "disk_reboot.first_boot_marker_survives"
	;;
esac
exit $tap_failed
