// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - Windows access tokens for Linux: module entry points.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "wintok.h"

static int __init wintok_init(void)
{
	int err;

	err = wt_device_init();
	if (err) {
		pr_err("cannot register /dev/%s: %d\n", WT_DEVICE_NAME, err);
		return err;
	}
	pr_info("loaded, ABI version %d\n", WT_ABI_VERSION);
	return 0;
}

static void __exit wintok_exit(void)
{
	wt_device_exit();
	pr_info("unloaded\n");
}

module_init(wintok_init);
module_exit(wintok_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Windows access tokens, impersonation and security descriptors");
MODULE_AUTHOR("wintok developers");
