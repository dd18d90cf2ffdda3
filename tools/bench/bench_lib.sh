# SPDX-License-Identifier: GPL-2.0
# Shared by run-bench.sh and profile.sh (sourced; $top and $build set).

# bench_initrd KVER LOGDIR: build the benchmark VM's initramfs for KVER
# (the module and build/vm/stage) into $initrd; 1, said, on a failure.
bench_initrd() {
	initrd=$build/vm/initrd-bench-$1.img
	if ! "$top/tools/vm/mkinitramfs.sh" "$1" \
		"$build/kmod/$1/wintok.ko" "$build/vm/stage" "$initrd" \
		>"$2/mkinitramfs.log" 2>&1; then
		echo "   initramfs build failed (see $2/mkinitramfs.log)"
		return 1
	fi
}
