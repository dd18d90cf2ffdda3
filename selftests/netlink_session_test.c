// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, generic netlink: logon sessions: listing, following
 * tokens, WT_CMD_CREATE_SESSION. Runs as root in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "libwintok.h"
#include "wtnl.h"
#include "nl_common.h"

/* ---- logon sessions ---- */

struct session {
	bool found;
	uint64_t luid, start;
	uint32_t type, tokens;
	bool user_root, user_alice, logon_sid_ok;
};

struct session_list {
	int n, alice, other;
	uint64_t want;		/* a LUID to look for */
	struct session hit;	/* the session @want, if listed */
};

static void parse_session(const struct nlattr *nest, struct session *s)
{
	const struct nlattr *t[WT_SESSION_A_MAX + 1];
	uint8_t logon[WT_SID_MAX_BYTES];
	uint32_t hi, lo;

	memset(s, 0, sizeof(*s));
	wtnl_nested(nest, t, WT_SESSION_A_MAX);
	if (!t[WT_SESSION_A_LOGON_ID] || !t[WT_SESSION_A_TYPE] || !t[WT_SESSION_A_USER] ||
	    !t[WT_SESSION_A_LOGON_SID] || !t[WT_SESSION_A_TOKENS] ||
	    !t[WT_SESSION_A_START_TIME])
		return;
	s->found = true;
	s->luid = mnl_attr_get_u64(t[WT_SESSION_A_LOGON_ID]);
	s->type = mnl_attr_get_u32(t[WT_SESSION_A_TYPE]);
	s->tokens = mnl_attr_get_u32(t[WT_SESSION_A_TOKENS]);
	s->start = mnl_attr_get_u64(t[WT_SESSION_A_START_TIME]);
	s->user_root = attr_is_sid(t[WT_SESSION_A_USER], "S-1-22-1-0");
	s->user_alice = attr_is_sid(t[WT_SESSION_A_USER], "S-1-22-1-1001");
	/* S-1-5-5-hi-lo */
	hi = s->luid >> 32;
	lo = (uint32_t)s->luid;
	logon[0] = 1;
	logon[1] = 3;
	memset(logon + 2, 0, 5);
	logon[7] = 5;
	memcpy(logon + 8, (uint32_t[]){ 5 }, 4);
	memcpy(logon + 12, &hi, 4);
	memcpy(logon + 16, &lo, 4);
	s->logon_sid_ok = mnl_attr_get_payload_len(t[WT_SESSION_A_LOGON_SID]) == 20 &&
			  !memcmp(mnl_attr_get_payload(t[WT_SESSION_A_LOGON_SID]), logon, 20);
}

static int session_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_SESSION])
		return MNL_CB_ERROR;
	parse_session(tb[WT_A_SESSION], data);
	return MNL_CB_OK;
}

static int list_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct session_list *l = data;
	struct session s;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_SESSION])
		return MNL_CB_ERROR;
	parse_session(tb[WT_A_SESSION], &s);
	if (!s.found)
		return MNL_CB_ERROR;
	l->n++;
	if (s.user_alice)
		l->alice++;
	else
		l->other++;
	if (s.luid == l->want)
		l->hit = s;
	return MNL_CB_OK;
}

static int get_session(struct wtnl *nl, uint64_t luid, struct session *s)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_GET_SESSION);

	memset(s, 0, sizeof(*s));
	mnl_attr_put_u64(nlh, WT_A_LOGON_ID, luid);
	return wtnl_call(nl, nlh, session_cb, s) ? -errno : 0;
}

static int list_sessions(struct wtnl *nl, struct session_list *l)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	uint64_t want = l->want;

	memset(l, 0, sizeof(*l));
	l->want = want;
	return wtnl_call(nl, wtnl_dump_msg(nl, buf, WT_CMD_LIST_SESSIONS),
			 list_cb, l) ? -errno : 0;
}

