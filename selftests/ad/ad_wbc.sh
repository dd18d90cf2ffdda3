#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_dc.sh: wbc_check (libwbclient from C)
# in the chroot where the DC's winbindd listens.
. ./ad_lib.sh
ad_need_chroot 1
chroot /ad /selftests/wbc_check /etc/wintok-ad-sids
