#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-deb: install the packages of make deb into a fresh Debian
# bookworm root, as a user would with apt, and check what they do there;
# then boot the test VM from the installed files and run the demo.
# usage: check-deb.sh DEB_DIR WORK_DIR
#   DEB_DIR   the .deb files of make deb (the -dbgsym ones are left out)
#   WORK_DIR  build/deb-root: base/ is the cached bookworm root (debootstrap,
#             then both kernels' headers, dkms and the packages' other
#             dependencies), run/ this run's view of it (an overlay whose
#             changes go to upper/), vm/ the VM's logs
# Environment: KERNELS (the kernel versions, tools/kernels.sh), MIRROR.
# Prints TAP. Runs in a mount namespace of its own, so the chroot's
# mounts go away with it whatever happens.
set -u

if [ -z "${WT_CHECK_DEB_NS:-}" ]; then
	WT_CHECK_DEB_NS=1 exec unshare --mount --propagation private "$0" "$@"
fi

debs=$(cd "$1" && pwd)
work=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
security=${MIRROR_SECURITY:-http://deb.debian.org/debian-security}
kernels=${KERNELS:-}
base=$work/base
root=$work/run

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $*"; }
# check DESCRIPTION COMMAND...: one test line from a command's status.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
bail() {
	echo "Bail out! $*"
	exit 1
}
diag() { sed 's/^/# /'; }

in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

[ -n "$kernels" ] || bail "no Debian kernels (tools/kernels.sh): run make deps"
[ "$(id -u)" = 0 ] || bail "needs root (debootstrap, chroot)"
mkdir -p "$work"

# ---- the cached base root ----
# Everything a machine has before our packages arrive: the kernels'
# headers and what the packages depend on (dkms pulls the compiler), so
# that apt installs only ours and the file lists before and after compare.
# Rebuilt when the kernel list changes or a build did not finish.
stamp="kernels: $kernels"
if [ ! -f "$base/.wt-base" ] || [ "$(cat "$base/.wt-base")" != "$stamp" ]; then
	echo "# building the bookworm root in $base (debootstrap; cached)"
	rm -rf "$base"
	if ! debootstrap --variant=minbase bookworm "$base" "$mirror" \
		>"$work/debootstrap.log" 2>&1; then
		tail -n 20 "$work/debootstrap.log" | diag
		bail "debootstrap failed (log: $work/debootstrap.log)"
	fi
	cat >"$base/etc/apt/sources.list" <<-EOF
	deb $mirror bookworm main
	deb $mirror bookworm-updates main
	deb $security bookworm-security main
	EOF
	headers=""
	for k in $kernels; do headers="$headers linux-headers-$k"; done
	mount -t proc proc "$base/proc"
	# shellcheck disable=SC2086
	# INITRD=No: 6.12's headers bring its image, whose initramfs this
	# root never boots (minutes of work on a loaded host).
	if ! chroot "$base" /usr/bin/env DEBIAN_FRONTEND=noninteractive INITRD=No \
		sh -c "apt-get update -q && apt-get install -y -q \
		--no-install-recommends dkms pkgconf libmnl0 libpam0g $headers" \
		>"$work/base-apt.log" 2>&1; then
		umount "$base/proc"
		tail -n 20 "$work/base-apt.log" | diag
		bail "installing headers and dkms into the root failed (log: $work/base-apt.log)"
	fi
	umount "$base/proc"
	chroot "$base" apt-get clean
	echo "$stamp" >"$base/.wt-base"
fi

# A machine with a kernel has its modules.dep and friends; a root with only
# the headers gets them from depmod, so that DKMS's depmod run changes
# their contents, not the file list.
for k in $kernels; do
	[ -f "$base/lib/modules/$k/modules.dep" ] ||
		chroot "$base" depmod "$k" >/dev/null 2>&1 ||
		bail "depmod $k in the base root failed"
done

# ---- a fresh copy, and its file list before the packages ----
# An overlay on the cached root: this run's changes go to upper/ and the
# base stays as it was, without copying a gigabyte of headers.
for d in "$root" "$work/upper" "$work/overlay-work"; do
	rm -rf "$d"
	mkdir -p "$d"
done
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" \
	"$root" || bail "cannot mount an overlay of $base on $root"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/tmp"

# Paths whose contents churn with any apt run (package database, caches,
# logs) are not ours to compare; everything else must come back as it was.
file_list() {
	(cd "$root" && find . -xdev \
		\( -path ./proc -o -path ./dev -o -path ./tmp -o -path ./run \
		-o -path ./var/cache -o -path ./var/log -o -path ./var/lib/apt \
		-o -path ./var/lib/dpkg -o -path ./.wt-base \) -prune -o -print) |
		LC_ALL=C sort
}
file_list >"$work/files-before"

pkgs=""
for f in "$debs"/*.deb; do
	case "$f" in *-dbgsym_*) continue ;; esac
	cp "$f" "$root/tmp/"
	pkgs="$pkgs /tmp/$(basename "$f")"
done
[ -n "$pkgs" ] || bail "no packages in $debs: run make deb"

# ---- install: DKMS builds the module for every kernel ----
# shellcheck disable=SC2086
if in_root apt-get install -y -q --no-install-recommends $pkgs \
	>"$work/install.log" 2>&1; then
	ok "apt-get install of the packages"
else
	tail -n 30 "$work/install.log" | diag
	not_ok "apt-get install of the packages (log: $work/install.log)"
fi

ver=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' "$top/debian/changelog")
ver=${ver%-*}
check "module source in /usr/src/wintok-$ver with dkms.conf, Kbuild, module/, uapi/" \
	test -f "$root/usr/src/wintok-$ver/dkms.conf" -a \
	-f "$root/usr/src/wintok-$ver/Kbuild" -a \
	-d "$root/usr/src/wintok-$ver/module" -a -d "$root/usr/src/wintok-$ver/uapi"

# The module DKMS installed for kernel $1 (Debian's dkms may compress it).
module_of() {
	local f
	for f in "$root/lib/modules/$1/updates/dkms/wintok.ko"{,.xz,.zst,.gz}; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}
for k in $kernels; do
	ko=$(module_of "$k")
	if [ -z "$ko" ]; then
		grep -A20 "$k" "$work/install.log" | tail -n 20 | diag
		not_ok "dkms built and installed wintok.ko for $k"
		continue
	fi
	vermagic=$(in_root modinfo -F vermagic "${ko#"$root"}" 2>/dev/null)
	check "dkms built and installed wintok.ko for $k (vermagic $vermagic)" \
		test "${vermagic%% *}" = "$k"
	check "dkms status lists wintok/$ver for $k as installed" \
		sh -c "chroot '$root' dkms status -m wintok -v '$ver' -k '$k' 2>/dev/null | grep -q installed"
	check "modules.dep of $k knows wintok" \
		grep -q "updates/dkms/wintok.ko" "$root/lib/modules/$k/modules.dep"
done

check "modules-load.d loads wintok at boot" \
	grep -qx wintok "$root/usr/lib/modules-load.d/wintok.conf"
check "modprobe.d applies the policy through /usr/bin/wtpolicy" \
	grep -q '^install wintok .*/usr/bin/wtpolicy load /etc/wintok/policy.conf' \
	"$root/etc/modprobe.d/wintok.conf"
check "the policy service runs /usr/bin/wtpolicy" \
	grep -q '^ExecStart=/usr/bin/wtpolicy load' "$root/lib/systemd/system/wintok-policy.service"
check "wtrun has its PAM configuration" \
	grep -q '^@include common-auth' "$root/etc/pam.d/wtrun"
# enabled TARGET UNIT: deb-systemd-helper's symlink in TARGET's wants
# directory names the unit file the package installed (a dangling or
# stray link is not an enabled unit).
enabled() {
	local link=$root/etc/systemd/system/$1.wants/$2
	[ -L "$link" ] && [ "$(readlink "$link")" = "/lib/systemd/system/$2" ] &&
		[ -f "$root/lib/systemd/system/$2" ]
}
check "the policy service is enabled" enabled multi-user.target wintok-policy.service
check "the id map sync service runs /usr/bin/wtpolicy idmap sync from /etc/default/wintok" \
	sh -c "grep -q '^ExecStart=/usr/bin/wtpolicy idmap sync --source' '$root/lib/systemd/system/wintok-idmap-sync.service' &&
		grep -qx 'EnvironmentFile=/etc/default/wintok' '$root/lib/systemd/system/wintok-idmap-sync.service'"
check "the id map sync service is enabled" enabled multi-user.target wintok-idmap-sync.service
check "the id map sync timer is enabled" enabled timers.target wintok-idmap-sync.timer
check "no /etc/default/wintok until the administrator writes one (the unit does nothing)" \
	sh -c "test ! -e '$root/etc/default/wintok' && test -f '$root/usr/share/wintok/wintok.default'"

# ---- the tools ----
tools=$(cd "$root/usr/bin" && ls wt* 2>/dev/null)
[ -n "$tools" ] || not_ok "tools installed in /usr/bin"
for t in $tools; do
	out=$(in_root "$t" --help 2>&1)
	rc=$?
	check "$t --help exits 0 with a usage line" \
		sh -c "[ $rc = 0 ] && printf '%s' \"\$1\" | grep -qi usage" - "$out"
	# debian/rules: TOOLS_LINK=shared, libwintok1's library and no copy.
	check "$t links libwintok1's libwintok.so.1" \
		sh -c "chroot '$root' ldd /usr/bin/$t | grep -q 'libwintok.so.1 => /'"
done
check "wtpolicy check accepts the shipped example policy" \
	in_root wtpolicy check /usr/share/wintok/policy.conf.example
# No module in a chroot: a tool that needs it must say so and fail.
out=$(in_root wtinfo 2>&1)
rc=$?
check "wtinfo without the module fails with a message" \
	sh -c "[ $rc != 0 ] && [ -n \"\$1\" ]" - "$out"

# ---- the library: pkg-config, headers, the shared object ----
cat >"$root/tmp/uselib.c" <<'EOF'
#include <stdio.h>
#include <libwintok.h>
/* wt_privilege_name() answers without the module: the core's table. */
int main(void)
{
	const char *name = wt_privilege_name(WT_SE_CHANGE_NOTIFY_PRIVILEGE);

	if (!name)
		return 1;
	puts(name);
	return 0;
}
EOF
check "pkg-config --cflags --libs libwintok" \
	in_root pkg-config --cflags --libs libwintok
# The chroot's shell expands the pkg-config call.
# shellcheck disable=SC2016
if in_root sh -c 'cc -o /tmp/uselib /tmp/uselib.c $(pkg-config --cflags --libs libwintok)' \
	>"$work/uselib.log" 2>&1; then
	ok "a program builds against libwintok-dev"
	check "it links libwintok.so.1 and runs" \
		sh -c "chroot '$root' ldd /tmp/uselib | grep -q 'libwintok.so.1 =>' &&
			chroot '$root' /tmp/uselib | grep -q '^SeChangeNotifyPrivilege$'"
else
	diag <"$work/uselib.log"
	not_ok "a program builds against libwintok-dev"
fi

# ---- part 2: the VM boots the installed module and tools ----
# The module DKMS built and the tools the package installed, not the
# build tree's: the initramfs is made from the root's files; the demo
# script is the test and comes from the tree.
if [ -n "${WT_DEB_NO_VM:-}" ]; then
	echo "# WT_DEB_NO_VM set: the VM part is skipped"
else
	stage=$work/vm-stage
	for k in $kernels; do
		rm -rf "$stage"
		mkdir -p "$stage/bin" "$stage/share" "$work/vm/$k"
		cp -a "$root"/usr/bin/wt* "$stage/bin/"
		# The tools link libwintok1's library, which the build
		# machine does not have: it goes in with them.
		mkdir -p "$stage/lib"
		cp -a "$root"/usr/lib/x86_64-linux-gnu/libwintok.so.1* "$stage/lib/"
		cp "$top/tools/demo/demo.sh" "$stage/share/"
		ko=$(module_of "$k")
		if [ -z "$ko" ]; then
			not_ok "demo in the VM on $k from the installed files # no module"
			continue
		fi
		case "$ko" in
		*.xz) xz -dc "$ko" >"$stage/wintok.ko" ;;
		*.zst) zstd -qdc "$ko" >"$stage/wintok.ko" ;;
		*.gz) gzip -dc "$ko" >"$stage/wintok.ko" ;;
		*) cp "$ko" "$stage/wintok.ko" ;;
		esac
		initrd=$work/vm/initrd-$k.img
		if ! sh "$top/tools/vm/mkinitramfs.sh" "$k" "$stage/wintok.ko" \
			"$stage" "$initrd" >"$work/vm/$k/mkinitramfs.log" 2>&1; then
			not_ok "demo in the VM on $k from the installed files # initramfs failed"
			continue
		fi
		sh "$top/tools/vm/run.sh" -t 400 -a "wt.mode=demo" "$k" "$initrd" \
			"$work/vm/$k" >/dev/null 2>&1
		if ! grep -q '^WT-DEMO-END rc=0' "$work/vm/$k/tap.log"; then
			sed -n '/^== wintok demo/,$p' "$work/vm/$k/tap.log" | tail -n 30 | diag
			not_ok "demo in the VM on $k from the installed files (logs: $work/vm/$k)"
		elif grep -qE 'BUG:|WARNING:|Oops|Call Trace' "$work/vm/$k/console.log"; then
			not_ok "demo in the VM on $k: kernel trouble (see $work/vm/$k/console.log)"
		else
			ok "demo in the VM on $k from the installed files ($(grep -c '\[ok\]' \
				"$work/vm/$k/tap.log") checks)"
		fi
	done
