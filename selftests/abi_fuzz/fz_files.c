// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz: raw security.wintok xattrs and token handles passed
 * between the processes with SCM_RIGHTS (see fz.h).
 */
#include "fz.h"

/* ---- raw security.wintok ---- */

void fz_xattr(struct fz *t)
{
	const char *path = paths[below(t, npaths)];
	uint32_t m = below(t, 100);
	long ret;
	int err;

	if (m < 50) {
		size_t len = fz_sd(t, t->sd);
		int ok, flags = chance(t, 90) ? 0 : below(t, 3);
		uint64_t p;

		if (chance(t, 5))
			len = 0;
		p = fz_ptr(t, t->sd, len, &ok);
		/* The VFS's own refusals are not wintok's to document. */
		if (!ok && p && chance(t, 80))
			p = (uintptr_t)(t->sd);
		if (len > WT_SD_MAX_SIZE || (flags && chance(t, 80)))
			flags = 0, len = len > WT_SD_MAX_SIZE ? WT_SD_MAX_SIZE : len;
		ret = setxattr(path, WT_XATTR_NAME, (void *)(uintptr_t)p, len,
			       flags);
		err = errno;
		if (flags && ret < 0 && (err == EEXIST || err == ENODATA))
			return;
		fz_result(t, C_XATTR_SET, ret, err);
	} else if (m < 85) {
		size_t len = chance(t, 30) ? 0 : chance(t, 30) ? below(t, 64) :
			     PS;
		int ok;
		uint64_t p = fz_ptr(t, NULL, len, &ok);

		ret = getxattr(path, WT_XATTR_NAME, (void *)(uintptr_t)p, len);
		fz_result(t, C_XATTR_GET, ret, errno);
	} else {
		ret = removexattr(path, WT_XATTR_NAME);
		fz_result(t, C_XATTR_REMOVE, ret, errno);
	}
}

/* ---- SCM_RIGHTS between the processes ---- */

/* The rights of token handle @fd from its fdinfo; -1 if none. */
static long fd_access(int fd)
{
	char p[64], line[128];
	long v = -1;
	FILE *f;

	snprintf(p, sizeof(p), "/proc/self/fdinfo/%d", fd);
	f = fopen(p, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "wt-access: %lx", &v) == 1)
			break;
	fclose(f);
	return v;
}

void fz_scm(struct fz *t)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr mh = { 0 };
	struct cmsghdr *c;
	struct iovec iov;
	long rights;		/* -1: a netlink socket; -2: not known */
	int fd;

	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	iov.iov_base = &rights;
	iov.iov_len = sizeof(rights);
	if (chance(t, 50)) {
		int tok = chance(t, 90);

		fd = tok ? t->tok[below(t, POOL)] : t->nl_share;
		if (fd < 0)
			return;
		/* An impersonating thread may not read its fdinfo. */
		rights = tok ? fd_access(fd) : -1;
		if (tok && rights < 0)
			rights = -2;
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		if (sendmsg(t->scm_tx, &mh, MSG_DONTWAIT) > 0)
			atomic_fetch_add(&sh->scm_sent, 1);
		return;
	}
	if (recvmsg(t->scm_rx, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) <= 0)
		return;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	atomic_fetch_add(&sh->scm_recv, 1);
	if (rights == -1) {		/* a netlink socket */
		if (t->nnl < 4) {
			t->nl[t->nnl++] = fd;
		} else {
			close(t->nl[3]);
			t->nl[3] = fd;
		}
		return;
	}
	{
		long now = fd_access(fd);

		if (rights >= 0 && now >= 0 && now != rights) {
			atomic_fetch_add(&sh->scm_bad_rights, 1);
			fz_bug(t, "handle sent with rights %#lx arrived with %#lx",
			       rights, now);
		}
	}
	atomic_fetch_add(&sh->scm_used, 1);
	pool_add(t, fd);
	/* Use it at once: query it, and impersonate it now and then. */
	if (chance(t, 30)) {
		struct wt_impersonate im = { .size = sizeof(im), .fd = fd };
		long ret = ioctl(t->dev, WT_IOC_IMPERSONATE, &im);

		fz_result(t, C_IMPERSONATE, ret, errno);
		if (ret >= 0)
			t->imp = 1;
	} else {
		struct wt_token_query q = {
			.size = sizeof(q), .info_class = WT_TOKEN_INFO_USER,
			.length = PS, .buffer = (uintptr_t)t->buf,
		};
		long ret = ioctl(fd, WT_IOC_QUERY_TOKEN, &q);

		fz_result(t, C_QUERY_TOKEN, ret, errno);
	}
}
