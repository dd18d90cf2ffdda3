/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the profile mode of a VM benchmark (make bench-profile,
 * tools/bench/profile.sh) prints for the host before running its
 * operation: one definition for every benchmark that has the mode.
 */
#ifndef WT_BENCH_PROFILE_H
#define WT_BENCH_PROFILE_H

/*
 * The text symbols of /proc/kallsyms, as shell commands for system(): the
 * module's ("WT-SYM address type name", in the runs with a module) and
 * the kernel's ("WT-KSYM ...", in the runs without one; the VM boots with
 * nokaslr, so they hold in every boot). tools/bench/profile_report.py
 * reads both.
 */
#define BENCH_MODULE_SYMS \
	"sed -n 's/^\\(.*\\)[[:space:]]*\\[wintok\\]$/WT-SYM \\1/p' /proc/kallsyms"
#define BENCH_KERNEL_SYMS \
	"sed -n 's/^\\([0-9a-f]* [tTwW] [^[:space:]]*\\)$/WT-KSYM \\1/p' /proc/kallsyms"

#endif /* WT_BENCH_PROFILE_H */