fi

# ---- remove, then purge: nothing of ours may stay ----
names=$(for f in $pkgs; do basename "$f" | cut -d_ -f1; done | tr '\n' ' ')
# shellcheck disable=SC2086
if in_root apt-get remove -y -q $names >"$work/remove.log" 2>&1; then
	ok "apt-get remove of the packages"
else
	tail -n 20 "$work/remove.log" | diag
	not_ok "apt-get remove of the packages (log: $work/remove.log)"
fi
for k in $kernels; do
	check "remove took wintok.ko away from $k" sh -c "! ls '$root/lib/modules/$k/updates/dkms/'wintok.ko* 2>/dev/null"
done
check "remove took /usr/src/wintok-$ver and DKMS's tree away" \
	test ! -e "$root/usr/src/wintok-$ver" -a ! -e "$root/var/lib/dkms/wintok"
check "remove keeps the administrator's modprobe.d file (a conffile)" \
	test -f "$root/etc/modprobe.d/wintok.conf"
# shellcheck disable=SC2086
# dpkg: apt no longer knows the packages without conffiles that remove took
# away completely. Then autoremove: what apt pulled in for them (libc6-dev
# for libwintok-dev) goes too, as it would on the user's machine.
if in_root sh -c "dpkg --purge $names && apt-get autoremove --purge -y -q" \
	>"$work/purge.log" 2>&1; then
	ok "purge of the packages and of what they pulled in"
