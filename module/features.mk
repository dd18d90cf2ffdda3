# SPDX-License-Identifier: GPL-2.0
# Feature probes against the headers of the kernel being built for. The
# sources test for the interfaces they use rather than for version numbers,
# which distribution backports make unreliable. Included by the Kbuild of
# wintok.ko and of the hooktest module.

# 6.1 attaches a direct-call trampoline with the ops-based *_multi() calls;
# from 6.5 those are the plain register_ftrace_direct() and friends.
ifneq ($(shell grep -sqw register_ftrace_direct_multi \
	$(srctree)/include/linux/ftrace.h && echo y),)
wt-features += -DWT_HAVE_FTRACE_DIRECT_MULTI
endif

# Call-depth tracking (6.2+) wants every CALL target to account for itself.
ifneq ($(shell grep -sqw CALL_DEPTH_ACCOUNT \
	$(srctree)/arch/x86/include/asm/nospec-branch.h && echo y),)
wt-features += -DWT_HAVE_CALL_DEPTH_ACCOUNT
endif

# 6.3 replaced the user_namespace argument of the xattr and permission
# helpers (__vfs_setxattr(), inode_owner_or_capable(), the inode xattr
# hooks) by a struct mnt_idmap.
ifneq ($(shell grep -sqw mnt_idmap $(srctree)/include/linux/xattr.h && echo y),)
wt-features += -DWT_HAVE_MNT_IDMAP
endif

# Restricting who may join a generic netlink multicast group
# (GENL_MCAST_CAP_SYS_ADMIN, 6.7, backported to Debian's 6.1). Without it
# the "audit" group is not offered at all: anyone could join it.
ifneq ($(shell grep -sqw GENL_MCAST_CAP_SYS_ADMIN \
	$(srctree)/include/net/genetlink.h && echo y),)
wt-features += -DWT_HAVE_GENL_MCAST_CAP
endif

# 6.2 moved POSIX ACL changes from the xattr hooks to their own
# (security_inode_set_acl(), security_inode_remove_acl()).
ifneq ($(shell grep -sqw security_inode_set_acl \
	$(srctree)/include/linux/security.h && echo y),)
wt-features += -DWT_HAVE_INODE_SET_ACL
endif

ccflags-y += $(wt-features)
asflags-y += $(wt-features)
