#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_dc.sh: wbc_check (libwbclient from C)
# in the chroot where the DC's winbindd listens.
if [ ! -d /ad/usr/sbin ]; then
	echo "1..1"
	echo "not ok 1 wbc_check: no /ad chroot (ad_dc.sh failed)"
	exit 1
fi
chroot /ad /selftests/wbc_check /etc/wintok-ad-sids
