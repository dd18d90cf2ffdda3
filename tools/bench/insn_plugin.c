// SPDX-License-Identifier: GPL-2.0
/*
 * insn_plugin - a QEMU TCG plugin that counts the guest kernel's executed
 * instructions by translated block, for `make bench-profile`.
 *
 * Every block QEMU translates at a kernel address (the upper half) gets a
 * counter that the generated code itself increments (an inline add, no
 * call back into the plugin), so the count is exact and the guest runs at
 * nearly its normal TCG speed. At exit the plugin writes one line per
 * block: "start-address instructions executions", to the file named by
 * the argument outfile=PATH. A block ends at every branch and call, so
 * its start address names the function it belongs to (the host side maps
 * addresses to symbols with System.map and the guest's /proc/kallsyms).
 *
 * qemu_plugin_abi.h declares the part of QEMU's plugin ABI it uses.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_abi.h"

/* QEMU refuses a plugin whose version it does not know. */
__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* One translated block: the counter its code increments. */
struct block {
	uint64_t start;
	uint64_t count;
	uint32_t insns;
	struct block *next;
};

#define HASH_BITS 20
static struct block *table[1u << HASH_BITS];
static char *outfile;

static unsigned int hash(uint64_t start, uint32_t insns)
{
	return (unsigned int)(((start ^ insns) * 0x9e3779b97f4a7c15ull) >>
			      (64 - HASH_BITS));
}

/*
 * A block translated again (after a flush, or from another entry point)
 * shares the counter of the same start and length: the counters must stay
 * where the generated code points, so entries are never moved or freed.
 */
static struct block *block_of(uint64_t start, uint32_t insns)
{
	unsigned int h = hash(start, insns);
	struct block *b;

	for (b = table[h]; b; b = b->next)
		if (b->start == start && b->insns == insns)
			return b;
	b = calloc(1, sizeof(*b));
	if (!b)
		abort();
	b->start = start;
	b->insns = insns;
	b->next = table[h];
	table[h] = b;
	return b;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t start = qemu_plugin_tb_vaddr(tb);
	struct block *b;

	(void)id;
	if (start < 0xffff800000000000ull)
		return;		/* user space: not ours to profile */
	b = block_of(start, (uint32_t)qemu_plugin_tb_n_insns(tb));
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->count, 1);
}

static void on_vm_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(outfile, "w");
	unsigned int i;
	struct block *b;

	(void)id;
	(void)userdata;
	if (!f) {
		perror(outfile);
		return;
	}
	for (i = 0; i < 1u << HASH_BITS; i++)
		for (b = table[i]; b; b = b->next)
			if (b->count)
				fprintf(f, "%llx %u %llu\n",
					(unsigned long long)b->start, b->insns,
					(unsigned long long)b->count);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
			int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "outfile=", 8))
			outfile = argv[i] + 8;
	if (!outfile) {
		fprintf(stderr, "insn_plugin: outfile=PATH is required\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_vm_exit, NULL);
	return 0;
}
