// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz - a structured, seeded, time-bounded fuzzer of the whole wintok
 * ABI, run inside the test VM.
 *
 * What it calls, from five processes at once (root; alice; root lowered
 * to Low integrity; root on a restricted primary token; bob), each with
 * two threads:
 * - every ioctl of /dev/wintok and of token handles, from a valid
 *   argument that is then mutated: the size field (below the first
 *   version, larger with zero or non-zero tail, above a page), the
 *   placement of the argument (unaligned, across a page into a PROT_NONE
 *   page, NULL, unmapped, a kernel address), reserved fields, flags,
 *   counts, classes and the user pointers inside it; valid calls are
 *   mixed in so that handles are opened, duplicated, restricted and
 *   adjusted and threads impersonate, which reaches deeper states;
 * - every command of the "wintok" generic netlink family over raw netlink
 *   sockets, with attributes missing, duplicated, of the wrong size or
 *   type, oversized, unknown or only sent by the kernel, and bad headers;
 * - raw setxattr/getxattr/removexattr of security.wintok with mutated SD
 *   bytes on tmpfs and ext4 files owned by root, alice and bob;
 * - token handles (and netlink sockets) passed between the processes with
 *   SCM_RIGHTS; the receiver checks the handle kept its rights, then
 *   uses it.
 *
 * Invariants: every failed call returns an errno that
 * Documentation/userspace-api/wintok.rst documents for that command (the
 * tables below are taken from it); an argument that must be refused
 * (size below the first version or above a page, non-zero unknown tail,
 * non-zero reserved field, unknown flag bit) never succeeds; a too-small
 * buffer is left untouched; a handle keeps its rights across SCM_RIGHTS;
 * the module's live counters return to their start values and its
 * internal error counters do not move; no kernel report (the console is
 * scanned by tools/tapsum.py). The errno count of every command is
 * printed at the end.
 *
 * WT_FUZZ_SECS sets the duration (default 60; the VM takes it from
 * wt.fuzz_secs=N, which `make check WT_FUZZ_SECS=N` puts on the kernel
 * command line). WT_FUZZ_SEED (wt.fuzz_seed=) replays a run: every
 * thread draws from its own generator seeded from it, so a thread makes
 * the same calls as long as the kernel answers the same.
 * WT_FUZZ_WORKERS=<mask> runs only some of the processes.
 */
#include "abi_fuzz/fz.h"

static const char *const kind_name[NKIND] = {
	"device_ioctls", "token_ioctls", "netlink", "xattr",
};

struct shared *sh;
static uint64_t seed;
static uint32_t step_mask = ~0u;	/* WT_FUZZ_STEPS: steps to run */
static int secs = 60;
int nl_family;
char *paths[32];		/* files and directories of every worker */
int npaths;

/* The calling thread's state and step, for the crash report. */
static __thread struct fz *cur;
static __thread int cur_step;

/* ---- the threads ---- */

static void fz_get_file_security(struct fz *t) { fz_file_security(t, 0); }
static void fz_set_file_security(struct fz *t) { fz_file_security(t, 1); }
static void fz_impersonate_token(struct fz *t) { fz_impersonate(t, 0); }
static void fz_impersonate_peer(struct fz *t) { fz_impersonate(t, 1); }
static void fz_get_ipc_security(struct fz *t) { fz_ipc_security(t, 0); }
static void fz_set_ipc_security(struct fz *t) { fz_ipc_security(t, 1); }
static void fz_dev_unknown(struct fz *t) { fz_unknown(t, 0); }
static void fz_token_unknown(struct fz *t) { fz_unknown(t, 1); }

