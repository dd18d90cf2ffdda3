// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz: the ioctls of /dev/wintok (see fz.h).
 */
#include "fz.h"

/* ---- /dev/wintok ioctls ---- */

void sa_set(struct fz *t, struct wt_sid_and_attributes *sa,
	    const char *sid, uint32_t attrs)
{
	memset(sa, 0, sizeof(*sa));
	sa->sid_size = sid ? wt_sid_bytes(sid, sa->sid) : fz_sid(t, sa->sid);
	sa->attributes = attrs;
	if (chance(t, 3))
		sa->sid_size = below(t, 80);
}

/* @n entries of SIDs from the pool with @attrs (or random ones). */
void fill_sids(struct fz *t, struct wt_sid_and_attributes *sa, int n,
	       uint32_t attrs)
{
	int i;

	for (i = 0; i < n; i++)
		sa_set(t, &sa[i], NULL, chance(t, 90) ? attrs : fz_u32(t));
}

static long do_ioctl(struct fz *t, int fd, unsigned long cmd, void *arg,
		     int *err)
{
	long ret = ioctl(fd, cmd, arg);

	*err = errno;
	return ret;
}

/*
 * Place the argument @s (@ssize bytes, first version @ver0) as fz_arg()
 * does, issue @ioc on @fd and count the outcome under @cmd.
 */
long fz_ioctl(struct fz *t, int fd, unsigned long ioc, void *s,
	      size_t ssize, uint32_t ver0, int cmd)
{
	void *a = fz_arg(t, s, ssize, ver0);
	long ret = ioctl(fd, ioc, a);

	fz_result(t, cmd, ret, errno);
	return ret;
}

/* A new descriptor returned by a call: keep token handles, close others. */
void take_fd(struct fz *t, long ret, int token)
{
	if (ret < 0)
		return;
	if (token)
		pool_add(t, ret);
	else
		close(ret);
}

/* Is @pid one of the fuzzer's processes? */
static int fuzz_pid(uint64_t pid)
{
	int w;

	for (w = 0; w < NW; w++)
		if (pid == (uint64_t)sh->pid[w])
			return 1;
	return 0;
}

void fz_open_process_token(struct fz *t)
{
	static const int rsv[] = { -1 };
	struct wt_open_token o = { 0 };
	uint32_t m = below(t, 100);
	long ret;

	o.desired_access = token_access[below(t, ARRAY_SIZE(token_access))];
	if (m < 15) {
		o.flags = WT_OPEN_TOKEN_PID;
		o.process = chance(t, 80) ? sh->pid[below(t, NW)] :
			    chance(t, 50) ? 1 : fz_u32(t);
	} else if (m < 25) {
		o.flags = WT_OPEN_TOKEN_PIDFD;
		o.process = chance(t, 80) ? t->pidfd : (uint64_t)any_fd(t);
	} else if (m < 28) {
		o.flags = fz_u32(t);
	}
	fz_mutate(t, &o, sizeof(o), NULL, rsv, 4, 3);
	/*
	 * Handles that may change a token only for the fuzzer's own
	 * processes: adjusting init's token would change every later test
	 * (and its poweroff).
	 */
	if ((o.flags & WT_OPEN_TOKEN_PID) && !fuzz_pid(o.process))
		o.desired_access = WT_TOKEN_QUERY;
	if (o.flags & WT_OPEN_TOKEN_PIDFD && o.process != (uint64_t)t->pidfd)
		o.desired_access = WT_TOKEN_QUERY;
	if (!o.flags && o.reserved)
		t->must_fail = 3;
	if (o.flags == 3)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, WT_IOC_OPEN_PROCESS_TOKEN, &o, sizeof(o),
		       WT_OPEN_TOKEN_SIZE_VER0, C_OPEN_PROCESS_TOKEN);
	take_fd(t, ret, 1);
}

