#!/bin/sh
# Print, one a line, every kernel version we can build for and boot:
# a Debian kernel image in /boot with its headers installed.
for img in /boot/vmlinuz-*; do
	[ -e "$img" ] || continue
	kver=${img#/boot/vmlinuz-}
	[ -d "/lib/modules/$kver/build" ] || continue
	dpkg-query -S "$img" >/dev/null 2>&1 || continue
	echo "$kver"
done | sort -V
