/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the token_*_test.c selftests share: token queries, the helper mode
 * that prints the token seen after exec, the token description a test
 * creates tokens from, and the fixture holding /dev/wintok and the
 * process token. Each test file includes the harness and wt_test.h first.
 */
#ifndef WT_TOKEN_COMMON_H
#define WT_TOKEN_COMMON_H

#define SUID_HELPER "/tmp/wt_token_suid_helper"

/* ---- helpers usable in any process ---- */

static inline int open_self(void)
{
	return wt_open_process_token(-1, WT_MAXIMUM_ALLOWED, NULL);
}

static inline int token_stats(int fd, struct wt_token_statistics *st)
{
	return wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, st,
					sizeof(*st), NULL);
}

/* Token id of the calling process, 0 on any failure. */
static inline uint64_t self_token_id(void)
{
	struct wt_token_statistics st;
	int fd = open_self();
	uint64_t id = 0;

	if (fd < 0)
		return 0;
	if (!token_stats(fd, &st))
		id = st.token_id;
	close(fd);
	return id;
}

/* pthread start routine: the calling thread's token id into *@arg. */
static inline void *thread_token_id(void *arg)
{
	*(uint64_t *)arg = self_token_id();
	return NULL;
}

static inline int sid_attr_string(const struct wt_sid_and_attributes *sa, char *buf,
				  size_t size)
{
	return wt_sid_string(sa->sid, sa->sid_size, buf, size);
}

/* "S-1-..." of a single-SID class, or "" on failure. */
static inline void single_sid(int fd, uint32_t cls, char *buf, size_t size,
			      uint32_t *attrs)
{
	struct wt_sid_and_attributes sa;

	buf[0] = '\0';
	if (wt_get_token_information(fd, cls, &sa, sizeof(sa), NULL))
		return;
	if (attrs)
		*attrs = sa.attributes;
	if (sid_attr_string(&sa, buf, size) < 0)
		buf[0] = '\0';
}

/* Attributes of group @sid in class @cls (groups), or -1 when absent. */
static inline long long group_attrs(int fd, uint32_t cls, const char *sid)
{
	struct wt_token_groups *g;
	char s[192];
	long long ret = -1;
	uint32_t i;

	g = wt_get_token_information_alloc(fd, cls, NULL);
	if (!g)
		return -2;
	for (i = 0; i < g->count; i++) {
		if (sid_attr_string(&g->groups[i], s, sizeof(s)) < 0)
			continue;
		if (!strcmp(s, sid))
			ret = g->groups[i].attributes;
	}
	free(g);
	return ret;
}

static inline uint32_t priv_count(int fd)
{
	struct wt_token_privileges *p;
	uint32_t n;

	p = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_PRIVILEGES, NULL);
	if (!p)
		return 0;
	n = p->count;
	free(p);
	return n;
}

/*
 * Helper mode: when the selftest binary is executed with WT_TOKEN_HELPER
 * set, it prints "<token id hex> <user sid> <euid>" and exits. Used to see
 * the token after exec (plain and setuid).
 */
__attribute__((constructor)) static void token_helper_mode(void)
{
	struct wt_token_statistics st;
	char user[192];
	int fd;

	if (!getenv("WT_TOKEN_HELPER"))
		return;
	fd = open_self();
	if (fd < 0 || token_stats(fd, &st))
		_exit(20);
	single_sid(fd, WT_TOKEN_INFO_USER, user, sizeof(user), NULL);
	printf("%llx %s %u\n", (unsigned long long)st.token_id, user, geteuid());
	fflush(stdout);
	_exit(0);
}

/* Run this binary in helper mode (@path) and parse its line. */
static inline int run_helper(const char *path, uid_t as_uid, uint64_t *id, char *user,
			     size_t user_size, unsigned int *euid)
{
	char *const argv[] = { (char *)path, NULL };
	char line[256], fmt[32];

	if (wt_run_as_line(as_uid, as_uid, "WT_TOKEN_HELPER", argv, line,
			   sizeof(line)))
		return -1;
	snprintf(fmt, sizeof(fmt), "%%llx %%%zus %%u", user_size - 1);
	if (sscanf(line, fmt, (unsigned long long *)id, user, euid) != 3)
		return -1;
	return 0;
}

