// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz: random numbers, the record of results, user pointers,
 * security descriptors and the pool of token handles (see fz.h).
 */
#include "fz.h"

const char *const wname[NW] = {
	"root", "alice", "low", "restricted", "bob",
};

const struct cmdinfo cmds[NCMD] = {
	[C_GET_VERSION] = { "GET_VERSION", K_DEV, { EFAULT, EINVAL, E2BIG } },
	[C_OPEN_PROCESS_TOKEN] = { "OPEN_PROCESS_TOKEN", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EACCES, ENOMEM, EMFILE, ENFILE, ESRCH,
		  EBADF, EBADFD, ENOKEY } },
	[C_CREATE_TOKEN] = { "CREATE_TOKEN", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EPERM, ENOKEY, EACCES, ENOMEM, EMFILE,
		  ENFILE, EBUSY } },
	[C_ASSIGN_PRIMARY] = { "ASSIGN_PRIMARY_TOKEN", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, EBADFD, EACCES, EPERM, ENOKEY,
		  EBUSY, ENOMEM } },
	[C_GET_FILE_SECURITY] = { "GET_FILE_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, ENODATA, EOPNOTSUPP, EACCES,
		  EPERM, ERANGE, EIO, ENOMEM, ENOKEY } },
	[C_SET_FILE_SECURITY] = { "SET_FILE_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, ENODATA, EOPNOTSUPP, EACCES,
		  EPERM, EIO, EROFS, ENOMEM, ENOSPC, EDQUOT, ENOKEY } },
	[C_IMPERSONATE] = { "IMPERSONATE", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, EBADFD, EACCES, ENOMEM,
		  EBUSY } },
	[C_REVERT] = { "REVERT_TO_SELF", K_DEV, { EINVAL } },
	[C_SET_CONNECT_QOS] = { "SET_CONNECT_QOS", K_DEV,
		{ EFAULT, E2BIG, EINVAL, EBADF, ENOTSOCK, EOPNOTSUPP, EISCONN,
		  ENOMEM } },
	[C_IMPERSONATE_PEER] = { "IMPERSONATE_PEER", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EBADF, ENOTSOCK, EOPNOTSUPP, ENOTCONN,
		  ENOENT, ENOMEM, EBUSY } },
	[C_OPEN_THREAD_TOKEN] = { "OPEN_THREAD_TOKEN", K_DEV,
		{ EFAULT, E2BIG, EINVAL, EACCES, ESRCH, EPERM, ENOENT, ENOMEM,
		  EMFILE, ENFILE } },
	[C_GET_IPC_SECURITY] = { "GET_IPC_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, ENODATA, EACCES, EPERM, ERANGE, ENOKEY,
		  ENOMEM, EIO } },
	[C_SET_IPC_SECURITY] = { "SET_IPC_SECURITY", K_DEV,
		{ EFAULT, EINVAL, E2BIG, EACCES, EPERM, ENOKEY, ENOMEM, EIO } },
	[C_OPEN_BACKUP] = { "OPEN_BACKUP", K_DEV,
		{ EFAULT, EINVAL, E2BIG, ENAMETOOLONG, EBADF, ENOTDIR, ENOENT,
		  EOPNOTSUPP, EACCES, EMFILE, ENFILE, EISDIR, ELOOP, EEXIST,
		  ENOKEY, EPERM, ENOSPC, ENOMEM } },
	[C_SET_BACKUP_INTENT] = { "SET_BACKUP_INTENT", K_DEV,
		{ EFAULT, EINVAL, E2BIG, ENOMEM } },
	[C_DEV_UNKNOWN] = { "device:other_cmd", K_DEV, { ENOTTY } },
	[C_QUERY_TOKEN] = { "QUERY_TOKEN", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, ERANGE, ENODATA,
		  ENOMEM } },
	[C_ADJUST_PRIVILEGES] = { "ADJUST_PRIVILEGES", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, ERANGE, ENOMEM,
		  EBUSY } },
	[C_DUPLICATE_TOKEN] = { "DUPLICATE_TOKEN", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, E2BIG, EINVAL, EACCES, ENOKEY, ENOMEM,
		  EMFILE, ENFILE } },
	[C_ADJUST_GROUPS] = { "ADJUST_GROUPS", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, EPERM, ERANGE,
		  ENOMEM } },
	[C_CREATE_RESTRICTED] = { "CREATE_RESTRICTED_TOKEN", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, EPERM, ENOMEM, EMFILE,
		  ENFILE, EBUSY } },
	[C_SET_TOKEN_INFO] = { "SET_TOKEN_INFORMATION", K_TOKEN,
		{ EBADF, ENOTTY, EFAULT, EINVAL, E2BIG, EACCES, EPERM, ENOKEY,
		  ENOMEM } },
	[C_TOKEN_UNKNOWN] = { "token:other_cmd", K_TOKEN, { ENOTTY } },
	[C_TOKEN_READ] = { "token:read", K_TOKEN, { EINVAL } },
	[C_TOKEN_WRITE] = { "token:write", K_TOKEN, { EBADF } },
	[C_NL_FIRST + WT_CMD_UNSPEC] = { "nl:UNSPEC", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_POLICY] = { "nl:GET_POLICY", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_SET_POLICY] = { "nl:SET_POLICY", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  E2BIG } },
	[C_NL_FIRST + WT_CMD_GET_CONNECT_LEVEL] = { "nl:GET_CONNECT_LEVEL",
		K_NL, { EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_SET_CONNECT_LEVEL] = { "nl:SET_CONNECT_LEVEL",
		K_NL, { EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_STATS] = { "nl:GET_STATS", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_TOKEN] = { "nl:GET_TOKEN", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  ESRCH, E2BIG } },
	[C_NL_FIRST + WT_CMD_GET_IDMAP] = { "nl:GET_IDMAP", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  EAGAIN, EMSGSIZE, EBUSY } },
	[C_NL_FIRST + WT_CMD_SET_IDMAP] = { "nl:SET_IDMAP", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  E2BIG } },
	[C_NL_FIRST + WT_CMD_AUDIT_EVENT] = { "nl:AUDIT_EVENT", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	[C_NL_FIRST + WT_CMD_GET_SESSION] = { "nl:GET_SESSION", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  ENOENT } },
	/* EBUSY: a dump runs on the socket already (a passed socket). */
	[C_NL_FIRST + WT_CMD_LIST_SESSIONS] = { "nl:LIST_SESSIONS", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM, EBUSY } },
	[C_NL_FIRST + WT_CMD_CREATE_SESSION] = { "nl:CREATE_SESSION", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM,
		  EBUSY } },
	[C_NL_UNKNOWN] = { "nl:other_cmd", K_NL,
		{ EOPNOTSUPP, EINVAL, ERANGE, EPERM, ENOKEY, ENOMEM } },
	/* EACCES: path lookup through a directory that denies traverse. */
	[C_XATTR_SET] = { "setxattr", K_XATTR,
		{ EPERM, EINVAL, ENOKEY, EFAULT, EACCES } },
	[C_XATTR_GET] = { "getxattr", K_XATTR,
		{ EACCES, ENOKEY, ENODATA, ERANGE, EFAULT } },
	[C_XATTR_REMOVE] = { "removexattr", K_XATTR,
		{ EPERM, ENOKEY, ENODATA, EACCES } },
};

