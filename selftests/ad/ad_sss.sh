#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_sssd.sh: sss_check (libsss_nss_idmap
# and NSS through SSSD alone) in the chroot.
if [ ! -d /ad/usr/sbin ]; then
	echo "1..1"
	echo "not ok 1 sss_check: no /ad chroot (ad_dc.sh failed)"
	exit 1
fi
chroot /ad /selftests/sss_check /etc/wintok-ad-sids
