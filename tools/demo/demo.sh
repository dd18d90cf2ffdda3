#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The wintok demo, run inside the VM as root after the module is loaded.
set -u
echo "== wintok demo on $(uname -r)"
echo "\$ wtinfo"
wtinfo || exit 1
echo "\$ ls -l /dev/wintok"
ls -l /dev/wintok || exit 1
echo "\$ su alice -c wtinfo    # any user may talk to the device"
su alice -s /bin/sh -c wtinfo || exit 1
echo "\$ wtwhoami    # root's token: Administrators, System integrity, LocalSystem privileges"
wtwhoami || exit 1
echo "\$ su alice -c wtwhoami    # alice's own token, derived from her Linux ids"
su alice -s /bin/sh -c wtwhoami || exit 1
echo "\$ su alice -c 'wtwhoami --json'"
su alice -s /bin/sh -c 'wtwhoami --json' || exit 1
