// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - the /dev/wintok misc device and its ioctl dispatch.
 *
 * The device is world read-write on purpose: opening it grants nothing.
 * Every operation is authorised by the caller's token, the way Windows
 * authorises system calls, not by the mode of a device node.
 */
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "file_sd.h"
#include "impersonate.h"
#include "ipc_sd.h"

/**
 * wt_copy_arg_in() - copy an extensible ioctl argument in
 * @karg: the kernel's copy
 * @ksize: its size
 * @uarg: the user's argument, starting with its __u32 size
 * @ver0: the size of the first version of the structure
 * @usize: out: the size the user gave
 *
 * Return: 0, -EFAULT, -EINVAL (@usize below @ver0) or -E2BIG (over a page,
 * or unknown trailing bytes not zero).
 */
int wt_copy_arg_in(void *karg, size_t ksize, void __user *uarg,
		   u32 ver0, u32 *usize)
{
	if (get_user(*usize, (u32 __user *)uarg))
		return -EFAULT;
	if (*usize < ver0)
		return -EINVAL;
	if (*usize > PAGE_SIZE)
		return -E2BIG;
	return copy_struct_from_user(karg, ksize, uarg, *usize);
}

/**
 * wt_copy_arg_out() - write back what both sides know, size set to that
 * @karg: the kernel's copy; its first __u32 is overwritten with the size
 * @ksize: its size
 * @uarg: the user's argument
 * @usize: the size the user gave
 *
 * Return: 0 or -EFAULT.
 */
int wt_copy_arg_out(void *karg, size_t ksize, void __user *uarg,
		    u32 usize)
{
	u32 n = min_t(u32, usize, ksize);

	*(u32 *)karg = n;
	return copy_to_user(uarg, karg, n) ? -EFAULT : 0;
}

/*
 * The layout of every ioctl argument, in one place: the size of its first
 * version and the offsets users compiled against can never change, so a
 * field moved by mistake fails the build here rather than old binaries at
 * run time. Adding a field appends it and adds a _SIZE_VERn (overview.rst,
 * "Extensible ABI").
 */
static void __init wt_build_check_abi(void)
{
	BUILD_BUG_ON(sizeof(struct wt_version) != WT_VERSION_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_version, features) != 8);

	BUILD_BUG_ON(sizeof(struct wt_open_token) != WT_OPEN_TOKEN_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_open_token, reserved) != 16);
	BUILD_BUG_ON(offsetof(struct wt_open_token, process) != 16);

	BUILD_BUG_ON(sizeof(struct wt_token_query) != WT_TOKEN_QUERY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_token_query, buffer) != 16);
	/* What WT_IOC_QUERY_TOKEN writes into its buffer. */
	BUILD_BUG_ON(sizeof(struct wt_sid_and_attributes) != 76);
	BUILD_BUG_ON(sizeof(struct wt_token_groups) != 8);
	BUILD_BUG_ON(sizeof(struct wt_luid_and_attributes) != 16);
	BUILD_BUG_ON(sizeof(struct wt_token_privileges) != 8);
	BUILD_BUG_ON(sizeof(struct wt_token_source) != 16);
	BUILD_BUG_ON(sizeof(struct wt_token_statistics) != 56);
	BUILD_BUG_ON(offsetof(struct wt_token_statistics, modified_id) != 48);
	BUILD_BUG_ON(sizeof(struct wt_token_linux) != 16);
	BUILD_BUG_ON(WT_SID_MAX_BYTES != WT_SID_MAX_SIZE);

	BUILD_BUG_ON(sizeof(struct wt_file_security) != WT_FILE_SECURITY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_file_security, fd) != 8);
	BUILD_BUG_ON(offsetof(struct wt_file_security, length) != 16);
	BUILD_BUG_ON(offsetof(struct wt_file_security, buffer) != 24);

	BUILD_BUG_ON(sizeof(struct wt_adjust_privileges) !=
		     WT_ADJUST_PRIVILEGES_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_adjust_privileges, previous_count) != 32);

	BUILD_BUG_ON(sizeof(struct wt_impersonate) != WT_IMPERSONATE_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_impersonate, level) != 12);
	BUILD_BUG_ON(offsetof(struct wt_impersonate, reserved) != 20);

	BUILD_BUG_ON(sizeof(struct wt_socket_qos) != WT_SOCKET_QOS_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_socket_qos, reserved) != 16);

	BUILD_BUG_ON(sizeof(struct wt_open_thread_token) !=
		     WT_OPEN_THREAD_TOKEN_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_open_thread_token, granted_access) != 16);

	BUILD_BUG_ON(sizeof(struct wt_duplicate_token) !=
		     WT_DUPLICATE_TOKEN_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_duplicate_token, type) != 16);
	BUILD_BUG_ON(offsetof(struct wt_duplicate_token, reserved) != 24);

	BUILD_BUG_ON(sizeof(struct wt_adjust_groups) != WT_ADJUST_GROUPS_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_adjust_groups, groups) != 16);
	BUILD_BUG_ON(offsetof(struct wt_adjust_groups, previous_count) != 32);

	BUILD_BUG_ON(sizeof(struct wt_create_restricted) !=
		     WT_CREATE_RESTRICTED_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_create_restricted, deny_sids) != 32);
	BUILD_BUG_ON(offsetof(struct wt_create_restricted, restrict_sids) != 48);

	BUILD_BUG_ON(sizeof(struct wt_token_set) != WT_TOKEN_SET_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_token_set, buffer) != 16);

	BUILD_BUG_ON(sizeof(struct wt_create_token) != WT_CREATE_TOKEN_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct wt_create_token, user_claims) !=
		     WT_CREATE_TOKEN_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_create_token, user_claims_length) != 352);
	BUILD_BUG_ON(offsetof(struct wt_create_token, user) != 48);
	BUILD_BUG_ON(offsetof(struct wt_create_token, group_count) != 276);
	BUILD_BUG_ON(offsetof(struct wt_create_token, groups) != 288);
	BUILD_BUG_ON(offsetof(struct wt_create_token, dacl_length) != 320);

	BUILD_BUG_ON(sizeof(struct wt_assign_primary) != WT_ASSIGN_PRIMARY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_assign_primary, fd) != 8);

	BUILD_BUG_ON(sizeof(struct wt_ipc_security) != WT_IPC_SECURITY_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_ipc_security, type) != 8);
	BUILD_BUG_ON(offsetof(struct wt_ipc_security, id) != 12);
	BUILD_BUG_ON(offsetof(struct wt_ipc_security, selectors) != 16);
	BUILD_BUG_ON(offsetof(struct wt_ipc_security, length) != 20);
	BUILD_BUG_ON(offsetof(struct wt_ipc_security, buffer) != 24);
	BUILD_BUG_ON(offsetof(struct wt_ipc_security, reserved) != 32);

	BUILD_BUG_ON(sizeof(struct wt_open_backup) != WT_OPEN_BACKUP_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, dirfd) != 8);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, open_flags) != 12);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, mode) != 16);
	BUILD_BUG_ON(offsetof(struct wt_open_backup, path) != 24);

	BUILD_BUG_ON(sizeof(struct wt_backup_intent) != WT_BACKUP_INTENT_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_backup_intent, previous) != 8);
}