/* What a step does, with its weight in a thousand. */
static const struct {
	int weight;
	void (*fn)(struct fz *t);
} steps[] = {
	{ 40, fz_open_process_token }, { 20, fz_create_token },
	{ 10, fz_assign_primary }, { 40, fz_get_file_security },
	{ 50, fz_set_file_security }, { 30, fz_impersonate_token },
	{ 10, fz_revert }, { 30, fz_connect_qos }, { 20, fz_impersonate_peer },
	{ 25, fz_open_thread_token }, { 20, fz_get_ipc_security },
	{ 25, fz_set_ipc_security }, { 25, fz_open_backup },
	{ 15, fz_backup_intent }, { 10, fz_dev_unknown }, { 70, fz_query },
	{ 40, fz_adjust_privileges }, { 40, fz_duplicate },
	{ 30, fz_adjust_groups }, { 40, fz_restrict }, { 40, fz_set_info },
	{ 10, fz_token_unknown }, { 10, fz_token_rw }, { 150, fz_netlink },
	{ 120, fz_xattr }, { 80, fz_scm },
};

static void fz_step(struct fz *t)
{
	uint32_t m = below(t, 1000);
	size_t i;

	t->must_fail = 0;
	t->detail = 0;
	if (t->imp && chance(t, 15)) {
		fz_revert(t);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(steps) - 1; i++) {
		if (m < (uint32_t)steps[i].weight)
			break;
		m -= steps[i].weight;
	}
	if (!(step_mask & (1u << i)))
		return;
	cur_step = i;
	steps[i].fn(t);
}

static int open_nl(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	int one = 1;

	if (s < 0)
		return -1;
	setsockopt(s, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		close(s);
		return -1;
	}
	return s;
}

