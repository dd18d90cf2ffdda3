#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-ad, in the VM, after ad_sssd.sh: sss_check (libsss_nss_idmap
# and NSS through SSSD alone) in the chroot.
. ./ad_lib.sh
ad_need_chroot 1
chroot /ad /selftests/sss_check /etc/wintok-ad-sids