/* ---- random numbers: splitmix64, one generator per thread ---- */

uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t rnd(struct fz *t)
{
	return splitmix(&t->rng);
}

uint32_t below(struct fz *t, uint32_t n)
{
	return n ? rnd(t) % n : 0;
}

int chance(struct fz *t, int pct)
{
	return below(t, 100) < (uint32_t)pct;
}

static const uint32_t interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x3ff, 0x400, 0x401,
	0xfff, 0x1000, 0x1001, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
	0xfffffffe, 0xffffffff,
};

uint32_t fz_u32(struct fz *t)
{
	return chance(t, 70) ? interesting[below(t, ARRAY_SIZE(interesting))] : (uint32_t)rnd(t);
}

static const char *const sids[] = {
	"S-1-1-0", "S-1-22-1-0", "S-1-22-1-1001", "S-1-22-1-1002",
	"S-1-22-2-0", "S-1-22-2-100", "S-1-22-2-2001", "S-1-5-18", "S-1-5-11",
	"S-1-5-7", "S-1-3-4", "S-1-5-32-544", "S-1-16-4096", "S-1-16-8192",
	"S-1-16-12288", "S-1-16-16384", "S-1-5-21-1-2-3-1000", "S-1-2-0",
	"S-1-5-5-0-999",
};

