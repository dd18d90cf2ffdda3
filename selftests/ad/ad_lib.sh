# SPDX-License-Identifier: GPL-2.0
# Helpers of the make check-ad suites (sourced after tap_lib.sh).
# /ad is the chroot ad_dc.sh builds: the host's /usr over 9p, the DC's
# files on a tmpfs, the wintok tools of the initramfs in /opt/wintok/bin.
ad=/ad

# in_ad CMD...: run CMD in the chroot. Through /usr/bin/env: busybox
# chroot would run its own applet (id, ip) for a bare name, and a static
# busybox has no NSS modules.
in_ad() {
	chroot "$ad" /usr/bin/env PATH=/opt/wintok/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# ad_need_chroot COUNT: when ad_dc.sh could not build the chroot, fail the
# COUNT planned tests of this suite and exit.
ad_need_chroot() {
	[ -d "$ad/usr/sbin" ] && return 0
	n=1
	while [ "$n" -le "$1" ]; do
		echo "not ok $n no $ad chroot (ad_dc.sh failed)"
		n=$((n + 1))
	done
	exit 1
}
