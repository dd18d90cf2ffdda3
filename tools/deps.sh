#!/bin/sh
# Install every Debian package wintok needs to build, test and run its demo.
# Idempotent: asks apt only for what is missing. Kernel versions are found
# from Debian's meta-packages, never written down here.
set -eu

export DEBIAN_FRONTEND=noninteractive

base_packages="build-essential make gcc clang libclang-rt-14-dev llvm
	sparse rsync kmod cpio busybox-static e2fsprogs qemu-system-x86
	libmnl-dev libpam0g-dev libwbclient-dev libsss-nss-idmap-dev auditd
	python3 python3-samba python3-docutils linux-source-6.1 xz-utils
	linux-image-amd64 linux-headers-amd64 linux-image-6.12-amd64
	libelf-dev bc flex bison
	stress-ng linux-source-6.12 libssl-dev openssh-server openssh-client
	debhelper dh-dkms lintian debootstrap systemd"
# make check-ad: a Samba AD DC, winbind and SSSD (the VM runs them from the
# host's /usr over 9p), libwbclient and libsss_nss_idmap for its C checks;
# SSSD's GSSAPI bind needs the SASL module (only a Recommends of sssd-ad);
# pam_winbind for wtrun's domain logon (ad_wtrun.sh).
ad_packages="samba-ad-dc samba-ad-provision winbind libnss-winbind libpam-winbind
	libwbclient-dev ldb-tools krb5-user sssd-ad libsss-nss-idmap-dev
	libsasl2-modules-gssapi-mit"

missing() {
	for p in "$@"; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		case "$status" in
		*"install ok installed"*) ;;
		*) printf '%s\n' "$p" ;;
		esac
	done
}

# The packages bring daemons (sshd, smbd, winbindd, sssd, auditd) that the
# tests start themselves, inside the VM: installing them must not start them
# on this machine (sshd would listen on every address). Debian's
# invoke-rc.d asks /usr/sbin/policy-rc.d; one that says 101 ("action
# forbidden") is in place for the install unless the machine has its own.
policy_rc=/usr/sbin/policy-rc.d
own_policy_rc=no
no_daemons() {
	[ -e "$policy_rc" ] && return 0
	printf '#!/bin/sh\n# wintok tools/deps.sh: no daemon starts during its install\nexit 101\n' >"$policy_rc"
	chmod 755 "$policy_rc"
	own_policy_rc=yes
	trap 'rm -f "$policy_rc"' EXIT
}

updated=no
apt_install() {
	if [ "$updated" = no ]; then
		apt-get update -q >/dev/null
		updated=yes
	fi
	[ "$own_policy_rc" = yes ] || no_daemons
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends "$@" </dev/null
}

# shellcheck disable=SC2086
todo=$(missing $base_packages $ad_packages)
if [ -n "$todo" ]; then
	echo "deps: installing $(echo $todo)"
	# shellcheck disable=SC2086
	apt_install $todo
fi

# Headers matching every installed Debian kernel image (6.1 and 6.12):
# the 6.12 meta-package has no headers counterpart on bookworm.
headers=""
for img in /boot/vmlinuz-*; do
	[ -e "$img" ] || continue
	dpkg-query -S "$img" >/dev/null 2>&1 || continue
	kver=${img#/boot/vmlinuz-}
	headers="$headers linux-headers-$kver"
done
# shellcheck disable=SC2086
todo=$(missing $headers)
if [ -n "$todo" ]; then
	echo "deps: installing $(echo $todo)"
	# shellcheck disable=SC2086
	apt_install $todo
fi
echo "deps: all packages present"
