// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libwintok - impersonation: impersonate a token or the client of a
 * connection, revert, the client's connect QoS, thread tokens and
 * DuplicateTokenEx().
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "libwintok.h"
#include "wt_lib.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* WT_IOC_IMPERSONATE or WT_IOC_IMPERSONATE_PEER with @fd. */
static int wt_impersonate_ioctl(int devfd, unsigned long cmd, int fd,
				__u32 *level, __u32 *result)
{
	struct wt_impersonate imp;
	int ret;

	wt_arg_init(&imp, sizeof(imp));
	imp.fd = fd;
	ret = wt_device_ioctl(devfd, cmd, &imp);
	if (ret == 0) {
		if (level)
			*level = imp.level;
		if (result)
			*result = imp.result;
	}
	return ret ? -1 : 0;
}

int wt_impersonate_token(int devfd, int tokfd, __u32 *level, __u32 *result)
{
	return wt_impersonate_ioctl(devfd, WT_IOC_IMPERSONATE, tokfd, level,
				    result);
}

int wt_impersonate_peer(int devfd, int sockfd, __u32 *level, __u32 *result)
{
	return wt_impersonate_ioctl(devfd, WT_IOC_IMPERSONATE_PEER, sockfd,
				    level, result);
}

int wt_revert_to_self(int devfd)
{
	return wt_device_ioctl(devfd, WT_IOC_REVERT_TO_SELF, NULL) ? -1 : 0;
}

int wt_set_connect_qos(int devfd, int sockfd, __u32 level, __u32 flags)
{
	struct wt_socket_qos qos;

	wt_arg_init(&qos, sizeof(qos));
	qos.flags = flags;
	qos.fd = sockfd;
	qos.level = level;
	return wt_device_ioctl(devfd, WT_IOC_SET_CONNECT_QOS, &qos) ? -1 : 0;
}

int wt_open_thread_token(int devfd, pid_t tid, __u32 flags,
			 __u32 desired_access, __u32 *granted_access)
{
	struct wt_open_thread_token ot;

	wt_arg_init(&ot, sizeof(ot));
	ot.flags = flags;
	ot.tid = tid;
	ot.desired_access = desired_access;
	return wt_handle_result(wt_device_ioctl(devfd, WT_IOC_OPEN_THREAD_TOKEN, &ot),
				&ot.granted_access, granted_access);
}

int wt_duplicate_token(int tokfd, __u32 desired_access, __u32 type,
		       __u32 level, __u32 *granted_access)
{
	struct wt_duplicate_token dup;

	wt_arg_init(&dup, sizeof(dup));
	dup.desired_access = desired_access;
	dup.type = type;
	dup.level = level;
	return wt_handle_result(ioctl(tokfd, WT_IOC_DUPLICATE_TOKEN, &dup),
				&dup.granted_access, granted_access);
}

static const char *const wt_level_names[] = {
	[WT_SECURITY_ANONYMOUS] = "Anonymous",
	[WT_SECURITY_IDENTIFICATION] = "Identification",
	[WT_SECURITY_IMPERSONATION] = "Impersonation",
	[WT_SECURITY_DELEGATION] = "Delegation",
};

const char *wt_impersonation_level_name(__u32 level)
{
	if (level >= ARRAY_SIZE(wt_level_names))
		return NULL;
	return wt_level_names[level];
}
