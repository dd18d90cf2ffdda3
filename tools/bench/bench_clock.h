/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock of every benchmark, on the host (bench_core) and in the VM
 * (tools/bench/vm/list): one definition, so that their figures are taken
 * the same way.
 */
#ifndef WT_BENCH_CLOCK_H
#define WT_BENCH_CLOCK_H

#include <stdint.h>
#include <time.h>

/**
 * bench_now_ns() - CLOCK_MONOTONIC in nanoseconds
 *
 * Monotonic, not the wall clock: a benchmark reports differences, which a
 * clock step must not distort.
 *
 * Return: nanoseconds since an arbitrary point.
 */
static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

#endif /* WT_BENCH_CLOCK_H */
