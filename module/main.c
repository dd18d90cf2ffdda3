// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - Windows access tokens for Linux: module entry points.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include "wintok.h"
#include "token.h"
#include "file_sd.h"
#include "impersonate.h"
#include "ipc_sd.h"
#include "process_access.h"
#include "unix_sd.h"
#include "traverse.h"
#include "audit.h"
#include "idmap.h"
#include "logon.h"
#include "genl.h"

static int wt_atomic_counter_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", atomic_long_read(kp->arg));
}

/*
 * Ops of a read-only module parameter showing the atomic_long_t its
 * module_param_cb() names as argument (the module's counters).
 */
const struct kernel_param_ops wt_atomic_counter_ops = {
	.get = wt_atomic_counter_get,
};

static int __init wintok_init(void)
{
	int err;

	wt_policy_init();
	/* The audit queue before the hooks that feed it. */
	err = wt_audit_init();
	if (err)
		goto fail_policy;
	/* Before any token state exists: a state may want the check. */
	wt_traverse_init();
	/* Tokens on credentials first: the device hands out their tokens. */
	err = wt_cred_map_init();
	if (err) {
		pr_err("cannot attach tokens to credentials: %d\n", err);
		goto fail_audit;
	}
	err = wt_file_init();
	if (err) {
		pr_err("cannot attach the file hooks: %d\n", err);
		goto fail_map;
	}
	/*
	 * The socket maps, then the AF_UNIX hooks that fill them, with
	 * their sk_free observer (wt_unix_init()).
	 */
	wt_unix_map_init();
	err = wt_connect_init();
	if (err) {
		pr_err("cannot set up the connection map: %d\n", err);
		goto fail_unix_map;
	}
	err = wt_unix_init();
	if (err) {
		pr_err("cannot attach the AF_UNIX hooks: %d\n", err);
		goto fail_connect;
	}
	err = wt_ipc_init();
	if (err) {
		pr_err("cannot attach the IPC hooks: %d\n", err);
		goto fail_unix;
	}
	err = wt_process_init();
	if (err) {
		pr_err("cannot attach the process access hook: %d\n", err);
		goto fail_ipc;
	}
	err = wt_device_init();
	if (err) {
		pr_err("cannot register /dev/%s: %d\n", WT_DEVICE_NAME, err);
		goto fail_process;
	}
	err = wt_genl_init();
	if (err) {
		pr_err("cannot register the generic netlink family: %d\n", err);
		goto fail_device;
	}
	pr_info("loaded, ABI version %d\n", WT_ABI_VERSION);
	return 0;

fail_device:
	wt_device_exit();
	/* An ioctl may have attached it meanwhile. */
	wt_traverse_exit();
fail_process:
	wt_process_exit();
fail_ipc:
	wt_ipc_exit();
fail_unix:
	wt_unix_exit();
fail_connect:
	wt_connect_exit();
fail_unix_map:
	wt_unix_map_exit();
	wt_file_exit();
fail_map:
	wt_cred_map_exit();
fail_audit:
	wt_audit_exit();
fail_policy:
	wt_policy_exit();
	return err;
}

static void __exit wintok_exit(void)
{
	/*
	 * No ioctl can be running (open files pin the module); the hooks go
	 * before the map, see Documentation/design/tokens.rst.
	 */
	wt_genl_exit();
	wt_device_exit();
	/* No ioctl can attach it any more; it uses the SD cache and the map. */
	wt_traverse_exit();
	wt_process_exit();
	wt_ipc_exit();
	wt_unix_exit();
	wt_connect_exit();
	wt_unix_map_exit();
	wt_file_exit();
	wt_cred_map_exit();
	/* No hook or ioctl can produce an event any more. */
	wt_audit_exit();
	wt_idmap_exit();
	wt_logon_exit();
	wt_policy_exit();
	pr_info("unloaded\n");
}

module_init(wintok_init);
module_exit(wintok_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Windows access tokens, impersonation and security descriptors");
MODULE_AUTHOR("wintok developers");