TEST_F(nl, sessions_root)
{
	struct session_list l = { 0 };
	struct token tok;
	struct session s;

	ASSERT_EQ(0, get_token(&self->nl, getpid(), &tok));
	ASSERT_EQ(0, get_session(&self->nl, tok.logon_id, &s));
	ASSERT_TRUE(s.found);
	EXPECT_EQ(tok.logon_id, s.luid);
	EXPECT_EQ(WT_LOGON_LINUX_IDS, s.type);
	EXPECT_TRUE(s.user_root);
	EXPECT_TRUE(s.logon_sid_ok);
	EXPECT_LE(1, s.tokens);
	EXPECT_NE(0, s.start);
	/* The list holds it too, with every other session. */
	l.want = tok.logon_id;
	ASSERT_EQ(0, list_sessions(&self->nl, &l));
	EXPECT_TRUE(l.hit.found);
	/* Credentials freed by RCU meanwhile may have dropped tokens. */
	EXPECT_LE(1, l.hit.tokens);
	EXPECT_LE(1, l.n);
	/* Bad input. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_SESSION, 0, 0, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_SESSION, WT_A_LOGON_ID, 1,
				    NULL, NULL));	/* a u32, not a u64 */
	EXPECT_EQ(-ENOENT, get_session(&self->nl, 0, &s));
	EXPECT_EQ(-ENOENT, get_session(&self->nl, ~0ULL, &s));
}

struct alice_view {
	uint64_t root_luid;
};

/* As alice: her own sessions only; root's refused. */
static int alice_sessions(void *arg)
{
	struct alice_view *v = arg;
	struct session_list l = { 0 };
	struct session s;
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -list_sessions(&nl, &l);
	if (!err && (l.alice < 1 || l.other))
		err = 121;
	if (!err && get_session(&nl, v->root_luid, &s) != -EPERM)
		err = 122;
	wtnl_close(&nl);
	return err;
}

struct logon_events {
	uint64_t luid;
	int logons, logoffs;
	bool user_ok, type_ok, logoff_pid_ok;
};

static int logon_event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct logon_events *le = data;
	uint32_t type;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_EV_TYPE])
		return MNL_CB_ERROR;
	type = mnl_attr_get_u32(tb[WT_A_EV_TYPE]);
	if (type != WT_AUDIT_LOGON && type != WT_AUDIT_LOGOFF)
		return MNL_CB_OK;
	if (!tb[WT_A_EV_LOGON_ID] || !tb[WT_A_EV_LOGON_TYPE])
		return MNL_CB_ERROR;
	if (mnl_attr_get_u64(tb[WT_A_EV_LOGON_ID]) != le->luid)
		return MNL_CB_OK;
	le->user_ok = attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-1001");
	le->type_ok = mnl_attr_get_u32(tb[WT_A_EV_LOGON_TYPE]) == WT_LOGON_LINUX_IDS;
	if (type == WT_AUDIT_LOGON) {
		le->logons++;
	} else {
		le->logoffs++;
		le->logoff_pid_ok = tb[WT_A_EV_PID] && !mnl_attr_get_u32(tb[WT_A_EV_PID]);
	}
	return MNL_CB_OK;
}

TEST_F(nl, sessions_follow_tokens)
{
	struct logon_events le = { 0 };
	struct alice_view v;
	struct token root, tok;
	struct session s;
	struct wtnl ev;
	int tries;
	pid_t pid;

	/* Events on a socket of their own: requests skip what they read. */
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	ASSERT_EQ(0, get_token(&self->nl, getpid(), &root));
	v.root_luid = root.logon_id;
	EXPECT_EQ(0, as_user(WT_UID_ALICE, alice_sessions, &v));

	/* alice's process: a derived token, a session of its own. */
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		pause();
		_exit(0);
	}
	ASSERT_LT(0, pid);
	usleep(200000);
	ASSERT_EQ(0, get_token(&self->nl, pid, &tok));
	EXPECT_NE(root.logon_id, tok.logon_id);
	ASSERT_EQ(0, get_session(&self->nl, tok.logon_id, &s));
	EXPECT_TRUE(s.user_alice);
	EXPECT_LE(1, s.tokens);
	/* Its last token goes with the process: so does the session. */
	ASSERT_EQ(0, wt_kill_reap(pid));
	for (tries = 0; tries < 100; tries++) {
		if (get_session(&self->nl, tok.logon_id, &s) == -ENOENT)
			break;
		usleep(50000);
	}
	EXPECT_GT(100, tries) {
		TH_LOG("session 0x%llx still there with %u tokens",
		       (unsigned long long)tok.logon_id, s.tokens);
	}

	/* The audit group saw the logon and the logoff, once each. */
	le.luid = tok.logon_id;
	while (!le.logoffs) {
		ASSERT_EQ(0, read_events(&ev, logon_event_cb, &le)) {
			TH_LOG("no logoff event within 10 s");
		}
	}
	wtnl_close(&ev);
	EXPECT_EQ(1, le.logons);
	EXPECT_EQ(1, le.logoffs);
	EXPECT_TRUE(le.user_ok);
	EXPECT_TRUE(le.type_ok);
	EXPECT_TRUE(le.logoff_pid_ok);
}