static int fz_setup(struct fz *t)
{
	char p[256];
	int i;

	t->dev = open("/dev/wintok", O_RDWR | O_CLOEXEC);
	t->arg = mmap(NULL, 3 * PS, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->buf = mmap(NULL, 2 * PS, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->noacc = mmap(NULL, 2 * PS, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	t->out = mmap(NULL, (OUT_PAGES + 1) * PS, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->big = malloc(BIG);
	t->sd = malloc(BIG);
	t->nlmsg = malloc(BIG);
	t->nlrx = malloc(BIG);
	if (t->dev < 0 || t->arg == MAP_FAILED || t->buf == MAP_FAILED ||
	    t->noacc == MAP_FAILED || t->out == MAP_FAILED || !t->big ||
	    !t->sd || !t->nlmsg || !t->nlrx)
		return -1;
	mprotect(t->arg + 2 * PS, PS, PROT_NONE);
	mprotect(t->buf + PS, PS, PROT_NONE);
	mprotect(t->out + OUT_PAGES * PS, PS, PROT_NONE);
	for (i = 0; i < POOL; i++)
		t->tok[i] = -1;
	t->tok[0] = wt_open_process_token(t->dev, WT_MAXIMUM_ALLOWED, NULL);
	t->tok[1] = wt_open_process_token(t->dev, WT_TOKEN_QUERY |
					  WT_TOKEN_DUPLICATE, NULL);
	t->nl[t->nnl++] = open_nl();
	t->nl_share = open_nl();
	for (i = 0; i < npaths && t->nfiles < 14; i++) {
		int fd = open(paths[i], O_RDONLY | O_CLOEXEC);

		if (fd >= 0)
			t->files[t->nfiles++] = fd;
		fd = open(paths[i], O_PATH | O_CLOEXEC);
		if (fd >= 0 && t->nfiles < 16)
			t->files[t->nfiles++] = fd;
	}
	if (!t->nfiles)
		t->files[t->nfiles++] = open("/", O_RDONLY | O_CLOEXEC);
	snprintf(p, sizeof(p), "%s/w%d", FZ_DIR, t->w);
	t->dirs[t->ndirs++] = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	t->dirs[t->ndirs++] = open(p, O_PATH | O_DIRECTORY | O_CLOEXEC);
	snprintf(p, sizeof(p), "%s/w%d", FZ_DISK_DIR, t->w);
	t->dirs[t->ndirs++] = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	t->dirs[t->ndirs++] = open(FZ_DIR, O_PATH | O_DIRECTORY | O_CLOEXEC);
	t->lsock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	t->laddr.sun_family = AF_UNIX;
	i = snprintf(t->laddr.sun_path + 1, sizeof(t->laddr.sun_path) - 1,
		     "wt_fuzz_%d_%d_%d", getpid(), t->w, t->t);
	t->laddr_len = offsetof(struct sockaddr_un, sun_path) + 1 + i;
	if (t->lsock >= 0) {
		struct wt_file_security f = { .size = sizeof(f) };
		uint8_t sd[256];
		struct wt_rule everyone = { 0, 0, WT_FILE_ALL_ACCESS, "S-1-1-0" };

		bind(t->lsock, (struct sockaddr *)&t->laddr, t->laddr_len);
		/* Let every worker's token connect. */
		f.fd = t->lsock;
		f.selectors = WT_DACL_SECURITY_INFORMATION;
		f.length = wt_build_sd(sd, NULL, &everyone, 1, 0);
		f.buffer = (uintptr_t)sd;
		ioctl(t->dev, WT_IOC_SET_FILE_SECURITY, &f);
		listen(t->lsock, 8);
	}
	for (i = 0; i < NPEER; i++) {
		t->srv[i] = -1;
		t->cli[i] = -1;
		fz_connect(t, i, i + 1, 0);
	}
	t->pidfd = syscall(SYS_pidfd_open, sh->pid[(t->w + 1) % NW], 0);
	return 0;
}

static void fz_teardown(struct fz *t)
{
	int i;

	if (t->imp)
		ioctl(t->dev, WT_IOC_REVERT_TO_SELF, 0);
	wt_set_backup_intent(t->dev, 0, NULL);
	for (i = 0; i < POOL; i++)
		if (t->tok[i] >= 0)
			close(t->tok[i]);
	for (i = 0; i < NPEER; i++) {
		if (t->srv[i] >= 0)
			close(t->srv[i]);
		if (t->cli[i] >= 0)
			close(t->cli[i]);
	}
	for (i = 0; i < t->nnl; i++)
		close(t->nl[i]);
	close(t->nl_share);
	for (i = 0; i < t->nfiles; i++)
		close(t->files[i]);
	for (i = 0; i < t->ndirs; i++)
		close(t->dirs[i]);
	if (t->lsock >= 0)
		close(t->lsock);
	if (t->pidfd >= 0)
		close(t->pidfd);
	close(t->dev);
}

/* Say where a worker died, for the replay. */
static void on_crash(int sig, siginfo_t *si, void *uc)
{
	char b[200];
	int n;

	n = snprintf(b, sizeof(b),
		     "# abi_fuzz: %s/%d: signal %d at %p, iter %ld step %d pc %#llx (fz_step %p)\n",
		     cur ? wname[cur->w] : "?", cur ? cur->t : -1, sig,
		     si->si_addr, cur ? cur->iter : -1L, cur_step,
		     (unsigned long long)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP],
		     (void *)fz_step);
	if (write(1, b, n) < 0)
		_exit(128 + sig);
	_exit(128 + sig);
}

struct thread_arg {
	int w, t, scm_tx, scm_rx;
};

static void *fz_thread(void *p)
{
	struct thread_arg *ta = p;
	struct fz t = { .w = ta->w, .t = ta->t, .scm_tx = ta->scm_tx,
			.scm_rx = ta->scm_rx };
	uint64_t x = seed ^ (0x100ULL * (ta->w + 1) + ta->t);

	t.rng = splitmix(&x);
	sh->tid[t.w][t.t] = syscall(SYS_gettid);
	cur = &t;
	if (fz_setup(&t)) {
		fz_bug(&t, "thread setup failed: %s", strerror(errno));
		return NULL;
	}
	while (!atomic_load(&sh->stop)) {
		fz_step(&t);
		t.iter++;
	}
	fz_teardown(&t);
	return NULL;
}

/* ---- the worker processes ---- */

static int become(int w)
{
	gid_t finance = WT_GID_FINANCE;

	switch (w) {
	case W_ALICE:
		return setgroups(1, &finance) ||
		       setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
		       setresuid(WT_UID_ALICE, WT_UID_ALICE, WT_UID_ALICE);
	case W_BOB:
		return setgroups(0, NULL) ||
		       setresgid(WT_GID_USERS, WT_GID_USERS, WT_GID_USERS) ||
		       setresuid(WT_UID_BOB, WT_UID_BOB, WT_UID_BOB);
	case W_LOW:
		return wt_lower_own_token();
	case W_RESTRICTED: {
		struct wt_sid_and_attributes r[3];
		int own, rt, ret;

		wt_sid_parse("S-1-1-0", &r[0], 0);
		wt_sid_parse("S-1-22-1-0", &r[1], 0);
		wt_sid_parse("S-1-22-2-0", &r[2], 0);
		own = wt_open_process_token(-1, WT_TOKEN_ALL_ACCESS, NULL);
		if (own < 0 || wt_enable_privilege(WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE))
			return -1;
		rt = wt_create_restricted_token(own, 0, NULL, 0, NULL, 0, r, 3,
						0, NULL);
		if (rt < 0)
			return -1;
		ret = wt_assign_primary_token(-1, rt);
		close(rt);
		close(own);
		return ret;
	}
	}
	return 0;
}

static void worker(int w, int tx, int rx)
{
	struct thread_arg ta[NT];
	pthread_t th[NT];
	int i;

	char dir[64];

	struct sigaction sa = { .sa_sigaction = on_crash,
				.sa_flags = SA_SIGINFO };

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	snprintf(dir, sizeof(dir), "%s/w%d", FZ_DIR, w);
	if (become(w) || chdir(dir)) {
		printf("# abi_fuzz: %s cannot set up: %s\n", wname[w],
		       strerror(errno));
		_exit(2);
	}
	sh->ipc[w][0] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	sh->ipc[w][1] = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	sh->ipc[w][2] = shmget(IPC_PRIVATE, PS, IPC_CREAT | 0600);
	for (i = 0; i < NT; i++) {
		ta[i] = (struct thread_arg){ w, i, tx, rx };
		pthread_create(&th[i], NULL, fz_thread, &ta[i]);
	}
	for (i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	_exit(0);
}

/*
 * Run the workers in an IPC namespace of their own, so that the objects
 * they create (whatever SD the fuzz left on them) go with it. Returns 0
 * when every worker ran and exited cleanly.
 */
static int coordinate(int only, int sp[NW][2])
{
	int w, ok = 1;

	if (unshare(CLONE_NEWIPC)) {
		printf("# abi_fuzz: unshare(CLONE_NEWIPC): %s\n", strerror(errno));
		return 1;
	}
	/* A worker not started yet is named by this pid meanwhile. */
	for (w = 0; w < NW; w++)
		sh->pid[w] = getpid();
	for (w = 0; w < NW; w++) {
		pid_t pid;

		if (!(only & (1 << w)))
			continue;
		pid = fork();
		if (pid == 0)
			worker(w, sp[(w + 1) % NW][0], sp[w][1]);
		sh->pid[w] = pid;
	}
	sleep(secs);
	atomic_store(&sh->stop, 1);
	for (w = 0; w < NW; w++) {
		int st, waited;

		if (!(only & (1 << w)))
			continue;
		for (waited = 0; waited < 60; waited++) {
			if (waitpid(sh->pid[w], &st, WNOHANG) == sh->pid[w])
				break;
			sleep(1);
		}
		if (waited == 60) {
			printf("# abi_fuzz: worker %s hung; killed\n", wname[w]);
			kill(sh->pid[w], SIGKILL);
			waitpid(sh->pid[w], &st, 0);
			ok = 0;
		} else if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("# abi_fuzz: worker %s ended with status %#x\n",
			       wname[w], st);
			ok = 0;
		}
	}
	return !ok;
}

/* ---- setup, checks and the report ---- */

static const char *const counters[] = {
	"live_tokens", "live_token_states", "live_cred_entries",
	"backup_intent_threads", "unix_abstract_sds", "ipc_sd_objects",
};

static const char *const errors[] = {
	"cred_alloc_failures", "ipc_errors", "unix_errors", "traverse_errors",
	"file_errors",
};

static void make_file(const char *path, uid_t uid, int dir)
{
	if (dir)
		mkdir(path, 0777);
	else
		close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666));
	chown(path, uid, WT_GID_USERS);
	chmod(path, dir ? 0777 : 0666);
	if (npaths < (int)ARRAY_SIZE(paths))
		paths[npaths++] = strdup(path);
}

static void make_tree(void)
{
	static const uid_t owner[NW] = {
		0, WT_UID_ALICE, 0, 0, WT_UID_BOB,
	};
	char p[256];
	int w, disk = !access("/mnt/disk", W_OK);

	wt_rm_rf(FZ_DIR);
	wt_rm_rf(FZ_DISK_DIR);
	mkdir(FZ_DIR, 0777);
	chmod(FZ_DIR, 0777);
	make_file(FZ_DIR "/root_f", 0, 0);
	make_file(FZ_DIR "/alice_f", WT_UID_ALICE, 0);
	make_file(FZ_DIR "/bob_f", WT_UID_BOB, 0);
	if (disk) {
		mkdir(FZ_DISK_DIR, 0777);
		chmod(FZ_DISK_DIR, 0777);
		make_file(FZ_DISK_DIR "/root_f", 0, 0);
		make_file(FZ_DISK_DIR "/alice_f", WT_UID_ALICE, 0);
	}
	for (w = 0; w < NW; w++) {
		snprintf(p, sizeof(p), "%s/w%d", FZ_DIR, w);
		make_file(p, owner[w], 1);
		snprintf(p, sizeof(p), "%s/w%d/f", FZ_DIR, w);
		make_file(p, owner[w], 0);
		snprintf(p, sizeof(p), "%s/w%d/sub", FZ_DIR, w);
		mkdir(p, 0777);
		chown(p, owner[w], WT_GID_USERS);
		if (!disk)
			continue;
		snprintf(p, sizeof(p), "%s/w%d", FZ_DISK_DIR, w);
		make_file(p, owner[w], 1);
		snprintf(p, sizeof(p), "%s/w%d/f", FZ_DISK_DIR, w);
		make_file(p, owner[w], 0);
	}
}

/*
 * Give every process and kernel thread alive now its token: the module
 * derives one when a credential is first asked for it, and the fuzz asks
 * for those of random pids (init, kernel threads), whose tokens then
 * live on with them. Asked here, they are in the baseline.
 */
static void touch_all_tokens(void)
{
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
		struct nlattr a;
		uint32_t pid;
	} req = { 0 };
	static uint8_t rx[65536];
	struct dirent *de;
	int s = open_nl();
	DIR *d = opendir("/proc");

	while (s >= 0 && d && (de = readdir(d))) {
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		int done = 0;

		req.pid = strtoul(de->d_name, NULL, 10);
		if (!req.pid)
			continue;
		req.h.nlmsg_len = sizeof(req);
		req.h.nlmsg_type = nl_family;
		req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		req.h.nlmsg_seq++;
		req.g.cmd = WT_CMD_GET_TOKEN;
		req.g.version = WT_GENL_VERSION;
		req.a.nla_type = WT_A_PID;
		req.a.nla_len = NLA_HDRLEN + 4;
		if (send(s, &req, sizeof(req), 0) < 0)
			break;
		/* Up to the ACK, whatever the answer says. */
		while (!done && poll(&pfd, 1, 2000) > 0) {
			ssize_t n = recv(s, rx, sizeof(rx), MSG_DONTWAIT);
			struct nlmsghdr *h = (void *)rx;

			if (n <= 0)
				break;
			for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
				if (h->nlmsg_type == NLMSG_ERROR &&
				    h->nlmsg_seq == req.h.nlmsg_seq)
					done = 1;
		}
	}
	if (d)
		closedir(d);
	if (s >= 0)
		close(s);
}

