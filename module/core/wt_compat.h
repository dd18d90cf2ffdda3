/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security core (SIDs, security descriptors, access check, inheritance)
 * is built twice: into the kernel module and, unchanged, into host programs
 * (unit tests, fuzzers, wtacl). This shim is the only place that knows which.
 */
#ifndef WT_COMPAT_H
#define WT_COMPAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/compiler.h>
#include <asm/byteorder.h>
#include <linux/wintok.h>

static inline void *wt_zalloc(size_t size)
{
	return kzalloc(size, GFP_KERNEL);
}

static inline void wt_free(const void *p)
{
	kfree(p);
}

#else /* host */
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <endian.h>
#include <linux/wintok.h>

#include <sys/cdefs.h>	/* __always_inline, as the kernel spells it */
#include <linux/types.h>	/* __u8.., __le16.., as in the kernel */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

#define le16_to_cpu(x) le16toh(x)
#define le32_to_cpu(x) le32toh(x)
#define le64_to_cpu(x) le64toh(x)
#define cpu_to_le16(x) htole16(x)
#define cpu_to_le32(x) htole32(x)
#define cpu_to_le64(x) htole64(x)

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static inline void *wt_zalloc(size_t size)
{
	return calloc(1, size);
}

static inline void wt_free(const void *p)
{
	free((void *)p);
}
#endif /* __KERNEL__ */

#endif /* WT_COMPAT_H */
