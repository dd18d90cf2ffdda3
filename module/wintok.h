/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - Windows access tokens for Linux: declarations shared by the
 * module's files.
 */
#ifndef WINTOK_MODULE_H
#define WINTOK_MODULE_H

#include <linux/fs.h>
#include <linux/moduleparam.h>
#include <linux/wintok.h>

#undef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

int wt_copy_arg_in(void *karg, size_t ksize, void __user *uarg, u32 ver0,
		   u32 *usize);
int wt_copy_arg_out(void *karg, size_t ksize, void __user *uarg, u32 usize);
extern const struct kernel_param_ops wt_atomic_counter_ops;
int wt_device_init(void);
void wt_device_exit(void);

#endif /* WINTOK_MODULE_H */
