/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel version differences the hook machinery has to bridge. Only
 * 6.1 and 6.12 (Debian bookworm) are built and tested; the cut-over
 * points follow upstream.
 */
#ifndef WT_HOOK_COMPAT_H
#define WT_HOOK_COMPAT_H

/* WT_HAVE_* come from module/features.mk, probed at build time. */

#ifdef __ASSEMBLY__

#include <asm/nospec-branch.h>

/*
 * Call-depth tracking (6.2+, CONFIG_MITIGATION_CALL_DEPTH_TRACKING) expects
 * every function reached by a CALL to account for it. The ftrace call site
 * calls the trampoline directly, without a call thunk, so the trampoline
 * does the accounting itself. 6.1 has no such mitigation.
 */
#ifndef WT_HAVE_CALL_DEPTH_ACCOUNT
.macro CALL_DEPTH_ACCOUNT
.endm
#endif

#else /* !__ASSEMBLY__ */

#include <linux/ftrace.h>

#ifndef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
#error "wintok hooks need CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS"
#endif
#ifndef CONFIG_DYNAMIC_FTRACE_WITH_REGS
#error "wintok hooks need CONFIG_DYNAMIC_FTRACE_WITH_REGS"
#endif
#ifdef CONFIG_CFI_CLANG
/* The checks are called through a generic six-argument pointer type. */
#error "wintok hooks are not kCFI clean"
#endif

/*
 * 6.5 dropped the single-ip direct API, renamed the ops-based *_multi()
 * calls to the plain names and gave unregister a free_filters flag.
 */
static inline int wt_direct_register(struct ftrace_ops *ops, unsigned long tramp)
{
#ifdef WT_HAVE_FTRACE_DIRECT_MULTI
	return register_ftrace_direct_multi(ops, tramp);
#else
	return register_ftrace_direct(ops, tramp);
#endif
}

static inline int wt_direct_unregister(struct ftrace_ops *ops, unsigned long tramp)
{
#ifdef WT_HAVE_FTRACE_DIRECT_MULTI
	return unregister_ftrace_direct_multi(ops, tramp);
#else
	/* Filters are freed by the caller for both versions alike. */
	return unregister_ftrace_direct(ops, tramp, false);
#endif
}

/*
 * Argument @n (0-5) of the traced function, from the registers ftrace
 * saves for every callback (HAVE_DYNAMIC_FTRACE_WITH_ARGS, x86_64 on
 * both kernels), without asking it for the full register set. 6.12 has
 * an accessor; 6.1's struct ftrace_regs is a struct pt_regs.
 */
#ifndef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
#error "wintok hooks need CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS"
#endif
static __always_inline unsigned long wt_fregs_arg(struct ftrace_regs *fregs,
						  unsigned int n)
{
#ifdef ftrace_regs_get_argument
	return ftrace_regs_get_argument(fregs, n);
#else
	return regs_get_kernel_argument(&fregs->regs, n);
#endif
}

#endif /* __ASSEMBLY__ */
#endif /* WT_HOOK_COMPAT_H */