else
	tail -n 20 "$work/purge.log" | diag
	not_ok "purge of the packages and of what they pulled in (log: $work/purge.log)"
fi
rm -f "$root"/tmp/*
file_list >"$work/files-after"
# Nothing that was there may be missing, and every path that is new must
# belong to a package still installed: what apt keeps on purpose (libc6-dev,
# pulled in for libwintok-dev, stays because gcc recommends it), never a
# file of ours left behind.
diff -u "$work/files-before" "$work/files-after" >"$work/files.diff"
sed -n 's/^+\.\(\/.*\)/\1/p' "$work/files.diff" >"$work/files-added"
: >"$work/files-orphan"
while read -r path; do
	# merged /usr: dpkg may know a library by its /lib name.
	in_root dpkg -S "$path" >/dev/null 2>&1 ||
		in_root dpkg -S "${path#/usr}" >/dev/null 2>&1 ||
		echo "$path" >>"$work/files-orphan"
done <"$work/files-added"
if ! grep -q '^-\./' "$work/files.diff" && [ ! -s "$work/files-orphan" ]; then
	ok "after purge nothing is missing and no file is left that no package owns ($(wc -l <"$work/files-added") new, all of installed packages)"
else
	{ grep '^-\./' "$work/files.diff"; sed 's/^/+/' "$work/files-orphan"; } | head -n 30 | diag
	not_ok "after purge nothing is missing and no file is left that no package owns (see $work/files.diff, $work/files-orphan)"
fi

echo "1..$n"
[ "$failed" = 0 ]