/* ---- WT_CMD_CREATE_SESSION ---- */

struct made_session {
	int replies;
	struct session s;
};

static int made_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct made_session *m = data;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_SESSION])
		return MNL_CB_ERROR;
	parse_session(tb[WT_A_SESSION], &m->s);
	m->replies++;
	return MNL_CB_OK;
}

/* CREATE_SESSION with @type (0: none) and @sid_len bytes of @sid (none if 0). */
static int create_session(struct wtnl *nl, uint32_t type, const void *sid,
			  size_t sid_len, struct made_session *m)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_CREATE_SESSION);

	if (type)
		mnl_attr_put_u32(nlh, WT_A_LOGON_TYPE, type);
	if (sid_len)
		mnl_attr_put(nlh, WT_A_USER_SID, sid_len, sid);
	if (m)
		memset(m, 0, sizeof(*m));
	return wtnl_call(nl, nlh, m ? made_cb : NULL, m) ? -errno : 0;
}

static int create_session_text(struct wtnl *nl, uint32_t type, const char *user,
			       struct made_session *m)
{
	uint8_t sid[WT_SID_MAX_BYTES];

	return create_session(nl, type, sid, wt_sid_bytes(user, sid), m);
}

/* A token of @user in session @luid (SeCreateToken enabled by the caller). */
static int token_in_session(const char *user, uint64_t luid)
{
	struct wt_sid_and_attributes g[1];
	struct wt_create_token c = { 0 };

	if (wt_sid_parse(user, &c.user, 0) || wt_sid_parse(user, &c.primary_group, 0) ||
	    wt_sid_parse("S-1-16-8192", &g[0], WT_SE_GROUP_INTEGRITY |
						  WT_SE_GROUP_INTEGRITY_ENABLED))
		return -1;
	c.type = WT_TOKEN_PRIMARY;
	c.authentication_id = luid;
	c.group_count = 1;
	c.groups = (uintptr_t)g;
	c.desired_access = WT_MAXIMUM_ALLOWED;
	memcpy(c.source.name, "nltest", 6);
	return wt_create_token(-1, &c);
}

static int alice_creates_session(void *arg)
{
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 100;
	err = create_session_text(&nl, WT_LOGON_INTERACTIVE, SID_ALICE, NULL);
	wtnl_close(&nl);
	return -err;
}