static int resolve_family(void)
{
	uint8_t buf[4096];
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
		char attrs[64];
	} req = { 0 };
	struct nlattr *a = (void *)req.attrs;
	struct nlmsghdr *h;
	int s = open_nl(), id = -1;
	ssize_t n;

	if (s < 0)
		return -1;
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(WT_GENL_NAME);
	memcpy(req.attrs + NLA_HDRLEN, WT_GENL_NAME, sizeof(WT_GENL_NAME));
	req.h.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN +
			  NLA_ALIGN(a->nla_len);
	req.h.nlmsg_type = GENL_ID_CTRL;
	req.h.nlmsg_flags = NLM_F_REQUEST;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;
	if (send(s, &req, req.h.nlmsg_len, 0) < 0)
		goto out;
	n = recv(s, buf, sizeof(buf), 0);
	h = (void *)buf;
	if (n <= 0 || !NLMSG_OK(h, n) || h->nlmsg_type != GENL_ID_CTRL)
		goto out;
	n = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	for (a = (void *)(buf + NLMSG_HDRLEN + GENL_HDRLEN);
	     n >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= n;
	     n -= NLA_ALIGN(a->nla_len),
	     a = (void *)((uint8_t *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			id = *(uint16_t *)((uint8_t *)a + NLA_HDRLEN);
out:
	close(s);
	return id;
}

/* What the fuzz may change globally, kept to be put back. */
struct saved {
	char privileges[4096], level[16], wait[16];
	uint8_t idmap[65536];
	size_t idmap_len;
};

/* GET_IDMAP (@set 0: keep the map in @sv) or SET_IDMAP of @sv's map. */
static int idmap_io(struct saved *sv, int set)
{
	static uint8_t msg[70000];
	struct nlmsghdr *h = (void *)msg;
	struct genlmsghdr *g = (void *)(msg + NLMSG_HDRLEN);
	int s = open_nl(), err = -1;
	ssize_t n;

	if (s < 0)
		return -1;
	memset(msg, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	g->cmd = set ? WT_CMD_SET_IDMAP : WT_CMD_GET_IDMAP;
	g->version = WT_GENL_VERSION;
	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	if (set) {
		memcpy(msg + h->nlmsg_len, sv->idmap, sv->idmap_len);
		h->nlmsg_len += sv->idmap_len;
	}
	h->nlmsg_type = nl_family;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 1;
	if (send(s, msg, h->nlmsg_len, 0) < 0)
		goto out;
	while ((n = recv(s, msg, sizeof(msg), 0)) > 0) {
		for (h = (void *)msg; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
				goto out;
			}
			if (!set && h->nlmsg_type == nl_family) {
				struct nlattr *a = (void *)((uint8_t *)h +
					NLMSG_HDRLEN + GENL_HDRLEN);

				if (a->nla_len >= NLA_HDRLEN &&
				    (a->nla_type & NLA_TYPE_MASK) == WT_A_IDMAP) {
					sv->idmap_len = NLA_ALIGN(a->nla_len);
					memcpy(sv->idmap, a, sv->idmap_len);
					((struct nlattr *)sv->idmap)->nla_type =
						WT_A_IDMAP | NLA_F_NESTED;
				}
			}
		}
	}
out:
	close(s);
	return err;
}

static void save_settings(struct saved *sv)
{
	wt_read_param_text("privileges", sv->privileges, sizeof(sv->privileges));
	wt_read_param_text("default_connect_level", sv->level, sizeof(sv->level));
	wt_read_param_text("session_wait", sv->wait, sizeof(sv->wait));
	sv->idmap_len = 0;
	idmap_io(sv, 0);
	if (!sv->idmap_len) {
		struct nlattr *a = (void *)sv->idmap;

		a->nla_type = WT_A_IDMAP | NLA_F_NESTED;
		a->nla_len = NLA_HDRLEN;
		sv->idmap_len = NLA_HDRLEN;
	}
	/* Sessions the fuzz creates and never joins end soon. */
	wt_write_param("session_wait", "2");
}

static int restore_settings(struct saved *sv)
{
	int bad = 0;

	if (wt_set_privilege_policy(sv->privileges))
		bad = 1;
	if (wt_write_param("default_connect_level", sv->level) ||
	    wt_write_param("session_wait", sv->wait))
		bad = 1;
	if (idmap_io(sv, 1))
		bad = 1;
	return bad;
}

static const char *errname(int e)
{
	static char b[16];
	const char *n = e ? strerrorname_np(e) : "ok";

	if (n)
		return n;
	snprintf(b, sizeof(b), "E%d", e);
	return b;
}

static int tap_no;

static void tap(int ok, const char *name)
{
	printf("%s %d %s\n", ok ? "ok" : "not ok", ++tap_no, name);
}

static void print_table(void)
{
	int c, e;

	printf("# errno table (per command: outcome=count)\n");
	for (c = 0; c < NCMD; c++) {
		char line[1024];
		int off = 0;

		for (e = 0; e < NERR; e++) {
			long n = atomic_load(&sh->cnt[c][e]);

			if (n && off < (int)sizeof(line) - 40)
				off += snprintf(line + off, sizeof(line) - off,
						" %s=%ld", errname(e), n);
		}
		printf("#   %-24s%s\n", cmds[c].name, off ? line : " (not called)");
	}
}

int main(int argc, char **argv)
{
	long before[6] = { 0 }, after[6], ebefore[5], eafter[5];
	struct wt_kthreads *kthreads;
	int sp[NW][2], w, i, ok, only = (1 << NW) - 1, bad_settings;
	const char *s;
	struct timespec t0, t1;
	struct saved *sv;
	double elapsed;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	s = getenv("WT_FUZZ_SEED");
	if (argc > 1)
		s = argv[1];
	if (s && *s) {
		seed = strtoull(s, NULL, 0);
	} else {
		clock_gettime(CLOCK_REALTIME, &t0);
		seed = t0.tv_nsec ^ ((uint64_t)t0.tv_sec << 20) ^ getpid();
	}
	s = getenv("WT_FUZZ_SECS");
	if (s && atoi(s) > 0)
		secs = atoi(s);
	s = getenv("WT_FUZZ_STEPS");
	if (s && strtoul(s, NULL, 0))
		step_mask = strtoul(s, NULL, 0);
	s = getenv("WT_FUZZ_WORKERS");
	if (s && strtol(s, NULL, 0) > 0)
		only = strtol(s, NULL, 0);
	printf("TAP version 13\n1..7\n");
	printf("# abi_fuzz: seed=%#llx secs=%d workers=%#x threads=%d (WT_FUZZ_SEED=%#llx)\n",
	       (unsigned long long)seed, secs, only, NT,
	       (unsigned long long)seed);
	if (access("/dev/wintok", F_OK)) {
		for (i = 0; i < 7; i++)
			printf("ok %d # SKIP wintok not loaded\n", i + 1);
		return 0;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sv = malloc(sizeof(*sv));
	if (sh == MAP_FAILED || !sv)
		return 1;
	memset(sh->ipc, 0xff, sizeof(sh->ipc));
	nl_family = resolve_family();
	if (nl_family < 0)
		printf("# abi_fuzz: no wintok netlink family\n");
	make_tree();
	save_settings(sv);
	touch_all_tokens();
	kthreads = calloc(1, sizeof(*kthreads));
	if (kthreads)
		wt_kthreads_scan(kthreads, NULL);
	/* A baseline once the counters stand still (RCU-deferred frees). */
	for (w = 0; w < 20; w++) {
		int same = 1;

		for (i = 0; i < 6; i++) {
			long v = wt_read_param(counters[i]);

			if (v != before[i])
				same = 0;
			before[i] = v;
		}
		if (same && w)
			break;
		sleep(1);
	}
	for (i = 0; i < 5; i++)
		ebefore[i] = wt_read_param(errors[i]);
	for (w = 0; w < NW; w++)
		socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sp[w]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0)
		_exit(coordinate(only, sp));
	ok = 0;
	if (pid > 0) {
		int st;

		waitpid(pid, &st, 0);
		ok = WIFEXITED(st) && !WEXITSTATUS(st);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	elapsed = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (w = 0; w < NW; w++) {
		close(sp[w][0]);
		close(sp[w][1]);
	}
	bad_settings = restore_settings(sv);
	wt_rm_rf(FZ_DIR);
	wt_rm_rf(FZ_DISK_DIR);

	printf("# abi_fuzz: %ld calls in %.1f s: %.0f calls/s; scm %ld sent %ld got %ld used\n",
	       atomic_load(&sh->execs), elapsed,
	       atomic_load(&sh->execs) / elapsed, atomic_load(&sh->scm_sent),
	       atomic_load(&sh->scm_recv), atomic_load(&sh->scm_used));
	print_table();
	for (i = 0; i < MAX_UNDOC && i < atomic_load(&sh->nundoc); i++)
		printf("# undocumented: %s -> %s (worker %s thread %d iter %ld; %#lx)\n",
		       cmds[sh->undoc[i].cmd].name, errname(sh->undoc[i].err),
		       wname[sh->undoc[i].worker], sh->undoc[i].thread,
		       sh->undoc[i].iter, sh->undoc[i].detail);
	for (i = 0; i < MAX_BUGS && i < atomic_load(&sh->nbugs); i++)
		printf("# defect: %s\n", sh->bug[i]);

	tap(ok, "workers_ran_and_exited");
	for (i = 0; i < NKIND; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s_errnos_documented",
			 kind_name[i]);
		tap(!atomic_load(&sh->undoc_kind[i]), name);
	}
	tap(!atomic_load(&sh->nbugs) && !atomic_load(&sh->scm_bad_rights),
	    "invalid_input_refused_handles_keep_rights");
	/* Freed after RCU grace periods and deferred fputs: poll a while. */
	for (i = 0; i < 60; i++) {
		int j, same = 1;

		for (j = 0; j < 6; j++) {
			after[j] = wt_read_param(counters[j]);
			if (after[j] > before[j])
				same = 0;
		}
		if (same)
			break;
		sleep(1);
	}
	ok = !bad_settings && kthreads;
	for (i = 0; i < 6; i++) {
		printf("# %s: %ld before, %ld after\n", counters[i], before[i],
		       after[i]);
		/* Tokens of kernel threads born meanwhile (wt_test.h). */
		if (after[i] > before[i] &&
		    (i >= 3 || !kthreads ||
		     !wt_tokens_explained(kthreads, before[i], after[i])))
			ok = 0;
	}
	for (i = 0; i < 5; i++) {
		eafter[i] = wt_read_param(errors[i]);
		printf("# %s: %ld before, %ld after\n", errors[i], ebefore[i],
		       eafter[i]);
		if (eafter[i] != ebefore[i])
			ok = 0;
	}
	if (bad_settings)
		printf("# abi_fuzz: the settings could not be put back\n");
	tap(ok, "module_counters_back_settings_restored");
	return 0;
}