static const uint32_t masks[] = {
	0, WT_FILE_ALL_ACCESS, WT_GENERIC_ALL, WT_READ_CONTROL, WT_WRITE_DAC,
	WT_WRITE_OWNER, WT_FILE_GENERIC_READ, WT_FILE_GENERIC_WRITE, WT_DELETE,
	WT_MAXIMUM_ALLOWED, WT_ACCESS_SYSTEM_SECURITY, WT_GENERIC_READ,
	WT_IPC_ALL_ACCESS, WT_FILE_READ_DATA, 0xffffffff,
};

/* ---- recording results ---- */

void fz_bug(struct fz *t, const char *fmt, ...)
{
	long n = atomic_fetch_add(&sh->nbugs, 1);
	va_list ap;
	int off;

	if (n >= MAX_BUGS)
		return;
	off = snprintf(sh->bug[n], sizeof(sh->bug[n]), "%s/%d iter %ld: ",
		       wname[t->w], t->t, t->iter);
	va_start(ap, fmt);
	vsnprintf(sh->bug[n] + off, sizeof(sh->bug[n]) - off, fmt, ap);
	va_end(ap);
}

/*
 * Count the outcome of one call of @cmd: @ret < 0 failed with errno
 * @err. A failure must carry an errno documented for the command; a
 * call whose argument had to be refused must not succeed.
 */
void fz_result(struct fz *t, int cmd, long ret, int err)
{
	const int *e;

	atomic_fetch_add(&sh->execs, 1);
	if (ret >= 0) {
		atomic_fetch_add(&sh->cnt[cmd][0], 1);
		if (t->must_fail)
			fz_bug(t, "%s accepted an invalid argument (%s)",
			       cmds[cmd].name, t->must_fail == 1 ? "size" :
			       t->must_fail == 2 ? "tail" : "field");
		return;
	}
	if (err <= 0 || err >= NERR)
		err = NERR - 1;
	atomic_fetch_add(&sh->cnt[cmd][err], 1);
	for (e = cmds[cmd].errs; *e; e++)
		if (*e == err)
			return;
	atomic_fetch_add(&sh->undoc_kind[cmds[cmd].kind], 1);
	{
		long n = atomic_fetch_add(&sh->nundoc, 1);

		if (n < MAX_UNDOC)
			sh->undoc[n] = (struct undoc){ cmd, err, t->w, t->t,
						       t->iter, t->detail };
	}
}

/* ---- user pointers ---- */

/*
 * Place @len bytes (@src, or zeros when NULL) where the kernel will read
 * or write them: mostly a valid buffer, sometimes NULL, a PROT_NONE page,
 * a buffer running into one, a kernel address. Sets *@ok to whether the
 * whole buffer is accessible.
 */
uint64_t fz_ptr(struct fz *t, const void *src, size_t len, int *ok)
{
	uint32_t m = below(t, 100);
	uint8_t *p;

	*ok = 0;
	if (m < 4)
		return 0;
	if (m < 7)
		return (uint64_t)(uintptr_t)(t->noacc + below(t, PS));
	if (m < 9)
		return KADDR + below(t, 1 << 20);
	if (m < 13 && len > 1 && len <= PS) {
		/* Runs into the PROT_NONE page after the buffer page. */
		size_t in = 1 + below(t, len - 1);

		p = t->buf + PS - in;
		if (src)
			memcpy(p, src, in);
		else
			memset(p, 0, in);
		return (uint64_t)(uintptr_t)p;
	}
	*ok = 1;
	if (len + 8 <= PS) {
		p = t->buf + (chance(t, 20) ? below(t, 8) : 0);
		if (p + len > t->buf + PS)
			p = t->buf;
	} else {
		p = t->big;
		if (len > BIG)
			len = BIG;
	}
	if (src)
		memcpy(p, src, len);
	else
		memset(p, 0xa5, len);
	return (uint64_t)(uintptr_t)p;
}

/*
 * An ioctl argument: @s (@ssize bytes, the structure's known size, with
 * its size field first) with its size field chosen, placed in the
 * argument pages. @ver0 is the first version's size. Field mutations have
 * been made by the caller.
 */
