/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok hook trampolines (x86_64).
 *
 * wt_tramp_<hi>_<lo> is registered as the ftrace direct caller of the function
 * in hook slot <n>. It is entered by the CALL at the function's fentry
 * site, or by the RET at the end of ftrace_regs_caller when another tracer
 * shares the function; either way the stack holds the return address into
 * the hooked function, then the return address into its caller, and the
 * argument registers are untouched.
 *
 * Allow: restore the arguments and return into the hooked function body.
 * Deny:  drop the return address into the hooked function and return
 *        straight to its caller with the error in %eax, as if the function
 *        had returned it. The function body never runs, so no callee-saved
 *        register needs restoring.
 *
 * IBT: nothing here is reached by an indirect JMP/CALL (only direct CALL
 * or RET), and the only calls made are direct calls into this module. The
 * ENDBR emitted by SYM_FUNC_START is harmless and keeps objtool happy about
 * the addresses taken in wt_tramp_table.
 */
#include <linux/linkage.h>
#include <asm/unwind_hints.h>
#include "hook_compat.h"

/* Slot number = hi * 8 + lo; the split only keeps the .irp lists short. */
.macro WT_TRAMP hi, lo
SYM_FUNC_START(wt_tramp_\hi\()_\lo)
	pushq	%rbp
	movq	%rsp, %rbp
	CALL_DEPTH_ACCOUNT
	/* Saved argument block, read by wt_hook_dispatch() as args[0..5]. */
	pushq	%r9
	pushq	%r8
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	movq	%rsp, %rdi
	movl	$(\hi * 8 + \lo), %esi
	call	wt_hook_dispatch
	testl	%eax, %eax
	jnz	.Lwt_deny_\hi\()_\lo
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%r8
	popq	%r9
	leave
	RET
.Lwt_deny_\hi\()_\lo:
	leave
	/* Skip the hooked function: its caller's return address is next. */
	addq	$8, %rsp
	UNWIND_HINT_FUNC
	RET
SYM_FUNC_END(wt_tramp_\hi\()_\lo)
.endm

	.text
	.irp hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	.irp lo, 0, 1, 2, 3, 4, 5, 6, 7
	WT_TRAMP \hi, \lo
	.endr
	.endr

/*
 * Target of the IPMODIFY redirect for a denied WT_HOOK_ATOMIC call. The
 * ftrace callback stored the error in the saved %rdi; ftrace_regs_caller
 * restores the registers and RETs here in place of the hooked function.
 */
SYM_FUNC_START(wt_deny_stub)
	movl	%edi, %eax
	RET
SYM_FUNC_END(wt_deny_stub)

/* Addresses of the trampolines, indexed by slot. Keep in sync with WT_HOOK_MAX. */
	.pushsection .rodata
	.balign 8
SYM_DATA_START(wt_tramp_table)
	.irp hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	.irp lo, 0, 1, 2, 3, 4, 5, 6, 7
	.quad	wt_tramp_\hi\()_\lo
	.endr
	.endr
SYM_DATA_END(wt_tramp_table)
SYM_DATA(wt_tramp_count, .long 96)
	.popsection