void fz_create_token(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_create_token, groups),
		offsetof(struct wt_create_token, privileges),
		offsetof(struct wt_create_token, restricted_sids),
		offsetof(struct wt_create_token, default_dacl), -1,
	};
	static const int rsv[] = { offsetof(struct wt_create_token, reserved), -1 };
	struct wt_sid_and_attributes g[4], r[2];
	struct wt_luid_and_attributes p[3];
	struct wt_create_token c = { 0 };
	uint8_t acl[512];
	int ok, ng, np, nr;
	size_t al;
	long ret;

	c.desired_access = token_access[below(t, ARRAY_SIZE(token_access))];
	c.type = chance(t, 80) ? WT_TOKEN_PRIMARY : WT_TOKEN_IMPERSONATION;
	c.level = c.type == WT_TOKEN_PRIMARY ? 0 : below(t, 4);
	memcpy(c.source.name, "wtfuzz", 6);
	sa_set(t, &c.user, chance(t, 70) ? "S-1-22-1-1001" : NULL, 0);
	if (chance(t, 30))
		sa_set(t, &c.owner, NULL, 0);
	sa_set(t, &c.primary_group, chance(t, 70) ? "S-1-22-1-1001" : NULL, 0);
	ng = below(t, 5);
	if (ng > 0)
		sa_set(t, &g[0], "S-1-16-8192", WT_SE_GROUP_INTEGRITY |
		       WT_SE_GROUP_INTEGRITY_ENABLED);
	if (ng > 1)
		fill_sids(t, g + 1, ng - 1, WT_SE_GROUP_MANDATORY |
			  WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED);
	np = below(t, 4);
	memset(p, 0, sizeof(p));
	if (np > 0) {
		p[0].luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE;
		p[0].attributes = WT_SE_PRIVILEGE_ENABLED |
				  WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
	}
	if (np > 1) {
		p[1].luid = 2 + below(t, 36);
		p[1].attributes = below(t, 4);
	}
	if (np > 2) {
		p[2].luid = fz_u32(t);
		p[2].attributes = fz_u32(t);
	}
	nr = chance(t, 20) ? 1 + below(t, 2) : 0;
	fill_sids(t, r, nr, 0);
	c.group_count = ng;
	c.privilege_count = np;
	c.restricted_count = nr;
	c.groups = fz_ptr(t, g, ng * sizeof(g[0]), &ok);
	c.privileges = np ? fz_ptr(t, p, np * sizeof(p[0]), &ok) : 0;
	c.restricted_sids = nr ? fz_ptr(t, r, nr * sizeof(r[0]), &ok) : 0;
	if (chance(t, 30)) {
		al = fz_acl(t, acl, 0);
		c.dacl_length = al;
		c.default_dacl = fz_ptr(t, acl, al, &ok);
	}
	c.session_id = chance(t, 90) ? 0 : fz_u32(t);
	c.mandatory_policy = below(t, 4);
	/* Counts beyond the arrays: the kernel may read past them. */
	fz_mutate(t, &c, sizeof(c), ptrs, rsv, 4, 0);
	if (c.group_count > 4 && c.groups == (uintptr_t)t->buf)
		c.groups = (uintptr_t)t->noacc;
	if (c.privilege_count > 3 && c.privileges == (uintptr_t)t->buf)
		c.privileges = (uintptr_t)t->noacc;
	ret = fz_ioctl(t, t->dev, WT_IOC_CREATE_TOKEN, &c, sizeof(c),
		       WT_CREATE_TOKEN_SIZE_VER0, C_CREATE_TOKEN);
	take_fd(t, ret, 1);
}