static long wt_ioctl_get_version(void __user *arg)
{
	struct wt_version ver;
	u32 usize;
	int err;

	err = wt_copy_arg_in(&ver, sizeof(ver), arg, WT_VERSION_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	ver.abi = WT_ABI_VERSION;
	ver.features = 0;
	return wt_copy_arg_out(&ver, sizeof(ver), arg, usize);
}

static long wt_device_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case WT_IOC_GET_VERSION:
		return wt_ioctl_get_version(uarg);
	case WT_IOC_OPEN_PROCESS_TOKEN:
		return wt_ioctl_open_process_token(uarg);
	case WT_IOC_CREATE_TOKEN:
		return wt_ioctl_create_token(uarg);
	case WT_IOC_ASSIGN_PRIMARY_TOKEN:
		return wt_ioctl_assign_primary_token(uarg);
	case WT_IOC_GET_FILE_SECURITY:
		return wt_ioctl_get_file_security(uarg);
	case WT_IOC_SET_FILE_SECURITY:
		return wt_ioctl_set_file_security(uarg);
	case WT_IOC_IMPERSONATE:
		return wt_ioctl_impersonate(uarg);
	case WT_IOC_REVERT_TO_SELF:
		return wt_ioctl_revert_to_self(arg);
	case WT_IOC_SET_CONNECT_QOS:
		return wt_ioctl_set_connect_qos(uarg);
	case WT_IOC_IMPERSONATE_PEER:
		return wt_ioctl_impersonate_peer(uarg);
	case WT_IOC_OPEN_THREAD_TOKEN:
		return wt_ioctl_open_thread_token(uarg);
	case WT_IOC_GET_IPC_SECURITY:
		return wt_ioctl_get_ipc_security(uarg);
	case WT_IOC_SET_IPC_SECURITY:
		return wt_ioctl_set_ipc_security(uarg);
	case WT_IOC_OPEN_BACKUP:
		return wt_ioctl_open_backup(uarg);
	case WT_IOC_SET_BACKUP_INTENT:
		return wt_ioctl_set_backup_intent(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations wt_device_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = wt_device_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice wt_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = WT_DEVICE_NAME,
	.fops = &wt_device_fops,
	.mode = 0666,
};

int __init wt_device_init(void)
{
	wt_build_check_abi();
	return misc_register(&wt_miscdev);
}

void wt_device_exit(void)
{
	misc_deregister(&wt_miscdev);
}