void *fz_arg(struct fz *t, void *s, size_t ssize, uint32_t ver0)
{
	uint32_t m = below(t, 100), usize = ssize;
	uint8_t *p;

	if (m < 8) {
		usize = below(t, ver0);
		t->must_fail = 1;
	} else if (m < 16) {
		usize = ssize + 1 + below(t, 64);
	} else if (m < 19) {
		usize = PS + 1 + below(t, 3) * 1000;
		t->must_fail = 1;
	} else if (m < 21) {
		usize = 0xffffffff;
		t->must_fail = 1;
	}
	memcpy(s, &usize, 4);
	m = below(t, 100);
	if (m < 3)
		return NULL;
	if (m < 6)
		return t->noacc + below(t, PS);
	if (m < 8)
		return (void *)(uintptr_t)(KADDR + below(t, 4096));
	if (m < 13) {
		/* Across the page boundary: the size field readable or not. */
		size_t in = 1 + below(t, ssize - 1);

		p = t->arg + 2 * PS - in;
		memcpy(p, s, in);
		t->must_fail = 0;	/* EFAULT comes first */
		return p;
	}
	p = t->arg + (chance(t, 15) ? 1 + below(t, 7) : 0);
	/* The size field itself is always there, whatever it says. */
	memset(p, 0, usize < 2 * PS - 8 ? (usize > 4 ? usize : 4) : 2 * PS - 8);
	memcpy(p, s, ssize < usize ? ssize : usize > 4 ? usize : 4);
	if (usize > ssize && usize <= PS && chance(t, 30)) {
		p[ssize + below(t, usize - ssize)] = 1 + below(t, 255);
		t->must_fail = 2;
	}
	return p;
}

/*
 * Mutate up to three 4-byte fields of @s (not its size at offset 0, not
 * the 8-byte pointer fields listed in @ptrs, nor 4-byte ones listed there
 * with bit 0 set). A reserved field listed in
 * @rsv made non-zero, or a flag outside @known in the flags field at
 * @flags_off, makes the call one that must fail.
 */
void fz_mutate(struct fz *t, void *s, size_t ssize, const int *ptrs,
	       const int *rsv, int flags_off, uint32_t known)
{
	uint8_t *b = s;
	int n, i, off;
	const int *p;

	if (!chance(t, 35))
		return;
	n = 1 + below(t, 3);
	for (i = 0; i < n; i++) {
		uint32_t v;

		off = 4 * (1 + below(t, ssize / 4 - 1));
		for (p = ptrs; p && *p >= 0; p++)
			if (off == (*p & ~1) || (!(*p & 1) && off == *p + 4))
				break;
		if (p && *p >= 0)
			continue;
		v = fz_u32(t);
		memcpy(b + off, &v, 4);
	}
	for (p = rsv; p && *p >= 0; p++) {
		uint32_t v;

		memcpy(&v, b + *p, 4);
		if (v)
			t->must_fail = 3;
	}
	if (flags_off > 0) {
		uint32_t v;

		memcpy(&v, b + flags_off, 4);
		if (v & ~known)
			t->must_fail = 3;
	}
}

/* ---- security descriptors ---- */

size_t fz_sid(struct fz *t, uint8_t *out)
{
	size_t n = wt_sid_bytes(sids[below(t, ARRAY_SIZE(sids))], out);

	if (chance(t, 4)) {
		out[1] = below(t, 20);	/* sub-authority count */
		n = 8 + 4 * (out[1] > 15 ? 15 : out[1]);
	}
	return n;
}

/* An ACL of random ACEs at @out; its size. @sacl: audit or label ACEs. */
size_t fz_acl(struct fz *t, uint8_t *out, int sacl)
{
	int n = below(t, 6), i;
	size_t off = 8;

	memset(out, 0, 8);
	out[0] = chance(t, 90) ? WT_ACL_REVISION : below(t, 6);
	for (i = 0; i < n; i++) {
		uint8_t *ace = out + off;

		if (sacl)
			ace[0] = chance(t, 50) ? WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE :
						 WT_SYSTEM_AUDIT_ACE_TYPE;
		else
			ace[0] = chance(t, 90) ? below(t, 2) : below(t, 0x15);
		ace[1] = chance(t, 60) ? 0 : below(t, 256);
		if (ace[0] == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE) {
			const char *sid = chance(t, 80) ?
				labels[below(t, ARRAY_SIZE(labels))] :
				sids[below(t, ARRAY_SIZE(sids))];

			wt_le(ace + 4, below(t, 8), 4);
			off += 8 + wt_sid_bytes(sid, ace + 8);
		} else {
			wt_le(ace + 4, masks[below(t, ARRAY_SIZE(masks))], 4);
			off += 8 + fz_sid(t, ace + 8);
		}
		wt_le(ace + 2, out + off - ace, 2);
	}
	wt_le(out + 2, off, 2);
	wt_le(out + 4, n, 2);
	return off;
}