/* Assign in a single-threaded child now and then, where it can succeed. */
void fz_assign_primary(struct fz *t)
{
	static const int rsv[] = { offsetof(struct wt_assign_primary, reserved), -1 };
	struct wt_assign_primary ap = { 0 };
	int err, fork_it = chance(t, 10);
	pid_t pid = 0;
	void *a;
	long ret;

	ap.fd = pool_fd(t);
	fz_mutate(t, &ap, sizeof(ap), NULL, rsv, 4, 0);
	a = fz_arg(t, &ap, sizeof(ap), WT_ASSIGN_PRIMARY_SIZE_VER0);
	if (fork_it) {
		pid = fork();
		if (pid < 0)
			return;
	}
	if (fork_it && pid > 0) {
		wt_reap(pid);
		return;
	}
	if (fork_it && getuid() == 0 && chance(t, 50)) {
		struct wt_luid_and_attributes la = {
			.luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		int own = wt_open_process_token(t->dev,
						WT_TOKEN_ADJUST_PRIVILEGES, NULL);

		if (own >= 0)
			wt_adjust_token_privileges(own, 0, &la, 1, NULL, NULL,
						   NULL);
	}
	ret = do_ioctl(t, t->dev, WT_IOC_ASSIGN_PRIMARY_TOKEN, a, &err);
	fz_result(t, C_ASSIGN_PRIMARY, ret, err);
	if (fork_it) {
		/* The new token decides the next calls. */
		struct wt_version v = { .size = sizeof(v) };

		t->must_fail = 0;
		ret = do_ioctl(t, t->dev, WT_IOC_GET_VERSION, &v, &err);
		fz_result(t, C_GET_VERSION, ret, err);
		_exit(0);
	}
}

void fz_file_security(struct fz *t, int set)
{
	/* Never a random fd: it could be /dev/wintok or the console. */
	static const int ptrs[] = {
		offsetof(struct wt_file_security, buffer),
		offsetof(struct wt_file_security, fd) | 1, -1,
	};
	static const int rsv[] = { offsetof(struct wt_file_security, reserved), -1 };
	struct wt_file_security f = { 0 };
	uint32_t fill = 0;	/* bytes of 0xa5 at the buffer */
	int ok = 0, err, fd;
	size_t len = 0;
	long ret;

	fd = any_fd(t);
	f.fd = fd;
	f.selectors = chance(t, 85) ? 1 + below(t, 31) : fz_u32(t);
	if (set) {
		len = fz_sd(t, t->sd);
		f.length = len;
		f.buffer = fz_ptr(t, t->sd, len, &ok);
	} else {
		f.length = chance(t, 30) ? 0 : chance(t, 50) ? below(t, 64) :
			   PS - 8;
		f.buffer = f.length ? fz_ptr(t, NULL, f.length, &ok) : 0;
		fill = f.length;
	}
	fz_mutate(t, &f, sizeof(f), ptrs, rsv, 4, 0);
	if (f.selectors & ~0x1fu)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, set ? WT_IOC_SET_FILE_SECURITY :
		       WT_IOC_GET_FILE_SECURITY, &f, sizeof(f),
		       WT_FILE_SECURITY_SIZE_VER0,
		       set ? C_SET_FILE_SECURITY : C_GET_FILE_SECURITY);
	err = errno;
	/* A size probe leaves the buffer alone. */
	if (!set && ret < 0 && err == ERANGE && ok && f.length &&
	    f.buffer >= (uintptr_t)t->buf &&
	    f.buffer < (uintptr_t)t->buf + PS) {
		uint8_t *b = (uint8_t *)(uintptr_t)f.buffer;
		uint32_t i;

		for (i = 0; i < f.length && i < fill && b + i < t->buf + PS; i++)
			if (b[i] != 0xa5) {
				fz_bug(t, "GET_FILE_SECURITY ERANGE wrote the buffer");
				break;
			}
	}
}