/* /sys/module/wintok/refcnt, or -1. */
static inline long module_refcnt(void)
{
	FILE *f = fopen("/sys/module/wintok/refcnt", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/* ---- fixture ---- */

FIXTURE(token) {
	int dev;
	int tok;
};

FIXTURE_SETUP(token)
{
	self->dev = open("/dev/" WT_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->dev);
	self->tok = wt_open_process_token(self->dev, WT_MAXIMUM_ALLOWED, NULL);
	ASSERT_LE(0, self->tok) {
		TH_LOG("open process token: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(token)
{
	close(self->tok);
	close(self->dev);
}

/* ---- ABI 6: helpers ---- */

#define G_DEFAULT (WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
		   WT_SE_GROUP_ENABLED)
#define G_OPTIONAL_ON (WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED)
#define G_INTEGRITY (WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED)

/* Set one privilege's state; 0 or -errno; *@not_all as reported. */
static inline int adjust_one(int fd, uint64_t luid, uint32_t attrs,
			     struct wt_luid_and_attributes *prev, uint32_t *nprev,
			     int *not_all)
{
	struct wt_luid_and_attributes la = { .luid = luid, .attributes = attrs };

	return wt_adjust_token_privileges(fd, 0, &la, 1, prev, nprev, not_all) ?
	       -errno : 0;
}

static inline struct wt_sid_and_attributes sa_of(const char *sid, uint32_t attrs)
{
	struct wt_sid_and_attributes sa;

	if (wt_sid_parse(sid, &sa, attrs))
		abort();
	return sa;
}

static inline int enable_priv(int fd, uint64_t luid)
{
	return adjust_one(fd, luid, WT_SE_PRIVILEGE_ENABLED, NULL, NULL, NULL);
}

static inline int disable_priv(int fd, uint64_t luid)
{
	return adjust_one(fd, luid, 0, NULL, NULL, NULL);
}

/* An ACL of @n ACEs of @type granting @masks[i] to @sids[i]; its size. */
static inline uint16_t make_acl(uint8_t *buf, const char *const *sids,
				const uint32_t *masks, int n, uint8_t type)
{
	uint16_t off = 8, count = (uint16_t)n, zero = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct wt_sid_and_attributes sa = sa_of(sids[i], 0);
		uint16_t ace_size = (uint16_t)(8 + sa.sid_size);

		buf[off] = type;
		buf[off + 1] = 0;
		memcpy(buf + off + 2, &ace_size, 2);
		memcpy(buf + off + 4, &masks[i], 4);
		memcpy(buf + off + 8, sa.sid, sa.sid_size);
		off += ace_size;
	}
	buf[0] = WT_ACL_REVISION;
	buf[1] = 0;
	memcpy(buf + 2, &off, 2);
	memcpy(buf + 4, &count, 2);
	memcpy(buf + 6, &zero, 2);
	return off;
}

/* A token description for WT_IOC_CREATE_TOKEN (not to be copied). */
struct test_token {
	struct wt_create_token c;
	struct wt_sid_and_attributes groups[8];
	struct wt_luid_and_attributes privs[4];
	struct wt_sid_and_attributes restricted[2];
	uint8_t dacl[256];
};

/*
 * User @user; groups Everyone (mandatory), S-1-22-2-2001 (optional,
 * enabled), Users S-1-5-32-545 (optional, disabled), S-1-22-2-100
 * (deny-only), Administrators (mandatory, owner), Medium integrity, and
 * the primary group S-1-22-2-1001; SeChangeNotify enabled, SeBackup held.
 */
static inline void test_token_init(struct test_token *t, const char *user)
{
	static const char *const dacl_sids[] = { "S-1-5-18", "S-1-5-32-544" };
	static const uint32_t dacl_masks[] = { WT_GENERIC_ALL, WT_GENERIC_ALL };

	memset(t, 0, sizeof(*t));
	t->c.type = WT_TOKEN_PRIMARY;
	t->c.user = sa_of(user, 0);
	t->groups[0] = sa_of("S-1-1-0", G_DEFAULT);
	t->groups[1] = sa_of("S-1-22-2-2001", G_OPTIONAL_ON);
	t->groups[2] = sa_of("S-1-5-32-545", 0);
	t->groups[3] = sa_of("S-1-22-2-100", WT_SE_GROUP_USE_FOR_DENY_ONLY);
	t->groups[4] = sa_of("S-1-5-32-544", G_DEFAULT | WT_SE_GROUP_OWNER);
	t->groups[5] = sa_of("S-1-16-8192", G_INTEGRITY);
	t->groups[6] = sa_of("S-1-22-2-1001", G_DEFAULT);
	t->c.group_count = 7;
	t->privs[0].luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE;
	t->privs[0].attributes = WT_SE_PRIVILEGE_ENABLED |
				 WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
	t->privs[1].luid = WT_SE_BACKUP_PRIVILEGE;
	t->c.privilege_count = 2;
	t->c.primary_group = sa_of("S-1-22-2-1001", 0);
	t->c.dacl_length = make_acl(t->dacl, dacl_sids, dacl_masks, 2,
				    WT_ACCESS_ALLOWED_ACE_TYPE);
	memcpy(t->c.source.name, "wttest", 6);
	t->c.source.luid = 0x1234;
	t->c.session_id = 3;
	t->c.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP;
	t->c.desired_access = WT_MAXIMUM_ALLOWED;
	t->c.groups = (uintptr_t)t->groups;
	t->c.privileges = (uintptr_t)t->privs;
	t->c.default_dacl = (uintptr_t)t->dacl;
	t->c.restricted_sids = (uintptr_t)t->restricted;
}

/* Create @t with SeCreateTokenPrivilege enabled in @tokfd (own token). */
static inline int create_test_token(int dev, int tokfd, struct test_token *t)
{
	if (enable_priv(tokfd, WT_SE_CREATE_TOKEN_PRIVILEGE))
		return -1;
	return wt_create_token(dev, &t->c);
}

/*
 * Create the primary token @t describes and enable
 * SeAssignPrimaryTokenPrivilege in @tok, the caller's token, so that the
 * caller (or a child it forks) may assign it: the new token, or -1.
 */
static inline int assignable_token(int dev, int tok, struct test_token *t)
{
	int fd = create_test_token(dev, tok, t);

	if (fd >= 0 && enable_priv(tok, WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * The handles an assignment may be refused with: *@fd, alice's primary
 * test token; *@imp, the same as an impersonation token; *@q, a handle
 * to *@fd that may only query. 0, or -1 (some are then not open).
 */
static inline int assign_refused_tokens(int dev, int tokfd, int *fd, int *imp,
					int *q)
{
	struct test_token t;

	test_token_init(&t, "S-1-22-1-1001");
	*fd = create_test_token(dev, tokfd, &t);
	if (*fd < 0)
		return -1;
	t.c.type = WT_TOKEN_IMPERSONATION;
	t.c.level = WT_SECURITY_IMPERSONATION;
	*imp = wt_create_token(dev, &t.c);
	if (*imp < 0)
		return -1;
	*q = wt_create_restricted_token(*fd, 0, NULL, 0, NULL, 0, NULL, 0,
					WT_TOKEN_QUERY, NULL);
	return *q < 0 ? -1 : 0;
}

static inline long long sid_group_attrs(int fd, const char *sid)
{
	return group_attrs(fd, WT_TOKEN_INFO_GROUPS, sid);
}

static inline int adjust_group(int fd, const char *sid, uint32_t attrs,
			       uint32_t *result)
{
	struct wt_sid_and_attributes sa = sa_of(sid, attrs);

	return wt_adjust_token_groups(fd, 0, &sa, 1, NULL, NULL, result) ?
	       -errno : 0;
}

static inline uint32_t token_u32(int fd, uint32_t cls)
{
	uint32_t v = 0xdeadbeef;

	if (wt_get_token_information(fd, cls, &v, sizeof(v), NULL))
		return 0xdeadbeef;
	return v;
}

/* A self-relative SD: owner and group @owner, DACL @acl (@acl_len bytes). */
static inline size_t make_sd(uint8_t *sd, const char *owner, const uint8_t *acl,
			     uint16_t acl_len)
{
	struct wt_sid_and_attributes o = sa_of(owner, 0);
	uint16_t control = WT_SE_SELF_RELATIVE | WT_SE_DACL_PRESENT;
	uint32_t off = 20;

	memset(sd, 0, 20);
	sd[0] = 1;
	memcpy(sd + 2, &control, 2);
	memcpy(sd + 4, &off, 4);		/* owner */
	memcpy(sd + off, o.sid, o.sid_size);
	off += o.sid_size;
	memcpy(sd + 8, &off, 4);		/* group */
	memcpy(sd + off, o.sid, o.sid_size);
	off += o.sid_size;
	memcpy(sd + 16, &off, 4);		/* DACL */
	memcpy(sd + off, acl, acl_len);
	return off + acl_len;
}

#endif /* WT_TOKEN_COMMON_H */