/* A self-relative SD at @sd (room for BIG bytes), mutated at times. */
size_t fz_sd(struct fz *t, uint8_t *sd)
{
	uint16_t control = WT_SE_SELF_RELATIVE;
	size_t off = 20;
	int i, n;

	memset(sd, 0, 20);
	sd[0] = 1;
	if (chance(t, 80)) {
		wt_le(sd + 4, off, 4);
		off += fz_sid(t, sd + off);
	}
	if (chance(t, 60)) {
		wt_le(sd + 8, off, 4);
		off += fz_sid(t, sd + off);
	}
	if (chance(t, 20)) {
		control |= WT_SE_SACL_PRESENT;
		wt_le(sd + 12, off, 4);
		off += fz_acl(t, sd + off, 1);
	}
	if (chance(t, 85)) {
		control |= WT_SE_DACL_PRESENT;
		wt_le(sd + 16, off, 4);
		off += fz_acl(t, sd + off, 0);
	}
	if (chance(t, 15))
		control ^= 1u << below(t, 16);
	if (chance(t, 10))
		control |= WT_SE_DACL_PROTECTED | WT_SE_DACL_AUTO_INHERITED;
	wt_le(sd + 2, control, 2);
	if (!chance(t, 30))
		return off;
	n = 1 + below(t, 4);
	for (i = 0; i < n; i++) {
		switch (below(t, 6)) {
		case 0:
			sd[below(t, off)] ^= 1u << below(t, 8);
			break;
		case 1:
			sd[below(t, off)] = below(t, 256);
			break;
		case 2:
			off = below(t, off + 1);
			break;
		case 3: {
			size_t more = below(t, 64);

			memset(sd + off, below(t, 2) ? 0 : 0xff, more);
			off += more;
			break;
		}
		case 4:
			wt_le(sd + 4 * (1 + below(t, 4)), fz_u32(t), 4);
			break;
		case 5:
			if (chance(t, 20) && off < WT_SD_MAX_SIZE) {
				size_t to = chance(t, 50) ? WT_SD_MAX_SIZE :
					    WT_SD_MAX_SIZE + 1;

				memset(sd + off, 0, to - off);
				off = to;
			}
			break;
		}
	}
	return off;
}

/* ---- the pool of token handles ---- */

void pool_add(struct fz *t, int fd)
{
	int i = below(t, POOL);

	if (fd < 0)
		return;
	if (t->tok[i] >= 0)
		close(t->tok[i]);
	t->tok[i] = fd;
}

/* A token handle of the pool; sometimes another kind of descriptor. */
int pool_fd(struct fz *t)
{
	int i;

	if (chance(t, 3))
		return t->dev;
	if (chance(t, 3))
		return t->files[below(t, t->nfiles)];
	if (chance(t, 2))
		return chance(t, 50) ? -1 : 100000 + below(t, 1000);
	for (i = 0; i < 4; i++) {
		int fd = t->tok[below(t, POOL)];

		if (fd >= 0)
			return fd;
	}
	return t->tok[0];
}

/* A descriptor for the fd field of a file or socket call. */
int any_fd(struct fz *t)
{
	uint32_t m = below(t, 100);

	if (m < 55)
		return t->files[below(t, t->nfiles)];
	if (m < 65)
		return t->dirs[below(t, t->ndirs)];
	if (m < 75)
		return t->lsock;
	if (m < 82)
		return t->srv[below(t, NPEER)];
	if (m < 88)	/* a token handle; never /dev/wintok */
		return t->tok[below(t, POOL)];
	if (m < 92)
		return t->nl[0];
	return chance(t, 50) ? -1 : 100000 + below(t, 1000);
}