TEST_F(nl, create_session_bad_input)
{
	uint8_t sid[WT_SID_MAX_BYTES + 8] = { 0 };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	size_t n = wt_sid_bytes(SID_ALICE, sid);

	/* Required attributes, named in the ACK. */
	EXPECT_EQ(-EINVAL, create_session(&self->nl, 0, NULL, 0, NULL));
	EXPECT_NE(NULL, strstr(self->nl.errmsg, "WT_A_LOGON_TYPE"));
	EXPECT_EQ(-EINVAL, create_session(&self->nl, WT_LOGON_INTERACTIVE, NULL, 0, NULL));
	EXPECT_NE(NULL, strstr(self->nl.errmsg, "WT_A_USER_SID"));
	EXPECT_EQ(-EINVAL, create_session(&self->nl, 0, sid, n, NULL));
	/* Logon types out of range: the policy says so. */
	EXPECT_EQ(-ERANGE, create_session(&self->nl, 1, sid, n, NULL));
	EXPECT_EQ(-ERANGE, create_session(&self->nl, 6, sid, n, NULL));
	EXPECT_EQ(-ERANGE, create_session(&self->nl, WT_LOGON_LINUX_IDS, sid, n, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* A logon type of the wrong size. */
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_CREATE_SESSION);
	mnl_attr_put_u64(nlh, WT_A_LOGON_TYPE, WT_LOGON_INTERACTIVE);
	mnl_attr_put(nlh, WT_A_USER_SID, n, sid);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	/* SIDs: too short, too long, a bad revision, a count that lies. */
	EXPECT_EQ(-ERANGE, create_session(&self->nl, WT_LOGON_INTERACTIVE, sid, 7, NULL));
	EXPECT_EQ(-ERANGE, create_session(&self->nl, WT_LOGON_INTERACTIVE, sid,
					  WT_SID_MAX_BYTES + 4, NULL));
	sid[0] = 2;
	EXPECT_EQ(-EINVAL, create_session(&self->nl, WT_LOGON_INTERACTIVE, sid, n, NULL));
	EXPECT_NE(NULL, strstr(self->nl.errmsg, "not a valid binary SID"));
	sid[0] = 1;
	EXPECT_EQ(-EINVAL, create_session(&self->nl, WT_LOGON_INTERACTIVE, sid, n + 4, NULL));
	EXPECT_EQ(-EINVAL, create_session(&self->nl, WT_LOGON_INTERACTIVE, sid, n - 4, NULL));
	/* An unprivileged caller. */
	EXPECT_EQ(EPERM, as_user(WT_UID_ALICE, alice_creates_session, NULL));
}

/*
 * A session made over netlink, joined by a created token of its user
 * (another user's is refused), alive while the token is, gone with it;
 * the logon, the privileges, the tokens made and the logoff on the group.
 */
TEST_F(nl, create_session_lifecycle)
{
	static const uint32_t ct[] = { WT_SE_CREATE_TOKEN_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	uint64_t ids[2], dup_ids[2];
	struct made_session m;
	const struct ev *e;
	struct session s;
	struct wtnl ev;
	int fd, dup, rst, tries;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	ASSERT_EQ(0, create_session_text(&self->nl, WT_LOGON_BATCH, SID_ALICE, &m));
	ASSERT_EQ(1, m.replies);
	EXPECT_NE(0, m.s.luid);
	EXPECT_EQ(WT_LOGON_BATCH, m.s.type);
	EXPECT_TRUE(m.s.user_alice);
	EXPECT_TRUE(m.s.logon_sid_ok);
	EXPECT_EQ(0, m.s.tokens);
	ASSERT_EQ(0, get_session(&self->nl, m.s.luid, &s));
	EXPECT_EQ(0, s.tokens);

	ASSERT_EQ(0, enable_privs(ct, 1));
	/* Another user's token cannot join it. */
	EXPECT_EQ(-1, token_in_session(SID_BOB, m.s.luid));
	EXPECT_EQ(EINVAL, errno);
	fd = token_in_session(SID_ALICE, m.s.luid);
	ASSERT_LE(0, fd) {
		TH_LOG("create token: %s", strerror(errno));
	}
	token_ids(fd, ids);
	EXPECT_EQ(m.s.luid, ids[1]);
	ASSERT_EQ(0, get_session(&self->nl, m.s.luid, &s));
	EXPECT_EQ(1, s.tokens);
	EXPECT_EQ(WT_LOGON_BATCH, s.type);
	dup = wt_duplicate_token(fd, 0, WT_TOKEN_IMPERSONATION, WT_SECURITY_IMPERSONATION, NULL);
	ASSERT_LE(0, dup);
	token_ids(dup, dup_ids);
	EXPECT_EQ(m.s.luid, dup_ids[1]);
	rst = wt_create_restricted_token(fd, 0, NULL, 0, NULL, 0, NULL, 0, 0, NULL);
	ASSERT_LE(0, rst);
	ASSERT_EQ(0, get_session(&self->nl, m.s.luid, &s));
	EXPECT_EQ(3, s.tokens);
	close(rst);
	close(dup);
	close(fd);
	for (tries = 0; tries < 100; tries++) {
		if (get_session(&self->nl, m.s.luid, &s) == -ENOENT)
			break;
		usleep(50000);
	}
	EXPECT_GT(100, tries);
	EXPECT_TRUE(collect_luid(&ev, l, WT_AUDIT_LOGOFF, "logoff", m.s.luid));

	EXPECT_EQ(1, count_luid(l, WT_AUDIT_LOGON, "logon", m.s.luid, &e));
	if (e) {
		EXPECT_EQ(getpid(), (pid_t)e->tid);
		EXPECT_EQ(WT_LOGON_BATCH, e->logon_type);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ALICE));
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, getpid(), "create_session", NULL, &e));
	if (e)
		EXPECT_EQ(WT_SE_TCB_PRIVILEGE, e->priv);
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, getpid(), "create_token", NULL, &e));
	if (e)
		EXPECT_EQ(WT_SE_CREATE_TOKEN_PRIVILEGE, e->priv);
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_TOKEN_CREATED, getpid(), "create", NULL, &e));
	if (e) {
		EXPECT_EQ(ids[0], e->token_id);
		EXPECT_EQ(m.s.luid, e->logon_id);
		EXPECT_TRUE(sid_is(e->token_user, e->token_user_len, SID_ALICE));
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ROOT));
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_TOKEN_CREATED, getpid(), "duplicate", NULL, &e));
	if (e) {
		EXPECT_EQ(dup_ids[0], e->token_id);
		EXPECT_EQ(m.s.luid, e->logon_id);
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_TOKEN_CREATED, getpid(), "restrict", NULL, &e));
	if (e)
		EXPECT_TRUE(sid_is(e->token_user, e->token_user_len, SID_ALICE));
	EXPECT_EQ(1, count_luid(l, WT_AUDIT_LOGOFF, "logoff", m.s.luid, &e));
	if (e)
		EXPECT_EQ(0, e->pid);
	wtnl_close(&ev);
	free(l);
}

