#!/bin/sh
# Boot one kernel with an initramfs in QEMU (TCG: no KVM here) and keep
# both serial ports: console.log (kernel) and tap.log (test output).
# usage: run.sh [-k IMAGE] [-d DISK] [-s DIR] [-a APPEND] [-t TIMEOUT] [-i] KVER INITRD LOGDIR
#   -k IMAGE  boot IMAGE instead of /boot/vmlinuz-KVER (the debug kernel)
#   -d DISK   attach DISK (raw ext4 image) as /dev/vda and mount it
#   -s DIR    share the host's DIR read-only over virtio-9p (mount tag
#             "host"; the guest mounts it itself, see selftests/ad/): make
#             check-ad runs the host's Samba from it instead of copying
#             hundreds of MiB into the initramfs
#   -a TEXT   more kernel command line (wt.mode=..., wt.tests=..., wt.phase=...)
#   -t SECS   kill the VM after SECS seconds (default 600): exit 124
#   -i        interactive: console on this terminal (wt.mode=shell)
# Environment:
#   VM_SMP    number of virtual CPUs (default 2). TCG stays thread=single
#             (one host thread runs every vCPU in turn): multi-threaded TCG
#             crashes the guest when tracers are toggled (design/hooks.rst),
#             while several vCPUs still interleave the guest's threads on
#             different CPUs, which is what the races need.
#   VM_MEM    guest memory in MiB (default 1536; the debug kernel's shadow
#             memory and quarantine want more)
#   VM_ICOUNT 1: run with -icount shift=0,sleep=off, so the guest clock
#             advances one nanosecond per guest instruction (benchmarks
#             then count instructions and two runs agree on a busy host)
#   VM_PLUGIN  a TCG plugin and its arguments, QEMU's -plugin value
#             (make bench-profile: tools/bench/insn_plugin.c)
set -eu

image=""
disk=""
share=""
append=""
timeout=600
interactive=no
while getopts "k:d:s:a:t:i" opt; do
	case "$opt" in
	k) image=$OPTARG ;;
	d) disk=$OPTARG ;;
	s) share=$OPTARG ;;
	a) append="$append $OPTARG" ;;
	t) timeout=$OPTARG ;;
	i) interactive=yes ;;
	*) echo "usage: $0 [-k IMAGE] [-d DISK] [-s DIR] [-a APPEND] [-t SECS] [-i] KVER INITRD LOGDIR" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 3 ] || { echo "usage: $0 [options] KVER INITRD LOGDIR" >&2; exit 2; }
kver=$1
initrd=$2
logdir=$3
[ -n "$image" ] || image=/boot/vmlinuz-$kver
mkdir -p "$logdir"
smp=${VM_SMP:-2}
mem=${VM_MEM:-1536}
case "$smp" in
''|*[!0-9]*|0) echo "$0: VM_SMP must be a number of CPUs >= 1, not '$smp'" >&2
	exit 2 ;;
esac
case "$mem" in
''|*[!0-9]*) echo "$0: VM_MEM must be MiB, not '$mem'" >&2
	exit 2 ;;
esac

set -- -accel tcg,thread=single -cpu max -m "$mem" -smp "$smp" \
	-kernel "$image" -initrd "$initrd" \
	-nographic -no-reboot -nodefaults -monitor none
case "${VM_ICOUNT:-0}" in
0) ;;
1) set -- "$@" -icount shift=0,sleep=off ;;
*) echo "$0: VM_ICOUNT must be 0 or 1, not '$VM_ICOUNT'" >&2
	exit 2 ;;
esac
[ -z "${VM_PLUGIN:-}" ] || set -- "$@" -plugin "$VM_PLUGIN"
if [ -n "$disk" ]; then
	set -- "$@" -drive "file=$disk,if=virtio,format=raw,cache=writeback"
	append="$append wt.disk=1"
fi
if [ -n "$share" ]; then
	set -- "$@" -virtfs "local,path=$share,mount_tag=host,security_model=none,readonly=on"
fi
cmdline="console=ttyS0 panic=-1 oops=panic panic_on_warn=0 loglevel=6 $append"

if [ "$interactive" = yes ]; then
	exec qemu-system-x86_64 "$@" -serial mon:stdio \
		-serial "file:$logdir/tap.log" \
		-append "$cmdline wt.mode=shell"
fi

rc=0
timeout --foreground -k 10 "$timeout" qemu-system-x86_64 "$@" \
	-serial "file:$logdir/console.log" -serial "file:$logdir/tap.log" \
	-append "$cmdline" </dev/null || rc=$?
exit "$rc"
