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

static long wt_ioctl_get_version(void __user *arg)
{
	struct wt_version ver = {};
	u32 usize;
	int err;

	BUILD_BUG_ON(sizeof(struct wt_version) != WT_VERSION_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct wt_version, features) != 8);

	if (get_user(usize, (u32 __user *)arg))
		return -EFAULT;
	if (usize < WT_VERSION_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(&ver, sizeof(ver), arg, usize);
	if (err)
		return err;

	ver.size = min_t(u32, usize, sizeof(ver));
	ver.abi = WT_ABI_VERSION;
	ver.features = 0;
	if (copy_to_user(arg, &ver, ver.size))
		return -EFAULT;
	return 0;
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

int wt_device_init(void)
{
	return misc_register(&wt_miscdev);
}

void wt_device_exit(void)
{
	misc_deregister(&wt_miscdev);
}
