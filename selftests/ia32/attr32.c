// SPDX-License-Identifier: GPL-2.0
/*
 * attr32: a 32-bit (ia32) program for file_ops_test. It changes the
 * attributes of the file open as descriptor 5 through the ia32 system
 * call table (int $0x80) and exits with 0 or the errno:
 *
 *   attr32 m    fchmod(5, 0644)
 *   attr32 o    fchown(5, -1, -1), the 16-bit-id system call
 *   attr32 O    fchown32(5, -1, -1)
 *   attr32 n    nothing (is ia32 emulation there at all?)
 *
 * Freestanding, without a C library: building it needs no 32-bit libc
 * (gcc-multilib), only gcc's -m32.
 */
#define NR_EXIT		1
#define NR_FCHMOD	94
#define NR_FCHOWN16	95
#define NR_FCHOWN32	207
#define FD		5

static long sys3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile ("int $0x80"
			  : "=a" (ret)
			  : "a" (nr), "b" (a), "c" (b), "d" (c)
			  : "memory");
	return ret;
}

/*
 * @sp: the initial stack: argc, then argv[]. Called from _start only (not
 * static, so the compiler keeps it); never returns.
 */
void attr32_main(long *sp)
{
	char **argv = (char **)(sp + 1);
	long ret = -22;		/* EINVAL: no such operation */

	if (sp[0] == 2 && argv[1][0] && !argv[1][1]) {
		switch (argv[1][0]) {
		case 'n':
			ret = 0;
			break;
		case 'm':
			ret = sys3(NR_FCHMOD, FD, 0644, 0);
			break;
		case 'o':
			ret = sys3(NR_FCHOWN16, FD, 0xffff, 0xffff);
			break;
		case 'O':
			ret = sys3(NR_FCHOWN32, FD, -1, -1);
			break;
		}
	}
	for (;;)
		sys3(NR_EXIT, ret < 0 ? -ret : 0, 0, 0);
}

/* The entry point: pass the initial stack, on a 16-byte aligned stack. */
__asm__(".globl _start\n"
	"_start:\n"
	"	xorl %ebp, %ebp\n"
	"	movl %esp, %eax\n"
	"	andl $-16, %esp\n"
	"	subl $12, %esp\n"
	"	pushl %eax\n"
	"	call attr32_main\n");