void fz_impersonate(struct fz *t, int peer)
{
	static const int rsv[] = { offsetof(struct wt_impersonate, reserved), -1 };
	struct wt_impersonate im = { 0 };
	long ret;

	im.fd = peer ? (chance(t, 80) ? t->srv[below(t, NPEER)] : any_fd(t)) :
		pool_fd(t);
	fz_mutate(t, &im, sizeof(im), NULL, rsv, 4, 0);
	if (im.level || im.result)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, peer ? WT_IOC_IMPERSONATE_PEER :
		       WT_IOC_IMPERSONATE, &im, sizeof(im),
		       WT_IMPERSONATE_SIZE_VER0,
		       peer ? C_IMPERSONATE_PEER : C_IMPERSONATE);
	if (ret >= 0 || errno == EFAULT)
		t->imp = 1;	/* EFAULT after the fact: revert anyway */
}

void fz_revert(struct fz *t)
{
	unsigned long arg = chance(t, 90) ? 0 : fz_u32(t);
	int err;
	long ret;

	if (arg)
		t->must_fail = 3;
	ret = ioctl(t->dev, WT_IOC_REVERT_TO_SELF, arg);
	err = errno;
	fz_result(t, C_REVERT, ret, err);
	if (!arg)
		t->imp = 0;
}

/* Replace connection @i by a new one to the thread's listener. */
void fz_connect(struct fz *t, int i, int level, int flags)
{
	struct wt_socket_qos q = { .size = sizeof(q) };
	int c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int s;

	if (c < 0)
		return;
	q.fd = c;
	q.level = level;
	q.flags = flags;
	ioctl(t->dev, WT_IOC_SET_CONNECT_QOS, &q);
	if (connect(c, (struct sockaddr *)&t->laddr, t->laddr_len)) {
		close(c);
		return;
	}
	s = accept4(t->lsock, NULL, NULL, SOCK_CLOEXEC);
	if (s < 0) {
		close(c);
		return;
	}
	if (t->srv[i] >= 0)
		close(t->srv[i]);
	if (t->cli[i] >= 0)
		close(t->cli[i]);
	t->srv[i] = s;
	t->cli[i] = c;
}

void fz_connect_qos(struct fz *t)
{
	static const int rsv[] = {
		offsetof(struct wt_socket_qos, reserved),
		offsetof(struct wt_socket_qos, reserved) + 4, -1,
	};
	struct wt_socket_qos q = { 0 };
	int fresh = -1;
	uint32_t m = below(t, 100);

	if (m < 60) {
		fresh = socket(AF_UNIX, (chance(t, 80) ? SOCK_STREAM :
			       chance(t, 50) ? SOCK_SEQPACKET : SOCK_DGRAM) |
			       SOCK_CLOEXEC, 0);
		q.fd = fresh;
	} else if (m < 70) {
		q.fd = t->cli[below(t, NPEER)];
	} else {
		q.fd = any_fd(t);
	}
	q.level = chance(t, 85) ? below(t, 4) : fz_u32(t);
	q.flags = chance(t, 70) ? 0 : chance(t, 80) ? WT_QOS_EFFECTIVE_ONLY :
		  fz_u32(t);
	fz_mutate(t, &q, sizeof(q), NULL, rsv, 4, WT_QOS_EFFECTIVE_ONLY);
	if (q.level > WT_SECURITY_DELEGATION)
		t->must_fail = 3;
	fz_ioctl(t, t->dev, WT_IOC_SET_CONNECT_QOS, &q, sizeof(q),
		 WT_SOCKET_QOS_SIZE_VER0, C_SET_CONNECT_QOS);
	if (fresh >= 0)
		close(fresh);
	if (chance(t, 50))
		fz_connect(t, below(t, NPEER), below(t, 4),
			   chance(t, 30) ? WT_QOS_EFFECTIVE_ONLY : 0);
}

