/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of QEMU's TCG plugin ABI tools/bench/insn_plugin.c uses
 * (version 1, QEMU 7.2 as Debian bookworm ships it). Debian packages no
 * header for it: the names and types are those QEMU exports to plugins
 * (`nm -D qemu-system-x86_64 | grep qemu_plugin_`) and documents in its
 * "TCG Plugins" manual.
 */
#ifndef WT_QEMU_PLUGIN_ABI_H
#define WT_QEMU_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   void (*cb)(qemu_plugin_id_t,
						      struct qemu_plugin_tb *));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    void (*cb)(qemu_plugin_id_t, void *),
				    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

#endif /* WT_QEMU_PLUGIN_ABI_H */
