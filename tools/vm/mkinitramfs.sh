#!/bin/sh
# Build the test VM's initramfs for one kernel.
# usage: mkinitramfs.sh KVER WINTOK_KO STAGE_DIR OUTPUT
#   STAGE_DIR holds what goes in besides busybox and modules:
#     selftests/ (binaries, scripts and the run list), bin/ (tools),
#     share/ (demo script), bench/ (benchmarks and their list, make bench),
#     lib/ (shared libraries the build machine lacks),
#     modules (names of more kernel modules /init loads at boot, one a
#     line: make check-ad's 9p and dummy network device)
set -eu

kver=$1
ko=$2
stage=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)

# make check-debug alone in a fresh tree stages elsewhere (build/debug):
# the image's directory may not exist yet.
mkdir -p "$(dirname "$out")"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"

mkdir -p "$root"/bin "$root"/sbin "$root"/etc "$root"/proc "$root"/sys \
	"$root"/dev "$root"/tmp "$root"/run "$root"/root "$root"/home \
	"$root"/usr/bin "$root"/usr/share/wintok "$root"/lib/modules/extra \
	"$root"/selftests "$root"/mnt
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$here/init.sh" "$root/init"
chmod 755 "$root/init"
cp "$ko" "$root/lib/modules/wintok.ko"
# Test modules built for the same kernel, when there are any: the hook
# machinery's, and another build of wintok for make bench to compare with
# (copy one to build/kmod/KVER/wintok-base.ko).
for test_ko in "$(dirname "$ko")"/hooktest.ko "$(dirname "$ko")"/wintok-base.ko; do
	if [ -f "$test_ko" ]; then
		cp "$test_ko" "$root/lib/modules/"
	fi
done

# The virtio disk and ext4, with their dependencies in load order (some
# are built in on one kernel and modules on the other), and the stage's.
extra_mods=""
[ -f "$stage/modules" ] && extra_mods=$(cat "$stage/modules")
for mod in virtio_pci virtio_blk ext4 $extra_mods; do
	modprobe --show-depends -S "$kver" "$mod" 2>/dev/null |
		awk '$1 == "insmod" { print $2 }'
done | awk '!seen[$0]++' | while read -r path; do
	cp "$path" "$root/lib/modules/extra/"
	basename "$path" >>"$root/lib/modules/extra/order"
done

# Users and groups the tests run as; sshd, the privilege separation user
# of Debian's sshd (pam_sshd.sh).
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
alice:x:1001:1001:Alice:/home/alice:/bin/sh
bob:x:1002:1002:Bob:/home/bob:/bin/sh
mallory:x:1003:1003:Mallory:/home/mallory:/bin/sh
wtsvc:x:1100:1100:wintok file service:/home/wtsvc:/bin/sh
sshd:x:101:65534:sshd privilege separation:/run/sshd:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
staff:x:50:alice,bob
users:x:100:alice,bob,mallory
alice:x:1001:
bob:x:1002:
mallory:x:1003:
wtsvc:x:1100:
finance:x:2001:alice
nogroup:x:65534:
GROUP
for u in alice:1001 bob:1002 mallory:1003 wtsvc:1100; do
	mkdir -p "$root/home/${u%:*}"
	chown "${u#*:}:${u#*:}" "$root/home/${u%:*}"
	chmod 700 "$root/home/${u%:*}"
done
echo "wintok-vm" >"$root/etc/hostname"

if [ -d "$stage/selftests" ]; then
	cp -a "$stage/selftests/." "$root/selftests/"
fi
if [ -d "$stage/bin" ]; then
	cp -a "$stage/bin/." "$root/usr/bin/"
fi
if [ -d "$stage/bench" ]; then
	mkdir -p "$root/bench"
	cp -a "$stage/bench/." "$root/bench/"
fi
# Libraries of the staged programs that the build machine has not
# installed (check-deb: libwintok1's), where the loader looks first.
if [ -d "$stage/lib" ]; then
	mkdir -p "$root/usr/lib/x86_64-linux-gnu"
	cp -a "$stage/lib/." "$root/usr/lib/x86_64-linux-gnu/"
fi
if [ -d "$stage/share" ]; then
	cp -a "$stage/share/." "$root/usr/share/wintok/"
fi

# PAM modules for wtrun: dlopen()ed, so ldd of the programs misses them.
for dir in /lib/x86_64-linux-gnu/security /usr/lib/x86_64-linux-gnu/security; do
	[ -f "$dir/pam_unix.so" ] || continue
	mkdir -p "$root$dir"
	cp -L "$dir/pam_unix.so" "$dir/pam_permit.so" "$dir/pam_deny.so" "$root$dir/"
	break
done

# Shared libraries of every dynamically linked program (and PAM module)
# we ship.
for prog in "$root"/selftests/* "$root"/usr/bin/* "$root"/bench/* \
	"$root"/lib/*/security/*.so "$root"/usr/lib/*/security/*.so; do
	[ -f "$prog" ] && { [ -x "$prog" ] || [ "${prog%.so}" != "$prog" ]; } || continue
	ldd "$prog" 2>/dev/null | awk '/=> \// { print $3 } /^\t\// { print $1 }'
done | sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
if [ -d /lib64 ] && [ ! -e "$root/lib64" ]; then
	mkdir -p "$root/lib64"
	cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
fi

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out"