void fz_open_thread_token(struct fz *t)
{
	static const int rsv[] = { offsetof(struct wt_open_thread_token, reserved), -1 };
	struct wt_open_thread_token o = { 0 };
	uint32_t m = below(t, 100);
	long ret;

	if (m < 40)
		o.tid = 0;
	else if (m < 70)
		o.tid = sh->tid[t->w][below(t, NT)];
	else if (m < 85)
		o.tid = sh->tid[below(t, NW)][below(t, NT)];
	else
		o.tid = fz_u32(t);
	o.flags = chance(t, 80) ? below(t, 2) : fz_u32(t);
	o.desired_access = token_access[below(t, ARRAY_SIZE(token_access))];
	fz_mutate(t, &o, sizeof(o), NULL, rsv, 4, WT_OPEN_AS_SELF);
	if (o.granted_access)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, WT_IOC_OPEN_THREAD_TOKEN, &o, sizeof(o),
		       WT_OPEN_THREAD_TOKEN_SIZE_VER0, C_OPEN_THREAD_TOKEN);
	take_fd(t, ret, 1);
}

void fz_ipc_security(struct fz *t, int set)
{
	static const int ptrs[] = { offsetof(struct wt_ipc_security, buffer), -1 };
	static const int rsv[] = {
		offsetof(struct wt_ipc_security, reserved),
		offsetof(struct wt_ipc_security, reserved) + 4, -1,
	};
	struct wt_ipc_security s = { 0 };
	int ok, w = below(t, NW);
	size_t len;

	s.type = chance(t, 90) ? 1 + below(t, 3) : fz_u32(t);
	s.id = chance(t, 85) && s.type >= 1 && s.type <= 3 ?
	       sh->ipc[w][s.type - 1] : (int)fz_u32(t);
	s.selectors = chance(t, 85) ? 1 + below(t, 31) : fz_u32(t);
	if (set) {
		len = fz_sd(t, t->sd);
		s.length = len;
		s.buffer = fz_ptr(t, t->sd, len, &ok);
	} else {
		s.length = chance(t, 30) ? 0 : chance(t, 50) ? below(t, 64) :
			   PS - 8;
		s.buffer = s.length ? fz_ptr(t, NULL, s.length, &ok) : 0;
	}
	fz_mutate(t, &s, sizeof(s), ptrs, rsv, 4, 0);
	if (s.selectors & ~0x1fu)
		t->must_fail = 3;
	fz_ioctl(t, t->dev, set ? WT_IOC_SET_IPC_SECURITY :
		 WT_IOC_GET_IPC_SECURITY, &s, sizeof(s),
		 WT_IPC_SECURITY_SIZE_VER0,
		 set ? C_SET_IPC_SECURITY : C_GET_IPC_SECURITY);
}

void fz_open_backup(struct fz *t)
{
	static const int ptrs[] = { offsetof(struct wt_open_backup, path), -1 };
	static const int rsv[] = { offsetof(struct wt_open_backup, reserved), -1 };
	static const char *const names[] = {
		"f", "sub", "nonexistent", "", "sub/g", "f/x", ".", "new",
		FZ_DIR "/root_f", FZ_DISK_DIR "/root_f", FZ_DIR "/alice_f",
	};
	static const int oflags[] = {
		O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW,
		O_CLOEXEC, O_NONBLOCK, O_LARGEFILE,
	};
	struct wt_open_backup o = { 0 };
	char path[PATH_MAX + 64];
	int ok, i;
	long ret;

	o.dirfd = chance(t, 40) ? AT_FDCWD : chance(t, 70) ?
		  t->dirs[below(t, t->ndirs)] : any_fd(t);
	o.open_flags = below(t, 3);
	for (i = 0; i < 3; i++)
		if (chance(t, 30))
			o.open_flags |= oflags[below(t, ARRAY_SIZE(oflags))];
	o.open_flags |= O_CLOEXEC;
	if (chance(t, 5))
		o.open_flags |= 1u << below(t, 32);
	o.mode = chance(t, 90) ? 0600 : fz_u32(t);
	if (chance(t, 3)) {
		memset(path, 'a', sizeof(path) - 1);
		path[sizeof(path) - 1] = 0;
	} else {
		snprintf(path, sizeof(path), "%s", names[below(t, ARRAY_SIZE(names))]);
	}
	o.path = fz_ptr(t, path, strlen(path) + 1, &ok);
	fz_mutate(t, &o, sizeof(o), ptrs, rsv, 4, 0);
	if (o.mode & ~07777u)
		t->must_fail = 3;
	ret = fz_ioctl(t, t->dev, WT_IOC_OPEN_BACKUP, &o, sizeof(o),
		       WT_OPEN_BACKUP_SIZE_VER0, C_OPEN_BACKUP);
	take_fd(t, ret, 0);
}