/* An unjoined session ends by itself; a full waiting room refuses more. */
TEST_F(nl, create_session_expiry_and_limit)
{
	static const uint32_t ct[] = { WT_SE_CREATE_TOKEN_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	uint64_t luids[WT_SESSION_PENDING_MAX + 1];
	struct made_session m;
	char old[16];
	struct session s;
	const struct ev *e;
	struct wtnl ev;
	int pfd, i, n, fd, err = 0;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	wt_read_param_text("session_wait", old, sizeof(old));
	pfd = open(WT_PARAM_DIR "session_wait", O_WRONLY);
	ASSERT_LE(0, pfd);
	EXPECT_EQ(-1, write(pfd, "0", 1));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(1, write(pfd, "1", 1));
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	ASSERT_EQ(0, create_session_text(&self->nl, WT_LOGON_SERVICE, SID_BOB, &m));
	EXPECT_TRUE(collect_luid(&ev, l, WT_AUDIT_LOGOFF, "expired", m.s.luid));
	EXPECT_EQ(1, count_luid(l, WT_AUDIT_LOGOFF, "expired", m.s.luid, &e));
	if (e) {
		EXPECT_EQ(WT_LOGON_SERVICE, e->logon_type);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
	}
	EXPECT_EQ(-ENOENT, get_session(&self->nl, m.s.luid, &s));
	ASSERT_LT(0, write(pfd, old, strlen(old)));

	/*
	 * Fill the waiting room (sessions an earlier failure left waiting
	 * count too): at most WT_SESSION_PENDING_MAX get in, then EBUSY.
	 */
	for (i = 0; i <= WT_SESSION_PENDING_MAX; i++) {
		err = create_session_text(&self->nl, WT_LOGON_NETWORK, SID_ALICE, &m);
		if (err)
			break;
		luids[i] = m.s.luid;
	}
	EXPECT_EQ(-EBUSY, err);
	EXPECT_LT(0, i);
	EXPECT_GE(WT_SESSION_PENDING_MAX, i);
	n = i;
	EXPECT_NE(NULL, strstr(self->nl.errmsg, "too many"));
	/* Joining takes them out of the waiting room, and they go with their tokens. */
	ASSERT_EQ(0, enable_privs(ct, 1));
	for (i = 0; i < n; i++) {
		fd = token_in_session(SID_ALICE, luids[i]);
		ASSERT_LE(0, fd);
		close(fd);
	}
	ASSERT_EQ(0, create_session_text(&self->nl, WT_LOGON_NETWORK, SID_ALICE, &m));
	fd = token_in_session(SID_ALICE, m.s.luid);
	ASSERT_LE(0, fd);
	close(fd);
	close(pfd);
	wtnl_close(&ev);
	free(l);
}

TEST_HARNESS_MAIN