void fz_backup_intent(struct fz *t)
{
	static const int rsv[] = { offsetof(struct wt_backup_intent, reserved), -1 };
	struct wt_backup_intent b = { 0 };

	b.flags = chance(t, 90) ? below(t, 2) : fz_u32(t);
	fz_mutate(t, &b, sizeof(b), NULL, rsv, 4, WT_BACKUP_INTENT_ON);
	fz_ioctl(t, t->dev, WT_IOC_SET_BACKUP_INTENT, &b, sizeof(b),
		 WT_BACKUP_INTENT_SIZE_VER0, C_SET_BACKUP_INTENT);
}

/*
 * An ioctl type other than wintok's and those the VFS answers for every
 * file before the driver sees the call (FIONBIO, FIFREEZE, FICLONE, the
 * FS_IOC_* flags, FIGETBSZ...): those are not the module's to refuse.
 */
static unsigned int other_type(struct fz *t)
{
	static const unsigned int vfs[] = { 0, 0x12, 0x15, 'T', 'X', 'f', 0x94 };
	unsigned int type, i;

again:
	type = below(t, 256);
	if (type == WT_IOC_MAGIC)
		goto again;
	for (i = 0; i < ARRAY_SIZE(vfs); i++)
		if (type == vfs[i])
			goto again;
	return type;
}

/* Commands no handler knows: another number, type or encoded size. */
void fz_unknown(struct fz *t, int token)
{
	static const unsigned long dev_cmds[] = {
		WT_IOC_GET_VERSION, WT_IOC_OPEN_PROCESS_TOKEN,
		WT_IOC_CREATE_TOKEN, WT_IOC_IMPERSONATE, WT_IOC_GET_FILE_SECURITY,
		WT_IOC_SET_BACKUP_INTENT,
	};
	static const unsigned long tok_cmds[] = {
		WT_IOC_QUERY_TOKEN, WT_IOC_ADJUST_PRIVILEGES,
		WT_IOC_DUPLICATE_TOKEN, WT_IOC_SET_TOKEN_INFORMATION,
	};
	unsigned long cmd;
	uint32_t m = below(t, 4);
	int err, fd;
	long ret;

	if (m == 0)
		cmd = token ? dev_cmds[below(t, ARRAY_SIZE(dev_cmds))] :
			      tok_cmds[below(t, ARRAY_SIZE(tok_cmds))];
	else if (m == 1)	/* known number, other encoded size */
		cmd = (token ? tok_cmds[below(t, ARRAY_SIZE(tok_cmds))] :
			       dev_cmds[below(t, ARRAY_SIZE(dev_cmds))]) ^
		      (1ul << (16 + below(t, 14)));
	else if (m == 2)	/* unused numbers of our type */
		cmd = _IOC(below(t, 4), WT_IOC_MAGIC, 0x26 + below(t, 0x19),
			   below(t, 512));
	else
		cmd = _IOC(below(t, 4), other_type(t), below(t, 256),
			   below(t, 512));
	memset(t->arg, 0, 512);
	t->detail = cmd;
	fd = token ? t->tok[below(t, POOL)] : t->dev;
	if (fd < 0)		/* an empty slot: not /dev/wintok instead */
		return;
	ret = do_ioctl(t, fd, cmd, t->arg, &err);
	fz_result(t, token ? C_TOKEN_UNKNOWN : C_DEV_UNKNOWN, ret, err);
}
