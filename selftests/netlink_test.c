// SPDX-License-Identifier: GPL-2.0
/*
 * The "wintok" generic netlink family: every command's success path,
 * every class of bad input (unknown command, unknown or reply-only
 * attributes, wrong lengths, values out of range, missing attributes,
 * unprivileged callers) and the audit group: a denied open by a thread
 * that impersonates produces exactly one event naming the service, the
 * thread, the client and the path. Runs as root in the VM.
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

#define PARAMS "/sys/module/wintok/parameters/"
#define AUDIT_FILE "/tmp/nl_audit_alice"
#define AUDIT_SOCK "/tmp/nl_audit.sock"

/* ---- helpers ---- */

/* Contents of a module parameter, without the newline. */
static void read_param(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	buf[0] = '\0';
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
}

static bool attr_is_sid(const struct nlattr *a, const char *text)
{
	uint8_t sid[WT_SID_MAX_BYTES];
	size_t n = wt_sid_bytes(text, sid);

	return a && mnl_attr_get_payload_len(a) == n &&
	       !memcmp(mnl_attr_get_payload(a), sid, n);
}

/* One request with a u32 attribute (or none when @type is 0). */
static int call_u32(struct wtnl *nl, uint8_t cmd, uint16_t type, uint32_t v,
		    wtnl_reply_cb cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, cmd);

	if (type)
		mnl_attr_put_u32(nlh, type, v);
	return wtnl_call(nl, nlh, cb, data) ? -errno : 0;
}

/*
 * Run @fn(@arg) in a child as @uid and return what it returned (an
 * errno-style value, 0 to 125).
 */
static int as_user(uid_t uid, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		wt_become_user(uid, WT_GID_USERS);
		_exit(fn(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* ---- the policy ---- */

struct rule {
	uint32_t kind;
	uint32_t id;
	uint64_t privs;
};

struct rules {
	int n;
	struct rule r[WT_POLICY_MAX_RULES + 1];
};

static int policy_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1], *rt[WT_RULE_A_MAX + 1], *a;
	struct rules *out = data;

	wtnl_attrs(nlh, tb);
	out->n = -1;
	if (!tb[WT_A_POLICY])
		return MNL_CB_OK;
	out->n = 0;
	mnl_attr_for_each_nested(a, tb[WT_A_POLICY]) {
		if (mnl_attr_get_type(a) != WT_A_POLICY_RULE || out->n >= WT_POLICY_MAX_RULES)
			return MNL_CB_ERROR;
		wtnl_nested(a, rt, WT_RULE_A_MAX);
		if (!rt[WT_RULE_A_KIND] || !rt[WT_RULE_A_ID] || !rt[WT_RULE_A_PRIVILEGES])
			return MNL_CB_ERROR;
		out->r[out->n].kind = mnl_attr_get_u32(rt[WT_RULE_A_KIND]);
		out->r[out->n].id = mnl_attr_get_u32(rt[WT_RULE_A_ID]);
		out->r[out->n].privs = mnl_attr_get_u64(rt[WT_RULE_A_PRIVILEGES]);
		out->n++;
	}
	return MNL_CB_OK;
}

/* How a rule is broken, for set_policy(). */
enum rule_fault {
	OK, NO_KIND, NO_ID, NO_PRIVS, KIND_2, ID_MAX, PRIVS_0, PRIVS_BAD,
	KIND_U16, STRAY_ATTR, NOT_A_RULE,
};

static int set_policy(struct wtnl *nl, const struct rule *r, int n,
		      enum rule_fault fault)
{
	static char buf[16384];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_POLICY);
	struct nlattr *list, *nest;

	list = mnl_attr_nest_start(nlh, WT_A_POLICY);
	for (int i = 0; i < n; i++) {
		bool last = i == n - 1;

		nest = mnl_attr_nest_start(nlh, last && fault == NOT_A_RULE ?
					   WT_A_LEVEL : WT_A_POLICY_RULE);
		if (last && fault == KIND_U16)
			mnl_attr_put_u16(nlh, WT_RULE_A_KIND, r[i].kind);
		else if (!(last && fault == NO_KIND))
			mnl_attr_put_u32(nlh, WT_RULE_A_KIND,
					 last && fault == KIND_2 ? 2 : r[i].kind);
		if (!(last && fault == NO_ID))
			mnl_attr_put_u32(nlh, WT_RULE_A_ID,
					 last && fault == ID_MAX ? 0xffffffffu : r[i].id);
		if (!(last && fault == NO_PRIVS))
			mnl_attr_put_u64(nlh, WT_RULE_A_PRIVILEGES,
					 last && fault == PRIVS_0 ? 0 :
					 last && fault == PRIVS_BAD ? 1ULL << 63 :
					 r[i].privs);
		if (last && fault == STRAY_ATTR)
			mnl_attr_put_u32(nlh, WT_RULE_A_MAX + 1, 1);
		mnl_attr_nest_end(nlh, nest);
	}
	mnl_attr_nest_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

static int get_policy(struct wtnl *nl, struct rules *out)
{
	return call_u32(nl, WT_CMD_GET_POLICY, 0, 0, policy_cb, out);
}

#define P(n) (1ULL << WT_SE_##n##_PRIVILEGE)

/* ---- statistics and tokens ---- */

struct stats {
	uint64_t v[WT_A_MAX + 1];
	bool have[WT_A_MAX + 1];
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct stats *s = data;

	wtnl_attrs(nlh, tb);
	for (int i = WT_A_STAT_CHECKS; i <= WT_A_STAT_LIVE_TOKENS; i++) {
		if (i == WT_A_PAD)
			continue;
		s->have[i] = tb[i] && mnl_attr_get_payload_len(tb[i]) == 8;
		s->v[i] = s->have[i] ? mnl_attr_get_u64(tb[i]) : 0;
	}
	s->have[WT_A_STAT_LIVE_SESSIONS] = tb[WT_A_STAT_LIVE_SESSIONS] &&
		mnl_attr_get_payload_len(tb[WT_A_STAT_LIVE_SESSIONS]) == 8;
	s->v[WT_A_STAT_LIVE_SESSIONS] = s->have[WT_A_STAT_LIVE_SESSIONS] ?
		mnl_attr_get_u64(tb[WT_A_STAT_LIVE_SESSIONS]) : 0;
	return MNL_CB_OK;
}

struct token {
	bool found;
	uint8_t user[WT_SID_MAX_BYTES];
	int user_len;
	uint64_t present, enabled, logon_id, token_id;
	uint32_t integrity, type, level;
	int ngroups;
	bool has_admins, has_logon_sid;
	bool owner_admins, group_root, has_dacl, source_ok, has_restricted;
	uint32_t policy, session_id, elevation;
	uint64_t origin, modified_id, privs_default;
};

static int token_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1], *t[WT_TOKEN_A_MAX + 1];
	const struct nlattr *gt[WT_TOKEN_A_MAX + 1], *a;
	struct token *tok = data;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_TOKEN])
		return MNL_CB_ERROR;
	wtnl_nested(tb[WT_A_TOKEN], t, WT_TOKEN_A_MAX);
	if (!t[WT_TOKEN_A_USER] || !t[WT_TOKEN_A_GROUPS] ||
	    !t[WT_TOKEN_A_PRIVILEGES_PRESENT] || !t[WT_TOKEN_A_PRIVILEGES_ENABLED] ||
	    !t[WT_TOKEN_A_INTEGRITY] || !t[WT_TOKEN_A_TYPE] || !t[WT_TOKEN_A_LEVEL] ||
	    !t[WT_TOKEN_A_LOGON_ID] || !t[WT_TOKEN_A_TOKEN_ID])
		return MNL_CB_ERROR;
	tok->found = true;
	tok->user_len = mnl_attr_get_payload_len(t[WT_TOKEN_A_USER]);
	memcpy(tok->user, mnl_attr_get_payload(t[WT_TOKEN_A_USER]),
	       tok->user_len < WT_SID_MAX_BYTES ? tok->user_len : WT_SID_MAX_BYTES);
	tok->present = mnl_attr_get_u64(t[WT_TOKEN_A_PRIVILEGES_PRESENT]);
	tok->enabled = mnl_attr_get_u64(t[WT_TOKEN_A_PRIVILEGES_ENABLED]);
	tok->integrity = mnl_attr_get_u32(t[WT_TOKEN_A_INTEGRITY]);
	tok->type = mnl_attr_get_u32(t[WT_TOKEN_A_TYPE]);
	tok->level = mnl_attr_get_u32(t[WT_TOKEN_A_LEVEL]);
	tok->logon_id = mnl_attr_get_u64(t[WT_TOKEN_A_LOGON_ID]);
	tok->token_id = mnl_attr_get_u64(t[WT_TOKEN_A_TOKEN_ID]);
	if (!t[WT_TOKEN_A_OWNER] || !t[WT_TOKEN_A_PRIMARY_GROUP] ||
	    !t[WT_TOKEN_A_MANDATORY_POLICY] || !t[WT_TOKEN_A_SESSION_ID] ||
	    !t[WT_TOKEN_A_ORIGIN] || !t[WT_TOKEN_A_ELEVATION_TYPE] ||
	    !t[WT_TOKEN_A_SOURCE_NAME] || !t[WT_TOKEN_A_SOURCE_LUID] ||
	    !t[WT_TOKEN_A_MODIFIED_ID] || !t[WT_TOKEN_A_PRIVILEGES_DEFAULT])
		return MNL_CB_ERROR;
	tok->owner_admins = attr_is_sid(t[WT_TOKEN_A_OWNER], "S-1-5-32-544");
	tok->group_root = attr_is_sid(t[WT_TOKEN_A_PRIMARY_GROUP], "S-1-22-2-0");
	tok->has_dacl = t[WT_TOKEN_A_DEFAULT_DACL] &&
			mnl_attr_get_payload_len(t[WT_TOKEN_A_DEFAULT_DACL]) >= 8;
	tok->has_restricted = t[WT_TOKEN_A_RESTRICTED];
	tok->source_ok = mnl_attr_get_payload_len(t[WT_TOKEN_A_SOURCE_NAME]) == 8 &&
			 !memcmp(mnl_attr_get_payload(t[WT_TOKEN_A_SOURCE_NAME]),
				 "LinuxIds", 8);
	tok->policy = mnl_attr_get_u32(t[WT_TOKEN_A_MANDATORY_POLICY]);
	tok->session_id = mnl_attr_get_u32(t[WT_TOKEN_A_SESSION_ID]);
	tok->elevation = mnl_attr_get_u32(t[WT_TOKEN_A_ELEVATION_TYPE]);
	tok->origin = mnl_attr_get_u64(t[WT_TOKEN_A_ORIGIN]);
	tok->modified_id = mnl_attr_get_u64(t[WT_TOKEN_A_MODIFIED_ID]);
	tok->privs_default = mnl_attr_get_u64(t[WT_TOKEN_A_PRIVILEGES_DEFAULT]);
	mnl_attr_for_each_nested(a, t[WT_TOKEN_A_GROUPS]) {
		wtnl_nested(a, gt, WT_TOKEN_A_MAX);
		if (!gt[WT_TOKEN_A_SID] || !gt[WT_TOKEN_A_ATTRIBUTES])
			return MNL_CB_ERROR;
		tok->ngroups++;
		if (attr_is_sid(gt[WT_TOKEN_A_SID], "S-1-5-32-544"))
			tok->has_admins = true;
		if (mnl_attr_get_u32(gt[WT_TOKEN_A_ATTRIBUTES]) & WT_SE_GROUP_LOGON_ID)
			tok->has_logon_sid = true;
	}
	return MNL_CB_OK;
}

static int get_token(struct wtnl *nl, pid_t pid, struct token *tok)
{
	memset(tok, 0, sizeof(*tok));
	return call_u32(nl, WT_CMD_GET_TOKEN, WT_A_PID, pid, token_cb, tok);
}

/* ---- the id map ---- */

#define MAP(s, k, i) { .sid = (s), .kind = (k), .id = (i) }

struct idmap_fault {
	const char *sid;	/* NULL: leave the SID out */
	int sid_len;		/* 0: the SID's own length */
	uint32_t kind;
	uint32_t id;
	bool no_kind, no_id;
};

static int set_idmap(struct wtnl *nl, const struct idmap_fault *e, int n)
{
	static char buf[16384];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_SET_IDMAP);
	struct nlattr *list, *nest;
	uint8_t sid[WT_SID_MAX_BYTES + 8] = {0};

	list = mnl_attr_nest_start(nlh, WT_A_IDMAP);
	for (int i = 0; i < n; i++) {
		nest = mnl_attr_nest_start(nlh, WT_A_IDMAP_ENTRY);
		if (e[i].sid) {
			size_t len = wt_sid_bytes(e[i].sid, sid);

			mnl_attr_put(nlh, WT_IDMAP_A_SID,
				     e[i].sid_len ? e[i].sid_len : len, sid);
		}
		if (!e[i].no_kind)
			mnl_attr_put_u32(nlh, WT_IDMAP_A_KIND, e[i].kind);
		if (!e[i].no_id)
			mnl_attr_put_u32(nlh, WT_IDMAP_A_ID, e[i].id);
		mnl_attr_nest_end(nlh, nest);
	}
	mnl_attr_nest_end(nlh, list);
	return wtnl_call(nl, nlh, NULL, NULL) ? -errno : 0;
}

static int idmap_count_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1], *et[WT_IDMAP_A_MAX + 1], *a;
	int *count = data;

	wtnl_attrs(nlh, tb);
	*count = -1;
	if (!tb[WT_A_IDMAP])
		return MNL_CB_OK;
	*count = 0;
	mnl_attr_for_each_nested(a, tb[WT_A_IDMAP]) {
		wtnl_nested(a, et, WT_IDMAP_A_MAX);
		if (!et[WT_IDMAP_A_SID] || !et[WT_IDMAP_A_KIND] || !et[WT_IDMAP_A_ID])
			return MNL_CB_ERROR;
		/* Entry i of the test map: S-1-5-21-7-8-9-(1000 + i) -> 1000 + i */
		if (mnl_attr_get_u32(et[WT_IDMAP_A_ID]) != 1001u + *count)
			return MNL_CB_ERROR;
		(*count)++;
	}
	return MNL_CB_OK;
}

/* ---- the fixture ---- */

FIXTURE(nl) {
	struct wtnl nl;
	char saved_level[16];
};

FIXTURE_SETUP(nl)
{
	ASSERT_EQ(0, wtnl_open(&self->nl)) {
		TH_LOG("cannot resolve the wintok family: %s", strerror(errno));
	}
	read_param("default_connect_level", self->saved_level,
		   sizeof(self->saved_level));
}

FIXTURE_TEARDOWN(nl)
{
	struct rule none[1] = { { 0 } };
	struct idmap_fault no_map[1] = { MAP(NULL, 0, 0) };

	set_policy(&self->nl, none, 0, OK);
	set_idmap(&self->nl, no_map, 0);
	call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL,
		 atoi(self->saved_level), NULL, NULL);
	wtnl_close(&self->nl);
}

TEST_F(nl, family)
{
	EXPECT_EQ(WT_GENL_VERSION, self->nl.version);
	EXPECT_NE(0, self->nl.audit_group);
}

TEST_F(nl, unknown_command)
{
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, WT_CMD_MAX + 1, 0, 0, NULL, NULL));
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, 200, 0, 0, NULL, NULL));
	/* Events go from the kernel to user space only. */
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, WT_CMD_AUDIT_EVENT, 0, 0, NULL, NULL));
	EXPECT_EQ(-EOPNOTSUPP, call_u32(&self->nl, WT_CMD_UNSPEC, 0, 0, NULL, NULL));
}

TEST_F(nl, unknown_and_reply_only_attributes)
{
	struct stats st;

	/* Past the highest attribute. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_STATS, WT_A_MAX + 1, 1,
				    NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* Known, but only the kernel sends it. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_STATS, WT_A_STAT_CHECKS, 1,
				    NULL, NULL));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_POLICY, WT_A_EV_PID, 1,
				    NULL, NULL));
	/* Without them the same command works. */
	EXPECT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &st));
}

TEST_F(nl, reserved_header_byte)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(&self->nl, buf, WT_CMD_GET_STATS);
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	g->reserved = 1;
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(nl, policy_roundtrip)
{
	struct rule r[2] = {
		{ WT_POLICY_UID, 1100, P(IMPERSONATE) | P(CREATE_GLOBAL) },
		{ WT_POLICY_GID, 50, P(BACKUP) },
	};
	struct rules got;
	struct token tok;
	char text[256];
	int status;
	pid_t pid;

	ASSERT_EQ(0, set_policy(&self->nl, r, 2, OK));
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	ASSERT_EQ(2, got.n);
	for (int i = 0; i < 2; i++) {
		EXPECT_EQ(r[i].kind, got.r[i].kind);
		EXPECT_EQ(r[i].id, got.r[i].id);
		EXPECT_EQ(r[i].privs, got.r[i].privs);
	}
	/* The module parameter shows the same policy. */
	read_param("privileges", text, sizeof(text));
	EXPECT_STREQ("uid:1100:SeImpersonatePrivilege,SeCreateGlobalPrivilege;"
		     "gid:50:SeBackupPrivilege", text);
	/* A token derived after the change has the privileges. */
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_SERVICE, WT_GID_USERS);
		pause();
		_exit(0);
	}
	ASSERT_LT(0, pid);
	usleep(200000);
	EXPECT_EQ(0, get_token(&self->nl, pid, &tok));
	EXPECT_TRUE(tok.found);
	EXPECT_EQ(P(IMPERSONATE) | P(CREATE_GLOBAL) | P(CHANGE_NOTIFY), tok.present);
	EXPECT_EQ(tok.present, tok.enabled);	/* those three start enabled */
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);

	/* Empty clears. */
	ASSERT_EQ(0, set_policy(&self->nl, r, 0, OK));
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	EXPECT_EQ(0, got.n);
	read_param("privileges", text, sizeof(text));
	EXPECT_STREQ("", text);
}

TEST_F(nl, policy_bad_input)
{
	struct rule r[WT_POLICY_MAX_RULES + 1];
	static const enum rule_fault faults[] = {
		NO_KIND, NO_ID, NO_PRIVS, ID_MAX, PRIVS_0, PRIVS_BAD,
		KIND_U16, STRAY_ATTR, NOT_A_RULE,
	};
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct rules got;

	for (int i = 0; i <= WT_POLICY_MAX_RULES; i++)
		r[i] = (struct rule){ WT_POLICY_UID, 2000 + i, P(BACKUP) };
	ASSERT_EQ(0, set_policy(&self->nl, r, 1, OK));
	for (unsigned int i = 0; i < ARRAY_SIZE(faults); i++) {
		EXPECT_EQ(-EINVAL, set_policy(&self->nl, r, 2, faults[i])) {
			TH_LOG("fault %d", faults[i]);
		}
		EXPECT_NE(0, strlen(self->nl.errmsg)) {
			TH_LOG("fault %d: no extended ACK message", faults[i]);
		}
	}
	/* Out of the policy's range: the netlink core says ERANGE. */
	EXPECT_EQ(-ERANGE, set_policy(&self->nl, r, 2, KIND_2));
	EXPECT_EQ(-E2BIG, set_policy(&self->nl, r, WT_POLICY_MAX_RULES + 1, OK));
	EXPECT_EQ(0, set_policy(&self->nl, r, WT_POLICY_MAX_RULES, OK));
	/* Missing WT_A_POLICY altogether. */
	EXPECT_EQ(-1, wtnl_call(&self->nl, wtnl_msg(&self->nl, buf, WT_CMD_SET_POLICY),
				NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* WT_A_POLICY of the wrong type (not nested). */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_SET_POLICY, WT_A_POLICY, 1,
				    NULL, NULL));
	/* Nothing failed halfway: the last good policy stands. */
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	EXPECT_EQ(WT_POLICY_MAX_RULES, got.n);
}

static int unpriv_set_policy(void *arg)
{
	struct rule r = { WT_POLICY_UID, 1003, P(TCB) };
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -set_policy(&nl, &r, 1, OK);
	wtnl_close(&nl);
	return err;
}

static int unpriv_set_level(void *arg)
{
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -call_u32(&nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL, 3, NULL, NULL);
	wtnl_close(&nl);
	return err;
}

static int unpriv_set_idmap(void *arg)
{
	struct idmap_fault e = MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 0);
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -set_idmap(&nl, &e, 1);
	wtnl_close(&nl);
	return err;
}

/* Reads need no privilege; the read results are checked by the caller. */
static int unpriv_reads(void *arg)
{
	struct stats st;
	struct rules got;
	struct wtnl nl;
	int count, err;

	if (wtnl_open(&nl))
		return 120;
	err = -get_policy(&nl, &got);
	if (!err)
		err = -call_u32(&nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &st);
	if (!err)
		err = -call_u32(&nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count);
	if (!err)
		err = -call_u32(&nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, NULL, NULL);
	wtnl_close(&nl);
	return err;
}

static int unpriv_join_audit(void *arg)
{
	struct wtnl nl;
	int err = 0;

	if (wtnl_open(&nl))
		return 120;
	if (wtnl_join_audit(&nl))
		err = errno;
	wtnl_close(&nl);
	return err;
}

TEST_F(nl, unprivileged_callers)
{
	struct rules got;
	char level[16];

	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_set_policy, NULL));
	ASSERT_EQ(0, get_policy(&self->nl, &got));
	EXPECT_EQ(0, got.n);
	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_set_level, NULL));
	read_param("default_connect_level", level, sizeof(level));
	EXPECT_STREQ(self->saved_level, level);
	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_set_idmap, NULL));
	EXPECT_EQ(0, as_user(WT_UID_MALLORY, unpriv_reads, NULL));
	EXPECT_EQ(EPERM, as_user(WT_UID_MALLORY, unpriv_join_audit, NULL));
}

static int level_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];

	wtnl_attrs(nlh, tb);
	*(int *)data = tb[WT_A_LEVEL] ? (int)mnl_attr_get_u32(tb[WT_A_LEVEL]) : -1;
	return MNL_CB_OK;
}

TEST_F(nl, connect_level)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], text[16];
	struct nlmsghdr *nlh;
	int level = -1;

	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, level_cb, &level));
	EXPECT_EQ(atoi(self->saved_level), level);
	for (int want = WT_SECURITY_ANONYMOUS; want <= WT_SECURITY_DELEGATION; want++) {
		ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL,
				      want, NULL, NULL));
		ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0,
				      level_cb, &level));
		EXPECT_EQ(want, level);
		read_param("default_connect_level", text, sizeof(text));
		EXPECT_EQ(want, atoi(text));
	}
	/* Out of range, missing, wrong length: the level stays. */
	EXPECT_EQ(-ERANGE, call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, WT_A_LEVEL,
				    WT_SECURITY_DELEGATION + 1, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_SET_CONNECT_LEVEL, 0, 0, NULL, NULL));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_SET_CONNECT_LEVEL);
	mnl_attr_put_u8(nlh, WT_A_LEVEL, 1);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_SET_CONNECT_LEVEL);
	mnl_attr_put_u64(nlh, WT_A_LEVEL, 1);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, NULL, NULL));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_CONNECT_LEVEL, 0, 0, level_cb, &level));
	EXPECT_EQ(WT_SECURITY_DELEGATION, level);
}

TEST_F(nl, statistics)
{
	struct stats a, b;
	int fd;

	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &a));
	EXPECT_TRUE(a.have[WT_A_STAT_LIVE_SESSIONS]);
	EXPECT_LT(0, a.v[WT_A_STAT_LIVE_SESSIONS]);
	for (int i = WT_A_STAT_CHECKS; i <= WT_A_STAT_LIVE_TOKENS; i++) {
		EXPECT_TRUE(a.have[i]) {
			TH_LOG("statistic %d missing", i);
		}
	}
	/* Every open runs the file_open check. */
	for (int i = 0; i < 10; i++) {
		fd = open("/etc/passwd", O_RDONLY);
		ASSERT_LE(0, fd);
		close(fd);
	}
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &b));
	EXPECT_LE(a.v[WT_A_STAT_CHECKS] + 10, b.v[WT_A_STAT_CHECKS]);
	EXPECT_LE(a.v[WT_A_STAT_DENIALS], b.v[WT_A_STAT_DENIALS]);
	EXPECT_LT(0, b.v[WT_A_STAT_LIVE_TOKENS]);
}

TEST_F(nl, token_of_self)
{
	uint8_t root[WT_SID_MAX_BYTES];
	struct token tok;
	size_t n;

	ASSERT_EQ(0, get_token(&self->nl, getpid(), &tok));
	ASSERT_TRUE(tok.found);
	n = wt_sid_bytes("S-1-22-1-0", root);
	EXPECT_EQ((int)n, tok.user_len);
	EXPECT_EQ(0, memcmp(root, tok.user, n));
	EXPECT_EQ(WT_TOKEN_PRIMARY, tok.type);
	EXPECT_EQ(WT_INTEGRITY_SYSTEM, tok.integrity);
	EXPECT_TRUE(tok.enabled & P(TCB));
	EXPECT_TRUE(tok.present & P(BACKUP));
	EXPECT_FALSE(tok.enabled & P(BACKUP));
	EXPECT_TRUE(tok.has_admins);
	EXPECT_TRUE(tok.has_logon_sid);
	EXPECT_NE(0, tok.logon_id);
	EXPECT_NE(0, tok.token_id);
	EXPECT_LE(6, tok.ngroups);
	EXPECT_TRUE(tok.owner_admins);
	EXPECT_TRUE(tok.group_root);
	EXPECT_TRUE(tok.has_dacl);
	EXPECT_FALSE(tok.has_restricted);
	EXPECT_TRUE(tok.source_ok);
	EXPECT_EQ(WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
		  WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN, tok.policy);
	EXPECT_EQ(0, tok.session_id);
	EXPECT_EQ(WT_TOKEN_ELEVATION_TYPE_DEFAULT, tok.elevation);
	EXPECT_NE(0, tok.modified_id);
	EXPECT_EQ(tok.enabled & ~P(BACKUP), tok.privs_default & ~P(BACKUP));
	EXPECT_FALSE(tok.privs_default & P(BACKUP));
}

/* WT_A_EFFECTIVE: the impersonation token of a thread that has one. */
TEST_F(nl, token_effective)
{
	struct wt_impersonate a = { .size = sizeof(a) };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct token prim, eff;
	struct nlmsghdr *nlh;
	pid_t tid = syscall(SYS_gettid);
	int dev, tokfd;

	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	tokfd = wt_open_process_token(dev, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE, NULL);
	ASSERT_LE(0, tokfd);
	a.fd = tokfd;
	ASSERT_EQ(0, ioctl(dev, WT_IOC_IMPERSONATE, &a));
	ASSERT_EQ(WT_SECURITY_IMPERSONATION, a.level);

	memset(&eff, 0, sizeof(eff));
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_GET_TOKEN);
	mnl_attr_put_u32(nlh, WT_A_PID, tid);
	mnl_attr_put(nlh, WT_A_EFFECTIVE, 0, NULL);
	EXPECT_EQ(0, wtnl_call(&self->nl, nlh, token_cb, &eff));
	EXPECT_EQ(0, get_token(&self->nl, tid, &prim));
	EXPECT_EQ(WT_TOKEN_IMPERSONATION, eff.type);
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, eff.level);
	EXPECT_EQ(WT_TOKEN_PRIMARY, prim.type);
	EXPECT_NE(prim.token_id, eff.token_id);
	/* A copy: the same logon session. */
	EXPECT_EQ(prim.logon_id, eff.logon_id);
	/* A flag carries no value (the core says ERANGE). */
	nlh = wtnl_msg(&self->nl, buf, WT_CMD_GET_TOKEN);
	mnl_attr_put_u32(nlh, WT_A_PID, tid);
	mnl_attr_put_u32(nlh, WT_A_EFFECTIVE, 1);
	EXPECT_EQ(-1, wtnl_call(&self->nl, nlh, token_cb, &eff));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(0, ioctl(dev, WT_IOC_REVERT_TO_SELF, 0));
	close(tokfd);
	close(dev);
}

static int alice_queries(void *arg)
{
	struct token tok;
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return 120;
	err = -get_token(&nl, *(pid_t *)arg, &tok);
	if (!err && !tok.found)
		err = 121;
	if (!err) {
		uint8_t sid[WT_SID_MAX_BYTES];
		size_t n = wt_sid_bytes("S-1-22-1-1001", sid);

		if (tok.user_len != (int)n || memcmp(sid, tok.user, n) ||
		    tok.integrity != WT_INTEGRITY_MEDIUM || tok.has_admins)
			err = 122;
	}
	wtnl_close(&nl);
	return err;
}

static int alice_queries_self(void *arg)
{
	pid_t me = getpid();

	return alice_queries(&me);
}

TEST_F(nl, token_access)
{
	pid_t init = 1, none = 0x3ffffff0;
	struct token tok;

	/* Same user: allowed. Another user's (root's): refused. */
	EXPECT_EQ(0, as_user(WT_UID_ALICE, alice_queries_self, NULL));
	EXPECT_EQ(EPERM, as_user(WT_UID_ALICE, alice_queries, &init));
	/* Root has SeTcb and SeDebug. */
	EXPECT_EQ(0, get_token(&self->nl, 1, &tok));
	EXPECT_EQ(-ESRCH, get_token(&self->nl, none, &tok));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* pid 0 is out of the policy's range; no pid at all is missing. */
	EXPECT_EQ(-ERANGE, get_token(&self->nl, 0, &tok));
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_GET_TOKEN, 0, 0, token_cb, &tok));
	EXPECT_NE(0, strlen(self->nl.errmsg));
}

TEST_F(nl, idmap)
{
	struct idmap_fault map[3] = {
		MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 1001),
		MAP("S-1-5-21-7-8-9-1002", WT_IDMAP_UID, 1002),
		MAP("S-1-5-21-7-8-9-513", WT_IDMAP_GID, 1003),
	};
	struct idmap_fault bad;
	int count = -1;

	ASSERT_EQ(0, set_idmap(&self->nl, map, 3));
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count));
	EXPECT_EQ(3, count);

	/* S-1-22 maps by number. */
	bad = (struct idmap_fault)MAP("S-1-22-1-5", WT_IDMAP_UID, 5);
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	/* Too short, too long (ERANGE), or length not that of the SID. */
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 5);
	bad.sid_len = 4;
	EXPECT_EQ(-ERANGE, set_idmap(&self->nl, &bad, 1));
	bad.sid_len = WT_SID_MAX_BYTES + 4;
	EXPECT_EQ(-ERANGE, set_idmap(&self->nl, &bad, 1));
	bad.sid_len = 28 + 4;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	/* Kind out of range, id 4294967295, missing parts. */
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", 2, 5);
	EXPECT_EQ(-ERANGE, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 0xffffffffu);
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP(NULL, WT_IDMAP_UID, 5);
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 5);
	bad.no_kind = true;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	bad = (struct idmap_fault)MAP("S-1-5-21-7-8-9-1001", WT_IDMAP_UID, 5);
	bad.no_id = true;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, &bad, 1));
	EXPECT_NE(0, strlen(self->nl.errmsg));
	/* The same SID or the same id twice for one kind. */
	map[1].sid = map[0].sid;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, map, 2));
	map[1].sid = "S-1-5-21-7-8-9-1002";
	map[1].id = 1001;
	EXPECT_EQ(-EINVAL, set_idmap(&self->nl, map, 2));
	/* Missing WT_A_IDMAP. */
	EXPECT_EQ(-EINVAL, call_u32(&self->nl, WT_CMD_SET_IDMAP, 0, 0, NULL, NULL));
	/* Nothing changed; then empty clears. */
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count));
	EXPECT_EQ(3, count);
	ASSERT_EQ(0, set_idmap(&self->nl, map, 0));
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_IDMAP, 0, 0, idmap_count_cb, &count));
	EXPECT_EQ(0, count);
}

/* ---- the id map at impersonation ---- */

struct imp_ids {
	int tokfd, dev;
	long euid, egid;
	int ngroups;
	gid_t groups[8];
	int err;
};

/* On a thread of its own: impersonate, read the ids, revert. */
static void *imp_ids_thread(void *arg)
{
	struct wt_impersonate a = { .size = sizeof(a) };
	struct imp_ids *r = arg;

	a.fd = r->tokfd;
	if (ioctl(r->dev, WT_IOC_IMPERSONATE, &a)) {
		r->err = errno;
		return NULL;
	}
	r->euid = syscall(SYS_geteuid);
	r->egid = syscall(SYS_getegid);
	/* The raw call: glibc's getgroups() would ask for the process's. */
	r->ngroups = syscall(SYS_getgroups, 8, r->groups);
	if (a.level != WT_SECURITY_IMPERSONATION)
		r->err = 1000 + a.level;
	ioctl(r->dev, WT_IOC_REVERT_TO_SELF, 0);
	return NULL;
}

static struct imp_ids impersonate_ids(int dev, int tokfd)
{
	struct imp_ids r = { .tokfd = tokfd, .dev = dev, .euid = -1, .egid = -1 };
	pthread_t th;

	pthread_create(&th, NULL, imp_ids_thread, &r);
	pthread_join(th, NULL);
	return r;
}

/* The domain SIDs of the id map tests and the ids they map to. */
#define DOM_USER	"S-1-5-21-7-8-9-1001"
#define DOM_USERS	"S-1-5-21-7-8-9-513"
#define DOM_STAFF	"S-1-5-21-7-8-9-1105"	/* mapped to gid 2005 */
#define DOM_DENY_ONLY	"S-1-5-21-7-8-9-1106"	/* mapped to gid 2006 */
#define DOM_UNMAPPED	"S-1-5-21-7-8-9-1107"

static const struct idmap_fault domain_map[4] = {
	MAP(DOM_USER, WT_IDMAP_UID, WT_UID_ALICE),
	MAP(DOM_USERS, WT_IDMAP_GID, WT_GID_USERS),
	MAP(DOM_STAFF, WT_IDMAP_GID, 2005),
	MAP(DOM_DENY_ONLY, WT_IDMAP_GID, 2006),
};

/*
 * A token of domain SIDs only (made with SeCreateTokenPrivilege): user
 * DOM_USER, primary group DOM_USERS, groups DOM_USERS, DOM_STAFF,
 * DOM_DENY_ONLY (deny-only), DOM_UNMAPPED, S-1-22-2-2007 and Medium.
 */
static int create_domain_token(int dev, uint32_t type, uint32_t access)
{
	const uint32_t on = WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT |
			    WT_SE_GROUP_ENABLED;
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_CREATE_TOKEN_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	struct wt_create_token c = { .size = sizeof(c) };
	struct wt_sid_and_attributes groups[6];
	int own, fd, not_all = 1;

	own = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (own < 0 || wt_adjust_token_privileges(own, 0, &la, 1, NULL, NULL, &not_all) ||
	    not_all)
		return -1;
	close(own);
	c.type = type;
	c.level = type == WT_TOKEN_PRIMARY ? 0 : WT_SECURITY_IMPERSONATION;
	if (wt_sid_parse(DOM_USER, &c.user, 0) ||
	    wt_sid_parse(DOM_USERS, &c.primary_group, 0) ||
	    wt_sid_parse(DOM_USERS, &groups[0], on) ||
	    wt_sid_parse(DOM_STAFF, &groups[1], on) ||
	    wt_sid_parse(DOM_DENY_ONLY, &groups[2], WT_SE_GROUP_USE_FOR_DENY_ONLY) ||
	    wt_sid_parse(DOM_UNMAPPED, &groups[3], on) ||
	    wt_sid_parse("S-1-22-2-2007", &groups[4], on) ||
	    wt_sid_parse("S-1-16-8192", &groups[5],
			 WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED))
		return -1;
	c.group_count = 6;
	c.groups = (uintptr_t)groups;
	memcpy(c.source.name, "nltest", 6);
	c.desired_access = access;
	fd = wt_create_token(dev, &c);
	return fd < 0 ? -1 : fd;
}

static bool has_gid(const gid_t *groups, int n, gid_t gid)
{
	while (n-- > 0)
		if (groups[n] == gid)
			return true;
	return false;
}

/*
 * A token whose user and groups are not S-1-22 SIDs: an impersonating
 * thread gets the mapped ids and supplementary groups (enabled, not
 * deny-only), or the overflow ids and the S-1-22 groups alone.
 */
TEST_F(nl, idmap_gives_impersonation_ids)
{
	struct imp_ids r;
	int dev, tokfd;

	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	tokfd = create_domain_token(dev, WT_TOKEN_IMPERSONATION,
				    WT_TOKEN_IMPERSONATE | WT_TOKEN_QUERY);
	ASSERT_LE(0, tokfd) {
		TH_LOG("create token: %s", strerror(errno));
	}

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	r = impersonate_ids(dev, tokfd);
	EXPECT_EQ(0, r.err);
	EXPECT_EQ(WT_UID_ALICE, r.euid);
	EXPECT_EQ(WT_GID_USERS, r.egid);
	EXPECT_EQ(3, r.ngroups);
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, WT_GID_USERS));
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, 2005));
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, 2007));

	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
	r = impersonate_ids(dev, tokfd);
	EXPECT_EQ(0, r.err);
	EXPECT_EQ(65534, r.euid);
	EXPECT_EQ(65534, r.egid);
	EXPECT_EQ(1, r.ngroups);
	EXPECT_TRUE(has_gid(r.groups, r.ngroups, 2007));
	close(tokfd);
	close(dev);
}

/*
 * Assigning such a primary token: the process runs with the mapped uid
 * (its real uid set first), the mapped primary gid and groups.
 */
TEST_F(nl, idmap_gives_assigned_token_ids)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	int dev, tokfd, own, not_all = 1, status;
	pid_t pid;

	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	tokfd = create_domain_token(dev, WT_TOKEN_PRIMARY,
				    WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_QUERY);
	ASSERT_LE(0, tokfd);
	own = wt_open_process_token(dev, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	ASSERT_LE(0, own);
	ASSERT_EQ(0, wt_adjust_token_privileges(own, 0, &la, 1, NULL, NULL, &not_all));
	close(own);
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 4));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		gid_t groups[8];
		int n;

		/* Not yet the mapped uid: refused. */
		if (wt_assign_primary_token(dev, tokfd) != -1 || errno != EPERM)
			_exit(2);
		if (setresuid(WT_UID_ALICE, -1, -1) || wt_assign_primary_token(dev, tokfd))
			_exit(3);
		if (getuid() != WT_UID_ALICE || geteuid() != WT_UID_ALICE ||
		    getgid() != WT_GID_USERS)
			_exit(4);
		/* The primary group is not repeated among the supplementary. */
		n = getgroups(8, groups);
		if (n != 2 || !has_gid(groups, n, 2005) || !has_gid(groups, n, 2007))
			_exit(5);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_EQ(0, set_idmap(&self->nl, domain_map, 0));
	close(tokfd);
	close(dev);
}

/* ---- audit ---- */

/*
 * A self-relative SD with owner and group @sid (the access check needs
 * both) and a DACL granting it FILE_ALL_ACCESS (the file security ioctls
 * below set only the DACL).
 */
static size_t sd_allow_only(const char *sid, uint8_t *out)
{
	uint16_t control = WT_SE_SELF_RELATIVE | WT_SE_DACL_PRESENT;
	uint32_t off = 20, mask = WT_FILE_ALL_ACCESS, owner, group;
	size_t sid_len, ace_len;
	uint16_t v;

	memset(out, 0, 192);
	out[0] = 1;
	memcpy(out + 2, &control, 2);
	memcpy(out + 16, &off, 4);		/* DACL offset */
	sid_len = wt_sid_bytes(sid, out + 20 + 8 + 8);
	ace_len = 8 + sid_len;
	out[20] = WT_ACL_REVISION;
	v = 8 + ace_len;
	memcpy(out + 22, &v, 2);		/* ACL size */
	v = 1;
	memcpy(out + 24, &v, 2);		/* ACE count */
	out[28] = WT_ACCESS_ALLOWED_ACE_TYPE;
	v = ace_len;
	memcpy(out + 30, &v, 2);
	memcpy(out + 32, &mask, 4);
	owner = 20 + 8 + ace_len;
	memcpy(out + 4, &owner, 4);		/* owner offset */
	group = owner + wt_sid_bytes(sid, out + owner);
	memcpy(out + 8, &group, 4);		/* group offset: the same SID */
	return group + wt_sid_bytes(sid, out + group);
}

struct svc_result {
	pid_t tid;
	int open_errno;
	int imp_errno;
	uint32_t level;
};

struct svc_thread {
	int dev, conn;
	struct svc_result res;
};

static void *svc_thread(void *arg)
{
	struct svc_thread *t = arg;
	struct wt_impersonate a = { .size = sizeof(a), .fd = t->conn };
	int fd;

	t->res.tid = syscall(SYS_gettid);
	if (ioctl(t->dev, WT_IOC_IMPERSONATE_PEER, &a)) {
		t->res.imp_errno = errno;
		return NULL;
	}
	t->res.level = a.level;
	fd = open(AUDIT_FILE, O_RDONLY);
	t->res.open_errno = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	ioctl(t->dev, WT_IOC_REVERT_TO_SELF, 0);
	return NULL;
}

/* The service: accept bob, impersonate him on a thread, report. */
static void service(int listener, int report)
{
	struct svc_thread t = { 0 };
	pthread_t th;
	char c;

	wt_become_user(WT_UID_SERVICE, WT_GID_USERS);
	t.dev = open("/dev/wintok", O_RDWR);
	t.conn = accept(listener, NULL, NULL);
	if (t.dev < 0 || t.conn < 0 || read(t.conn, &c, 1) != 1)
		_exit(2);
	pthread_create(&th, NULL, svc_thread, &t);
	pthread_join(th, NULL);
	if (write(report, &t.res, sizeof(t.res)) != sizeof(t.res))
		_exit(3);
	write(t.conn, "y", 1);
	_exit(0);
}

static void client_bob(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct wt_socket_qos q = { .size = sizeof(q), .level = WT_SECURITY_IMPERSONATION };
	int dev, s;
	char c = 'x';

	wt_become_user(WT_UID_BOB, WT_GID_USERS);
	dev = open("/dev/wintok", O_RDWR);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	q.fd = s;
	if (dev < 0 || ioctl(dev, WT_IOC_SET_CONNECT_QOS, &q))
		_exit(2);
	strcpy(sa.sun_path, AUDIT_SOCK);
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) || write(s, &c, 1) != 1)
		_exit(3);
	read(s, &c, 1);
	_exit(0);
}

struct events {
	pid_t tid;
	int denied;		/* access denials by @tid for AUDIT_FILE */
	int other_denied;	/* other denials by @tid */
	bool started, ended;
	bool user_ok, client_ok, level_ok, pid_ok, masks_ok;
	int imp_priv;		/* SeImpersonatePrivilege uses by @tid */
	bool imp_priv_ok;
	pid_t pid;
};

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct events *ev = data;
	uint32_t type;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_EV_TYPE] || !tb[WT_A_EV_TID] || !tb[WT_A_EV_SEQ])
		return MNL_CB_ERROR;
	if ((pid_t)mnl_attr_get_u32(tb[WT_A_EV_TID]) != ev->tid)
		return MNL_CB_OK;
	type = mnl_attr_get_u32(tb[WT_A_EV_TYPE]);
	if (type == WT_AUDIT_IMP_START)
		ev->started = true;
	if (type == WT_AUDIT_IMP_END)
		ev->ended = true;
	/* Bob is another user: the service's privilege decided, and says so. */
	if (type == WT_AUDIT_PRIVILEGE_USE && tb[WT_A_EV_OP] &&
	    !strcmp(mnl_attr_get_str(tb[WT_A_EV_OP]), "impersonate")) {
		ev->imp_priv++;
		ev->imp_priv_ok = tb[WT_A_EV_PRIVILEGE] &&
			mnl_attr_get_u32(tb[WT_A_EV_PRIVILEGE]) == WT_SE_IMPERSONATE_PRIVILEGE &&
			attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-1100") &&
			attr_is_sid(tb[WT_A_EV_CLIENT_SID], "S-1-22-1-1002") &&
			tb[WT_A_EV_LEVEL] &&
			mnl_attr_get_u32(tb[WT_A_EV_LEVEL]) == WT_SECURITY_IMPERSONATION;
	}
	if (type != WT_AUDIT_ACCESS_DENIED)
		return MNL_CB_OK;
	if (!tb[WT_A_EV_PATH] || strcmp(mnl_attr_get_str(tb[WT_A_EV_PATH]), AUDIT_FILE)) {
		ev->other_denied++;
		return MNL_CB_OK;
	}
	ev->denied++;
	ev->user_ok = attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-1100");
	ev->client_ok = attr_is_sid(tb[WT_A_EV_CLIENT_SID], "S-1-22-1-1002");
	ev->level_ok = tb[WT_A_EV_LEVEL] &&
		       mnl_attr_get_u32(tb[WT_A_EV_LEVEL]) == WT_SECURITY_IMPERSONATION;
	ev->pid_ok = tb[WT_A_EV_PID] && (pid_t)mnl_attr_get_u32(tb[WT_A_EV_PID]) == ev->pid;
	ev->masks_ok = tb[WT_A_EV_DESIRED] && tb[WT_A_EV_GRANTED] &&
		       mnl_attr_get_u32(tb[WT_A_EV_DESIRED]) == WT_FILE_READ_DATA &&
		       mnl_attr_get_u32(tb[WT_A_EV_GRANTED]) == 0;
	return MNL_CB_OK;
}

TEST_F(nl, audit_denial_while_impersonating)
{
	struct rule r = { WT_POLICY_UID, WT_UID_SERVICE, P(IMPERSONATE) };
	struct wt_file_security fs = { .size = sizeof(fs) };
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct events ev = { 0 };
	struct svc_result res;
	uint8_t sd[192];
	int dev, fd, l, pipefd[2], status;
	pid_t svc, cli;

	ASSERT_EQ(0, set_policy(&self->nl, &r, 1, OK));
	ASSERT_EQ(0, wtnl_join_audit(&self->nl));

	/* alice's file, readable by everyone for Linux, by alice for wintok. */
	unlink(AUDIT_FILE);
	fd = open(AUDIT_FILE, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fchown(fd, WT_UID_ALICE, WT_GID_USERS));
	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	fs.fd = fd;
	fs.selectors = WT_DACL_SECURITY_INFORMATION;
	fs.length = sd_allow_only("S-1-22-1-1001", sd);
	fs.buffer = (uintptr_t)sd;
	ASSERT_EQ(0, ioctl(dev, WT_IOC_SET_FILE_SECURITY, &fs)) {
		TH_LOG("set SD: %s", strerror(errno));
	}
	close(fd);
	close(dev);

	l = socket(AF_UNIX, SOCK_STREAM, 0);
	unlink(AUDIT_SOCK);
	strcpy(sa.sun_path, AUDIT_SOCK);
	ASSERT_EQ(0, bind(l, (struct sockaddr *)&sa, sizeof(sa)));
	ASSERT_EQ(0, listen(l, 2));
	ASSERT_EQ(0, chmod(AUDIT_SOCK, 0777));
	ASSERT_EQ(0, pipe(pipefd));
	svc = fork();
	if (svc == 0)
		service(l, pipefd[1]);
	cli = fork();
	if (cli == 0)
		client_bob();
	ASSERT_EQ((ssize_t)sizeof(res), read(pipefd[0], &res, sizeof(res)));
	ASSERT_EQ(cli, waitpid(cli, &status, 0));
	EXPECT_EQ(0, status);
	ASSERT_EQ(svc, waitpid(svc, &status, 0));
	EXPECT_EQ(0, status);
	ASSERT_EQ(0, res.imp_errno);
	ASSERT_EQ(WT_SECURITY_IMPERSONATION, res.level);
	ASSERT_EQ(EACCES, res.open_errno);

	/* Events arrive in order: read up to the thread's revert. */
	ev.tid = res.tid;
	ev.pid = svc;
	while (!ev.ended) {
		struct pollfd p = { .fd = mnl_socket_get_fd(self->nl.sock), .events = POLLIN };
		const struct nlmsghdr *m;
		ssize_t n;
		int len;

		ASSERT_EQ(1, poll(&p, 1, 10000)) {
			TH_LOG("no revert event within 10 s");
		}
		n = mnl_socket_recvfrom(self->nl.sock, self->nl.buf, WTNL_BUF_SIZE);
		ASSERT_LT(0, n);
		len = n;
		for (m = (const struct nlmsghdr *)self->nl.buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len))
			if (m->nlmsg_type == self->nl.family)
				ASSERT_EQ(MNL_CB_OK, event_cb(m, &ev));
	}
	EXPECT_TRUE(ev.started);
	EXPECT_EQ(1, ev.imp_priv);
	EXPECT_TRUE(ev.imp_priv_ok);
	EXPECT_EQ(1, ev.denied);
	EXPECT_EQ(0, ev.other_denied);
	EXPECT_TRUE(ev.user_ok);
	EXPECT_TRUE(ev.client_ok);
	EXPECT_TRUE(ev.level_ok);
	EXPECT_TRUE(ev.pid_ok);
	EXPECT_TRUE(ev.masks_ok);
	close(l);
	unlink(AUDIT_SOCK);
	unlink(AUDIT_FILE);
}

/* ---- privilege use ---- */

#define PRIV_FILE "/tmp/nl_priv"

/* A child writes security.wintok raw, with SeRestore enabled or not. */
static pid_t raw_xattr_writer(bool enable, const uint8_t *sd, size_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct wt_luid_and_attributes la = {
			.luid = WT_SE_RESTORE_PRIVILEGE,
			.attributes = WT_SE_PRIVILEGE_ENABLED,
		};
		int fd, not_all = 1;

		if (enable) {
			fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
			if (fd < 0 || wt_adjust_token_privileges(fd, 0, &la, 1, NULL, NULL,
								 &not_all) || not_all)
				_exit(2);
		}
		if (setxattr(PRIV_FILE, WT_XATTR_NAME, sd, len, 0))
			_exit(errno == EPERM ? 3 : 4);
		_exit(0);
	}
	return pid;
}

struct priv_events {
	pid_t with, without;
	int with_seen, without_seen;
	bool ok;
};

static int priv_event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct priv_events *pe = data;
	pid_t tid;

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_EV_TYPE] || !tb[WT_A_EV_TID])
		return MNL_CB_ERROR;
	if (mnl_attr_get_u32(tb[WT_A_EV_TYPE]) != WT_AUDIT_PRIVILEGE_USE)
		return MNL_CB_OK;
	tid = mnl_attr_get_u32(tb[WT_A_EV_TID]);
	if (tid == pe->without)
		pe->without_seen++;
	if (tid != pe->with)
		return MNL_CB_OK;
	pe->with_seen++;
	pe->ok = tb[WT_A_EV_PRIVILEGE] &&
		 mnl_attr_get_u32(tb[WT_A_EV_PRIVILEGE]) == WT_SE_RESTORE_PRIVILEGE &&
		 attr_is_sid(tb[WT_A_EV_USER_SID], "S-1-22-1-0") &&
		 !tb[WT_A_EV_CLIENT_SID] && tb[WT_A_EV_OP] &&
		 !strcmp(mnl_attr_get_str(tb[WT_A_EV_OP]), "xattr");
	return MNL_CB_OK;
}

TEST_F(nl, audit_privilege_use)
{
	struct priv_events pe = { 0 };
	uint8_t sd[192];
	size_t len = sd_allow_only("S-1-22-1-0", sd);
	int fd, status;

	ASSERT_EQ(0, wtnl_join_audit(&self->nl));
	fd = open(PRIV_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	pe.without = raw_xattr_writer(false, sd, len);
	ASSERT_EQ(pe.without, waitpid(pe.without, &status, 0));
	EXPECT_EQ(3, WEXITSTATUS(status));	/* EPERM: not enabled */
	pe.with = raw_xattr_writer(true, sd, len);
	ASSERT_EQ(pe.with, waitpid(pe.with, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	while (!pe.with_seen) {
		struct pollfd p = { .fd = mnl_socket_get_fd(self->nl.sock), .events = POLLIN };
		const struct nlmsghdr *m;
		ssize_t n;
		int len;

		ASSERT_EQ(1, poll(&p, 1, 10000)) {
			TH_LOG("no privilege use event within 10 s");
		}
		n = mnl_socket_recvfrom(self->nl.sock, self->nl.buf, WTNL_BUF_SIZE);
		ASSERT_LT(0, n);
		len = n;
		for (m = (const struct nlmsghdr *)self->nl.buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len))
			if (m->nlmsg_type == self->nl.family)
				ASSERT_EQ(MNL_CB_OK, priv_event_cb(m, &pe));
	}
	EXPECT_EQ(1, pe.with_seen);
	EXPECT_EQ(0, pe.without_seen);
	EXPECT_TRUE(pe.ok);
	/* Its owner (root) may delete it; an SD the check cannot read would refuse. */
	EXPECT_EQ(0, unlink(PRIV_FILE));
}

/* ---- the kernel audit log ---- */

#define KAUDIT_FILE "/tmp/nl_kaudit_alice"

/*
 * AUDIT_SET the enabled flag to @enabled through NETLINK_AUDIT; the old
 * value goes to @old (AUDIT_GET first). Return: 0 or an errno.
 */
static int audit_enable(int enabled, int *old)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct audit_status *st;
	struct mnl_socket *s;
	struct nlmsghdr *nlh;
	int err = 0, got = 0;
	ssize_t n;

	s = mnl_socket_open(NETLINK_AUDIT);
	if (!s)
		return errno;
	if (mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = errno;
		goto out;
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = AUDIT_GET;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = 1;
	if (mnl_socket_sendto(s, nlh, nlh->nlmsg_len) < 0) {
		err = errno;
		goto out;
	}
	while (!got) {
		const struct nlmsghdr *m;
		int len;

		n = mnl_socket_recvfrom(s, buf, sizeof(buf));
		if (n < 0) {
			err = errno;
			goto out;
		}
		len = n;
		for (m = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			if (m->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(m);

				if (e->error) {
					err = -e->error;
					goto out;
				}
			} else if (m->nlmsg_type == AUDIT_GET) {
				st = mnl_nlmsg_get_payload(m);
				*old = st->enabled;
				got = 1;
			}
		}
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = AUDIT_SET;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 2;
	st = mnl_nlmsg_put_extra_header(nlh, sizeof(*st));
	st->mask = AUDIT_STATUS_ENABLED;
	st->enabled = enabled;
	if (mnl_socket_sendto(s, nlh, nlh->nlmsg_len) < 0) {
		err = errno;
		goto out;
	}
	for (;;) {
		const struct nlmsghdr *m;
		int len;

		n = mnl_socket_recvfrom(s, buf, sizeof(buf));
		if (n < 0) {
			err = errno;
			break;
		}
		len = n;
		m = (const struct nlmsghdr *)buf;
		if (mnl_nlmsg_ok(m, len) && m->nlmsg_type == NLMSG_ERROR) {
			err = -((const struct nlmsgerr *)mnl_nlmsg_get_payload(m))->error;
			break;
		}
	}
out:
	mnl_socket_close(s);
	return err;
}

/*
 * With kernel auditing enabled (and no auditd, so kauditd prints the
 * records), a denial leaves an AUDIT_KERNEL_OTHER record in the kernel
 * log naming the event, the user, the masks and the path.
 */
TEST_F(nl, kernel_audit_record)
{
	struct wt_file_security fs = { .size = sizeof(fs) };
	char line[2048];
	bool found = false;
	int dev, fd, kmsg, was = 0, tries;
	uint8_t sd[192];
	ssize_t n;

	fd = open(KAUDIT_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	fs.fd = fd;
	fs.selectors = WT_DACL_SECURITY_INFORMATION;
	fs.length = sd_allow_only("S-1-22-1-1001", sd);
	fs.buffer = (uintptr_t)sd;
	ASSERT_EQ(0, ioctl(dev, WT_IOC_SET_FILE_SECURITY, &fs));
	close(fd);
	close(dev);

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kmsg);
	lseek(kmsg, 0, SEEK_END);
	ASSERT_EQ(0, audit_enable(1, &was));
	usleep(100000);
	EXPECT_EQ(-1, open(KAUDIT_FILE, O_RDONLY));
	EXPECT_EQ(EACCES, errno);
	for (tries = 0; tries < 100 && !found; tries++) {
		n = read(kmsg, line, sizeof(line) - 1);
		if (n < 0) {
			if (errno == EAGAIN)
				usleep(50000);
			continue;
		}
		line[n] = '\0';
		if (!strstr(line, "wintok=access_denied") ||
		    !strstr(line, "path=\"" KAUDIT_FILE "\""))
			continue;
		found = true;
		EXPECT_NE(NULL, strstr(line, "type=1316"));
		EXPECT_NE(NULL, strstr(line, " user_sid=S-1-22-1-0 "));
		EXPECT_NE(NULL, strstr(line, " desired=0x1 granted=0x0"));
		EXPECT_NE(NULL, strstr(line, " op=file_open"));
		EXPECT_NE(NULL, strstr(line, " res=0"));
	}
	EXPECT_TRUE(found) {
		TH_LOG("no audit record in the kernel log");
	}
	audit_enable(was, &was);
	close(kmsg);
	unlink(KAUDIT_FILE);
}

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
	int status, tries;
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
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
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
		struct pollfd p = { .fd = mnl_socket_get_fd(ev.sock), .events = POLLIN };
		const struct nlmsghdr *m;
		ssize_t n;
		int len;

		ASSERT_EQ(1, poll(&p, 1, 10000)) {
			TH_LOG("no logoff event within 10 s");
		}
		n = mnl_socket_recvfrom(ev.sock, ev.buf, WTNL_BUF_SIZE);
		ASSERT_LT(0, n);
		len = n;
		for (m = (const struct nlmsghdr *)ev.buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len))
			if (m->nlmsg_type == ev.family)
				ASSERT_EQ(MNL_CB_OK, logon_event_cb(m, &le));
	}
	wtnl_close(&ev);
	EXPECT_EQ(1, le.logons);
	EXPECT_EQ(1, le.logoffs);
	EXPECT_TRUE(le.user_ok);
	EXPECT_TRUE(le.type_ok);
	EXPECT_TRUE(le.logoff_pid_ok);
}

/*
 * A flood of denials: the system stays responsive, every event is either
 * sent or counted as dropped, and the rate limit drops most of them.
 */
#define FLOOD 100000
#define FLOOD_FILE "/tmp/nl_flood"

TEST_F(nl, audit_flood)
{
	struct wt_file_security fs = { .size = sizeof(fs) };
	int received = 0, gaps = 0, out_of_order = 0, rcvbuf = 64 << 20;
	uint64_t sent, dropped, last_seq = 0;
	struct stats a, b;
	struct wtnl ev;
	struct timespec t0, t1;
	uint8_t sd[192];
	int dev, fd, i, tries;
	double secs;

	fd = open(FLOOD_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	dev = open("/dev/wintok", O_RDWR);
	ASSERT_LE(0, dev);
	fs.fd = fd;
	fs.selectors = WT_DACL_SECURITY_INFORMATION;
	fs.length = sd_allow_only("S-1-22-1-1001", sd);	/* not root */
	fs.buffer = (uintptr_t)sd;
	ASSERT_EQ(0, ioctl(dev, WT_IOC_SET_FILE_SECURITY, &fs));
	close(fd);
	close(dev);

	/* A listener: sequence numbers increase, with gaps for the drops. */
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	/* Room for every event that can pass the rate limit meanwhile. */
	ASSERT_EQ(0, setsockopt(mnl_socket_get_fd(ev.sock), SOL_SOCKET,
				SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)));
	ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &a));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < FLOOD; i++) {
		fd = open(FLOOD_FILE, O_RDONLY);
		if (fd >= 0 || errno != EACCES)
			break;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ASSERT_EQ(FLOOD, i) {
		TH_LOG("open %d was not refused: %s", i, strerror(errno));
	}
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	TH_LOG("%d denials in %.1f s", FLOOD, secs);
	EXPECT_GT(120.0, secs);

	/* Wait for the worker to finish what it queued. */
	for (tries = 0; tries < 50; tries++) {
		ASSERT_EQ(0, call_u32(&self->nl, WT_CMD_GET_STATS, 0, 0, stats_cb, &b));
		sent = b.v[WT_A_STAT_AUDIT_EVENTS] - a.v[WT_A_STAT_AUDIT_EVENTS];
		dropped = b.v[WT_A_STAT_AUDIT_DROPPED] - a.v[WT_A_STAT_AUDIT_DROPPED];
		if (sent + dropped >= FLOOD)
			break;
		usleep(100000);
	}
	TH_LOG("%llu events sent, %llu dropped", (unsigned long long)sent,
	       (unsigned long long)dropped);
	/*
	 * Every denial is counted once; the worker may also have handled a
	 * few logoffs of earlier tests' processes, whose last tokens go
	 * after an RCU grace period.
	 */
	EXPECT_LE(FLOOD, sent + dropped);
	EXPECT_GE(FLOOD + 32, sent + dropped);
	EXPECT_LT(0, dropped);
	/* The limit is 1000 a second with a burst of as many. */
	EXPECT_GE(1000 * (secs + 2) + 1000, (double)sent);
	EXPECT_LE(FLOOD, b.v[WT_A_STAT_DENIALS] - a.v[WT_A_STAT_DENIALS]);

	/* The events that reached the listener (its buffer may overrun). */
	for (;;) {
		struct pollfd p = { .fd = mnl_socket_get_fd(ev.sock), .events = POLLIN };
		const struct nlmsghdr *m;
		ssize_t n;
		int len;

		if (poll(&p, 1, 500) != 1)
			break;
		n = mnl_socket_recvfrom(ev.sock, ev.buf, WTNL_BUF_SIZE);
		if (n < 0)
			continue;	/* ENOBUFS: some were lost on our side */
		len = n;
		for (m = (const struct nlmsghdr *)ev.buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			const struct nlattr *tb[WT_A_MAX + 1];
			uint64_t seq;

			if (m->nlmsg_type != ev.family)
				continue;
			wtnl_attrs(m, tb);
			if (!tb[WT_A_EV_SEQ])
				continue;
			seq = mnl_attr_get_u64(tb[WT_A_EV_SEQ]);
			if (last_seq && seq <= last_seq)
				out_of_order++;
			if (last_seq && seq > last_seq + 1)
				gaps++;
			last_seq = seq;
			received++;
		}
	}
	wtnl_close(&ev);
	TH_LOG("listener got %d events, %d gaps", received, gaps);
	EXPECT_LT(0, received);
	EXPECT_EQ(0, out_of_order);
	EXPECT_LT(0, gaps);
	unlink(FLOOD_FILE);
}

/* ---- every event type, seen on the group (ABI 10) ---- */

/* One audit event, as the group delivers it. */
struct ev {
	uint32_t type, pid, tid, level, desired, granted, err, priv, logon_type;
	bool has_level, has_client, has_object, has_priv;
	uint64_t token_id, logon_id;
	uint8_t user[WT_SID_MAX_BYTES], client[WT_SID_MAX_BYTES];
	uint8_t token_user[WT_SID_MAX_BYTES];
	size_t user_len, client_len, token_user_len;
	char op[32], path[256];
};

#define MAX_EVS 2048

struct evs {
	int n;
	struct ev e[MAX_EVS];
};

static void copy_sid(uint8_t *dst, size_t *len, const struct nlattr *a)
{
	*len = 0;
	if (!a || mnl_attr_get_payload_len(a) > WT_SID_MAX_BYTES)
		return;
	*len = mnl_attr_get_payload_len(a);
	memcpy(dst, mnl_attr_get_payload(a), *len);
}

static bool sid_is(const uint8_t *sid, size_t len, const char *text)
{
	uint8_t want[WT_SID_MAX_BYTES];
	size_t n = wt_sid_bytes(text, want);

	return len == n && !memcmp(sid, want, n);
}

static uint32_t u32_of(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static void parse_ev(const struct nlmsghdr *nlh, struct evs *l)
{
	const struct nlattr *tb[WT_A_MAX + 1];
	struct ev *e;

	if (l->n == MAX_EVS)
		return;
	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_EV_TYPE])
		return;
	e = &l->e[l->n++];
	memset(e, 0, sizeof(*e));
	e->type = mnl_attr_get_u32(tb[WT_A_EV_TYPE]);
	e->pid = u32_of(tb[WT_A_EV_PID]);
	e->tid = u32_of(tb[WT_A_EV_TID]);
	e->level = u32_of(tb[WT_A_EV_LEVEL]);
	e->desired = u32_of(tb[WT_A_EV_DESIRED]);
	e->granted = u32_of(tb[WT_A_EV_GRANTED]);
	e->err = u32_of(tb[WT_A_EV_ERRNO]);
	e->priv = u32_of(tb[WT_A_EV_PRIVILEGE]);
	e->logon_type = u32_of(tb[WT_A_EV_LOGON_TYPE]);
	e->token_id = tb[WT_A_EV_TOKEN_ID] ? mnl_attr_get_u64(tb[WT_A_EV_TOKEN_ID]) : 0;
	e->logon_id = tb[WT_A_EV_LOGON_ID] ? mnl_attr_get_u64(tb[WT_A_EV_LOGON_ID]) : 0;
	e->has_level = tb[WT_A_EV_LEVEL];
	e->has_client = tb[WT_A_EV_CLIENT_SID];
	e->has_object = tb[WT_A_EV_PATH];
	e->has_priv = tb[WT_A_EV_PRIVILEGE];
	copy_sid(e->user, &e->user_len, tb[WT_A_EV_USER_SID]);
	copy_sid(e->client, &e->client_len, tb[WT_A_EV_CLIENT_SID]);
	copy_sid(e->token_user, &e->token_user_len, tb[WT_A_EV_TOKEN_USER]);
	if (tb[WT_A_EV_OP])
		snprintf(e->op, sizeof(e->op), "%s", mnl_attr_get_str(tb[WT_A_EV_OP]));
	if (tb[WT_A_EV_PATH])
		snprintf(e->path, sizeof(e->path), "%s", mnl_attr_get_str(tb[WT_A_EV_PATH]));
}

/* Events matching (0 or NULL: any) of @l, the first in @first. */
static int count_ev(const struct evs *l, uint32_t type, pid_t tid,
		    const char *op, const char *path, const struct ev **first)
{
	int i, n = 0;

	if (first)
		*first = NULL;
	for (i = 0; i < l->n; i++) {
		const struct ev *e = &l->e[i];

		if (e->type != type || (tid && (pid_t)e->tid != tid) ||
		    (op && strcmp(e->op, op)) || (path && strcmp(e->path, path)))
			continue;
		if (!n++ && first)
			*first = e;
	}
	return n;
}

/*
 * Read the events of @ev (joined to the group) into @l until one matches
 * (as count_ev()), then until the group is quiet for half a second.
 * Return: whether the awaited event came within 15 s.
 */
static bool collect(struct wtnl *ev, struct evs *l, uint32_t type, pid_t tid,
		    const char *op, const char *path)
{
	bool seen = false;
	int waited = 0;

	while (waited < 15000) {
		struct pollfd p = { .fd = mnl_socket_get_fd(ev->sock), .events = POLLIN };
		const struct nlmsghdr *m;
		ssize_t n;
		int len;

		if (poll(&p, 1, 500) != 1) {
			waited += 500;
			if (seen)
				return true;
			continue;
		}
		n = mnl_socket_recvfrom(ev->sock, ev->buf, WTNL_BUF_SIZE);
		if (n <= 0)
			continue;
		len = n;
		for (m = (const struct nlmsghdr *)ev->buf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len))
			if (m->nlmsg_type == ev->family)
				parse_ev(m, l);
		seen = seen || count_ev(l, type, tid, op, path, NULL);
	}
	return seen;
}

/* Events of type @type and op @op about logon session @luid. */
static int count_luid(const struct evs *l, uint32_t type, const char *op,
		      uint64_t luid, const struct ev **first)
{
	int i, n = 0;

	*first = NULL;
	for (i = 0; i < l->n; i++) {
		const struct ev *e = &l->e[i];

		if (e->type != type || strcmp(e->op, op) || e->logon_id != luid)
			continue;
		if (!n++)
			*first = e;
	}
	return n;
}

/* As collect(), until an event about logon session @luid (other logoffs pass). */
static bool collect_luid(struct wtnl *ev, struct evs *l, uint32_t type,
			 const char *op, uint64_t luid)
{
	const struct ev *e;
	int tries;

	for (tries = 0; tries < 5; tries++) {
		if (count_luid(l, type, op, luid, &e))
			return true;
		collect(ev, l, type, 0, op, NULL);
	}
	return count_luid(l, type, op, luid, &e);
}

/*
 * Let a rate limit window pass: an earlier test (audit_flood) may have
 * used up this second's events, and those of this test would be dropped.
 */
static void fresh_rate_window(void)
{
	usleep(1200000);
}

/* Enable privileges in the calling process's token; 0 when all were. */
static int enable_privs(const uint32_t *luids, int n)
{
	struct wt_luid_and_attributes la[8];
	int fd, i, not_all = 1, err;

	memset(la, 0, sizeof(la));
	for (i = 0; i < n && i < 8; i++) {
		la[i].luid = luids[i];
		la[i].attributes = WT_SE_PRIVILEGE_ENABLED;
	}
	fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (fd < 0)
		return -1;
	err = wt_adjust_token_privileges(fd, 0, la, n, NULL, NULL, &not_all);
	close(fd);
	return err || not_all ? -1 : 0;
}

/* One ACE of an SD built below. */
struct ace_spec {
	uint8_t type, flags;
	uint32_t mask;
	const char *sid;
};

static size_t put_acl(uint8_t *p, const struct ace_spec *a, int n)
{
	size_t off = 8;
	int i;

	memset(p, 0, 8);
	for (i = 0; i < n; i++) {
		size_t at = off;

		p[at] = a[i].type;
		p[at + 1] = a[i].flags;
		wt_le(p + at + 4, a[i].mask, 4);
		off = at + 8 + wt_sid_bytes(a[i].sid, p + at + 8);
		wt_le(p + at + 2, off - at, 2);
	}
	p[0] = WT_ACL_REVISION;
	wt_le(p + 2, off, 2);
	wt_le(p + 4, n, 2);
	return off;
}

/* A self-relative SD: owner, group, a SACL of @ns ACEs (none if < 0), a DACL. */
static size_t sd_full(uint8_t *sd, const char *owner, const char *group,
		      const struct ace_spec *dacl, int nd,
		      const struct ace_spec *sacl, int ns)
{
	uint16_t control = WT_SE_SELF_RELATIVE | WT_SE_DACL_PRESENT;
	size_t off = 20;

	memset(sd, 0, off);
	sd[0] = 1;
	wt_le(sd + 4, off, 4);
	off += wt_sid_bytes(owner, sd + off);
	wt_le(sd + 8, off, 4);
	off += wt_sid_bytes(group, sd + off);
	if (ns >= 0) {
		control |= WT_SE_SACL_PRESENT;
		wt_le(sd + 12, off, 4);
		off += put_acl(sd + off, sacl, ns);
	}
	wt_le(sd + 16, off, 4);
	off += put_acl(sd + off, dacl, nd);
	wt_le(sd + 2, control, 2);
	return off;
}

#define AUDIT_T WT_SYSTEM_AUDIT_ACE_TYPE
#define ALLOW_T WT_ACCESS_ALLOWED_ACE_TYPE
#define SID_ROOT "S-1-22-1-0"
#define SID_ALICE "S-1-22-1-1001"
#define SID_BOB "S-1-22-1-1002"

static int wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* A child as @uid opens @path with @flags; exits 0 (opened) or errno. */
static pid_t open_as(uid_t uid, const char *path, int flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		if (uid)
			wt_become_user(uid, WT_GID_USERS);
		fd = open(path, flags);
		_exit(fd < 0 ? errno : 0);
	}
	return pid;
}

/*
 * SysV IPC denials: one event per refused operation, naming the object
 * "msg|sem|shm <id>", the caller and the rights; an IPC object's SACL
 * asks for a success audit of a read.
 */
TEST_F(nl, audit_ipc)
{
	static const uint32_t sec[] = { WT_SE_SECURITY_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	char shm_name[32], msg_name[32], sem_name[32];
	const struct ev *e;
	int shm, msq, sem;
	struct wtnl ev;
	pid_t pid, rd;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	/* root's objects: its default DACL admits root and SYSTEM only. */
	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	msq = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
	sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);
	ASSERT_LE(0, shm);
	ASSERT_LE(0, msq);
	ASSERT_LE(0, sem);
	snprintf(shm_name, sizeof(shm_name), "shm %d", shm);
	snprintf(msg_name, sizeof(msg_name), "msg %d", msq);
	snprintf(sem_name, sizeof(sem_name), "sem %d", sem);

	pid = fork();
	if (pid == 0) {
		struct sembuf op = { 0, 1, IPC_NOWAIT };
		long m[2] = { 1, 0 };

		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		if (shmat(shm, NULL, 0) != (void *)-1 || errno != EACCES)
			_exit(2);
		if (!msgsnd(msq, m, sizeof(long), IPC_NOWAIT) || errno != EACCES)
			_exit(3);
		if (!semop(sem, &op, 1) || errno != EACCES)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));

	/* A SACL on the segment: reads by anyone are audited. */
	rd = fork();
	if (rd == 0) {
		struct ace_spec d[] = {
			{ ALLOW_T, 0, WT_IPC_ALL_ACCESS, SID_ROOT },
			{ ALLOW_T, 0, WT_IPC_READ, SID_BOB },
		};
		struct ace_spec s[] = {
			{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_IPC_READ, "S-1-1-0" },
		};
		uint8_t sd[512];
		size_t len = sd_full(sd, SID_ROOT, "S-1-22-2-0", d, 2, s, 1);
		struct wt_ipc_security a = {
			.size = sizeof(a), .type = WT_IPC_TYPE_SHM, .id = shm,
			.selectors = WT_DACL_SECURITY_INFORMATION |
				     WT_SACL_SECURITY_INFORMATION,
			.length = len, .buffer = (uintptr_t)sd,
		};
		int dev;

		if (enable_privs(sec, 1))
			_exit(2);
		dev = open("/dev/wintok", O_RDWR);
		if (dev < 0 || ioctl(dev, WT_IOC_SET_IPC_SECURITY, &a))
			_exit(3);
		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		if (shmat(shm, NULL, SHM_RDONLY) == (void *)-1)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(rd));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_SACL_SUCCESS, rd, "shmat", shm_name));

	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, NULL, shm_name, &e));
	if (e) {
		EXPECT_STREQ("ipc_permission", e->op);
		EXPECT_EQ(WT_IPC_READ | WT_IPC_WRITE, e->desired);
		EXPECT_EQ(0, e->granted);
		EXPECT_EQ(EACCES, e->err);
		EXPECT_EQ(pid, e->pid);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
		EXPECT_FALSE(e->has_client);
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, NULL, msg_name, &e));
	if (e)
		EXPECT_EQ(WT_IPC_WRITE, e->desired);
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, NULL, sem_name, &e));
	if (e)
		EXPECT_EQ(WT_IPC_WRITE, e->desired);
	/* No SACL on them: no SACL event. */
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_FAILURE, pid, NULL, NULL, NULL));

	/* The SACL's success audit, with the granted rights; setting it used SeSecurity. */
	/* ipcperms() and the shmat hook each check, each audits. */
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, rd, "shmat", shm_name, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, rd, "ipc_permission",
			      shm_name, &e));
	if (e) {
		EXPECT_EQ(WT_IPC_READ, e->desired);
		EXPECT_EQ(WT_IPC_READ, e->granted);
		EXPECT_EQ(0, e->err);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, rd, "set_security",
			      shm_name, &e));
	if (e)
		EXPECT_EQ(WT_SE_SECURITY_PRIVILEGE, e->priv);

	shmctl(shm, IPC_RMID, NULL);
	msgctl(msq, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID);
	wtnl_close(&ev);
	free(l);
}

/* An abstract AF_UNIX socket with an SD: refused connects and SACL audits. */
TEST_F(nl, audit_unix_abstract)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct evs *l = calloc(1, sizeof(*l));
	const char *name = "wt-nl-audit-abstract";
	socklen_t sl = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
	char old[8], path[64];
	const struct ev *e;
	struct wtnl ev;
	int lfd, pfd;
	pid_t pid, setter, alice;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	read_param("abstract_socket_sd", old, sizeof(old));
	pfd = open(PARAMS "abstract_socket_sd", O_WRONLY);
	ASSERT_LE(0, pfd);
	ASSERT_EQ(1, write(pfd, "1", 1));
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));
	memcpy(sa.sun_path + 1, name, strlen(name));
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ASSERT_EQ(0, bind(lfd, (struct sockaddr *)&sa, sl));
	ASSERT_EQ(0, listen(lfd, 1));
	pid = fork();
	if (pid == 0) {
		int s;

		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(s, (struct sockaddr *)&sa, sl) ? errno : 0);
	}
	EXPECT_EQ(EACCES, wait_child(pid));
	snprintf(path, sizeof(path), "unix @%s", name);
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_ACCESS_DENIED, pid, NULL, path));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, "unix_connect", path, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->desired);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_BOB));
		EXPECT_EQ(pid, e->pid);
	}

	/*
	 * The service admits alice and asks, in the socket's SACL, for a
	 * success audit of every connect: alice's gets one with the rights
	 * granted, bob's refusal none (no failure ACE), only its denial.
	 */
	setter = fork();
	if (setter == 0) {
		static const uint32_t sec[] = { WT_SE_SECURITY_PRIVILEGE };
		struct ace_spec d[] = {
			{ ALLOW_T, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
			{ ALLOW_T, 0, WT_FILE_WRITE_DATA, SID_ALICE },
		};
		struct ace_spec sacl[] = {
			{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_FILE_WRITE_DATA, "S-1-1-0" },
		};
		uint8_t sd[512];
		size_t len = sd_full(sd, SID_ROOT, "S-1-22-2-0", d, 2, sacl, 1);

		if (enable_privs(sec, 1))
			_exit(2);
		_exit(wt_set_file_security(-1, lfd, WT_DACL_SECURITY_INFORMATION |
					   WT_SACL_SECURITY_INFORMATION, sd, len) ? 3 : 0);
	}
	ASSERT_EQ(0, wait_child(setter));
	alice = fork();
	if (alice == 0) {
		int s;

		wt_become_user(WT_UID_ALICE, WT_GID_USERS);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(s, (struct sockaddr *)&sa, sl) ? errno : 0);
	}
	EXPECT_EQ(0, wait_child(alice));
	pid = fork();
	if (pid == 0) {
		int s;

		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(s, (struct sockaddr *)&sa, sl) ? errno : 0);
	}
	EXPECT_EQ(EACCES, wait_child(pid));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_ACCESS_DENIED, pid, NULL, path));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, alice, "unix_connect", path, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->desired);
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->granted);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ALICE));
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_ACCESS_DENIED, alice, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, pid, "unix_connect", path, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_SUCCESS, pid, NULL, NULL, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_FAILURE, pid, NULL, NULL, NULL));
	close(lfd);
	ASSERT_EQ((ssize_t)strlen(old), write(pfd, old, strlen(old)));
	close(pfd);
	wtnl_close(&ev);
	free(l);
}

#define SACL_FILE "/tmp/nl_sacl"

/*
 * A file's SACL: a success audit for alice's read (with the granted
 * rights), a failure audit for her write (GENERIC_WRITE in the ACE, mapped
 * to the file rights), in addition to the denial event; none for bob,
 * whom no audit ACE names for the read he is refused.
 */
TEST_F(nl, audit_sacl_file)
{
	static const uint32_t sec[] = { WT_SE_SECURITY_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	const struct ev *e;
	pid_t setter, rd, wr, bob;
	struct wtnl ev;
	int fd;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	unlink(SACL_FILE);
	fd = open(SACL_FILE, O_CREAT | O_WRONLY, 0666);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fchmod(fd, 0666));
	close(fd);
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));

	setter = fork();
	if (setter == 0) {
		struct ace_spec d[] = {
			{ ALLOW_T, 0, WT_FILE_ALL_ACCESS, SID_ROOT },
			{ ALLOW_T, 0, WT_FILE_READ_DATA, SID_ALICE },
		};
		struct ace_spec s[] = {
			{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_FILE_READ_DATA, "S-1-1-0" },
			{ AUDIT_T, WT_FAILED_ACCESS_ACE_FLAG, WT_GENERIC_WRITE, SID_ALICE },
		};
		uint8_t sd[512];
		size_t len = sd_full(sd, SID_ROOT, "S-1-22-2-0", d, 2, s, 2);
		int f;

		if (enable_privs(sec, 1))
			_exit(2);
		f = open(SACL_FILE, O_RDONLY);
		if (f < 0 || wt_set_file_security(-1, f, WT_OWNER_SECURITY_INFORMATION |
						  WT_GROUP_SECURITY_INFORMATION |
						  WT_DACL_SECURITY_INFORMATION |
						  WT_SACL_SECURITY_INFORMATION, sd, len))
			_exit(3);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(setter));
	rd = open_as(WT_UID_ALICE, SACL_FILE, O_RDONLY);
	EXPECT_EQ(0, wait_child(rd));
	wr = open_as(WT_UID_ALICE, SACL_FILE, O_WRONLY);
	EXPECT_EQ(EACCES, wait_child(wr));
	bob = open_as(WT_UID_BOB, SACL_FILE, O_RDONLY);
	EXPECT_EQ(EACCES, wait_child(bob));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_ACCESS_DENIED, bob, NULL, SACL_FILE));

	/* Giving the file a SACL took SeSecurityPrivilege. */
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, setter, "set_security",
			      SACL_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_SE_SECURITY_PRIVILEGE, e->priv);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ROOT));
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_SUCCESS, rd, "file_open", SACL_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_READ_DATA, e->desired);
		EXPECT_EQ(WT_FILE_READ_DATA, e->granted);
		EXPECT_EQ(0, e->err);
		EXPECT_EQ(rd, e->pid);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ALICE));
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_ACCESS_DENIED, rd, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_SACL_FAILURE, wr, "file_open", SACL_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_FILE_WRITE_DATA, e->desired);
		EXPECT_EQ(0, e->granted);
		EXPECT_EQ(EACCES, e->err);
	}
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, wr, "file_open", SACL_FILE, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_SUCCESS, wr, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, bob, "file_open", SACL_FILE, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_FAILURE, bob, NULL, NULL, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_SACL_SUCCESS, bob, NULL, NULL, NULL));
	unlink(SACL_FILE);
	wtnl_close(&ev);
	free(l);
}

#define PRIVD_FILE "/tmp/nl_privd"
#define PRIVN_FILE "/tmp/nl_privn"

/* A child as root with privileges @luids enabled runs @fn(@arg). */
static pid_t privileged(const uint32_t *luids, int n, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (enable_privs(luids, n))
			_exit(120);
		_exit(fn(arg));
	}
	return pid;
}

static int backup_open(void *arg)
{
	struct wt_open_backup a = {
		.size = sizeof(a), .dirfd = AT_FDCWD, .open_flags = O_RDONLY,
		.path = (uintptr_t)arg,
	};
	int dev = open("/dev/wintok", O_RDWR), fd;

	fd = dev < 0 ? -1 : ioctl(dev, WT_IOC_OPEN_BACKUP, &a);
	return fd < 0 ? errno : 0;
}

static int plain_open(void *arg)
{
	int fd = open(arg, O_RDONLY);

	return fd < 0 ? errno : 0;
}

static int set_owner(void *arg)
{
	uint8_t sd[128];
	size_t len = wt_build_sd(sd, arg, NULL, -1, 0);
	/* The DACL refuses root a read: open the file for its SD only. */
	int fd = open(PRIVD_FILE, O_PATH), r;

	if (fd < 0)
		return errno;
	r = wt_set_file_security(-1, fd, WT_OWNER_SECURITY_INFORMATION, sd, len);
	close(fd);
	return r ? errno : 0;
}

/*
 * Privileges are reported when they decided: SeBackup for a backup open
 * the DACL refuses (not for one it allows, nor without backup intent),
 * SeTakeOwnership for WRITE_OWNER the DACL does not grant, SeRestore for
 * an owner that is not the caller's own SID.
 */
TEST_F(nl, audit_privileges_decide)
{
	static const uint32_t bak[] = { WT_SE_BACKUP_PRIVILEGE };
	static const uint32_t own[] = { WT_SE_TAKE_OWNERSHIP_PRIVILEGE };
	static const uint32_t own_res[] = { WT_SE_TAKE_OWNERSHIP_PRIVILEGE,
					    WT_SE_RESTORE_PRIVILEGE };
	struct evs *l = calloc(1, sizeof(*l));
	pid_t b1, b2, b3, o1, o2;
	const struct ev *e;
	struct wtnl ev;
	uint8_t sd[192];
	int fd;

	fresh_rate_window();
	ASSERT_NE(NULL, l);
	/* alice's DACL on both; root may read PRIVN_FILE by its DACL too. */
	fd = open(PRIVD_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
					  sd_allow_only(SID_ALICE, sd)));
	close(fd);
	fd = open(PRIVN_FILE, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd,
					  sd_allow_only(SID_ROOT, sd)));
	close(fd);
	ASSERT_EQ(0, wtnl_open(&ev));
	ASSERT_EQ(0, wtnl_join_audit(&ev));

	b1 = privileged(bak, 1, backup_open, PRIVD_FILE);
	EXPECT_EQ(0, wait_child(b1));
	b2 = privileged(bak, 1, plain_open, PRIVD_FILE);
	EXPECT_EQ(EACCES, wait_child(b2));
	b3 = privileged(bak, 1, backup_open, PRIVN_FILE);
	EXPECT_EQ(0, wait_child(b3));
	o1 = privileged(own, 1, set_owner, SID_ROOT);
	EXPECT_EQ(0, wait_child(o1));
	o2 = privileged(own_res, 2, set_owner, SID_BOB);
	EXPECT_EQ(0, wait_child(o2));
	EXPECT_TRUE(collect(&ev, l, WT_AUDIT_PRIVILEGE_USE, o2, "set_owner", NULL));

	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, b1, "file_open", PRIVD_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_SE_BACKUP_PRIVILEGE, e->priv);
		EXPECT_EQ(WT_FILE_READ_DATA, e->desired);
		EXPECT_EQ(WT_FILE_READ_DATA, e->granted);
		EXPECT_TRUE(sid_is(e->user, e->user_len, SID_ROOT));
		EXPECT_EQ(b1, e->pid);
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_PRIVILEGE_USE, b2, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_ACCESS_DENIED, b2, "file_open", PRIVD_FILE, NULL));
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_PRIVILEGE_USE, b3, NULL, NULL, NULL));
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o1, "set_security", PRIVD_FILE, &e));
	if (e) {
		EXPECT_EQ(WT_SE_TAKE_OWNERSHIP_PRIVILEGE, e->priv);
		EXPECT_EQ(WT_WRITE_OWNER, e->desired);
	}
	EXPECT_EQ(0, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o1, "set_owner", NULL, NULL));
	/* root owns it now: WRITE_OWNER is still not in the DACL. */
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o2, "set_security", PRIVD_FILE, &e));
	if (e)
		EXPECT_EQ(WT_SE_TAKE_OWNERSHIP_PRIVILEGE, e->priv);
	EXPECT_EQ(1, count_ev(l, WT_AUDIT_PRIVILEGE_USE, o2, "set_owner", PRIVD_FILE, &e));
	if (e)
		EXPECT_EQ(WT_SE_RESTORE_PRIVILEGE, e->priv);
	unlink(PRIVD_FILE);
	unlink(PRIVN_FILE);
	wtnl_close(&ev);
	free(l);
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

/* The token id and the logon session of token @fd into @ids[0], @ids[1]. */
static void token_ids(int fd, uint64_t ids[2])
{
	struct wt_token_statistics st;

	memset(ids, 0, 2 * sizeof(*ids));
	if (wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &st, sizeof(st), NULL))
		return;
	ids[0] = st.token_id;
	ids[1] = st.authentication_id;
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
	read_param("session_wait", old, sizeof(old));
	pfd = open(PARAMS "session_wait", O_WRONLY);
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

/*
 * Read kernel log lines from @kmsg (non-blocking) until one holds every
 * string of @need (NULL-terminated), for up to 5 s; it goes to @line.
 */
static bool kmsg_wait(int kmsg, const char *const *need, char *line, size_t size)
{
	int tries, i;
	ssize_t n;

	for (tries = 0; tries < 100; tries++) {
		n = read(kmsg, line, size - 1);
		if (n < 0) {
			if (errno == EAGAIN)
				usleep(50000);
			continue;
		}
		line[n] = '\0';
		for (i = 0; need[i] && strstr(line, need[i]); i++)
			;
		if (!need[i])
			return true;
	}
	return false;
}

#define KSACL_FILE "/tmp/nl_ksacl"

/*
 * The new event types as kernel audit records (what ausearch reads): an
 * IPC denial (its object name hex-encoded: it has a space), a SACL success
 * audit, a token created and a privilege use.
 */
TEST_F(nl, kernel_audit_records_abi10)
{
	static const uint32_t sec[] = { WT_SE_SECURITY_PRIVILEGE };
	char line[2048], hex[64], name[32], id_text[48];
	int kmsg, was = 0, shm, fd, tok, dup, i;
	uint64_t ids[2];
	pid_t pid;

	fresh_rate_window();
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, kmsg);
	lseek(kmsg, 0, SEEK_END);
	ASSERT_EQ(0, audit_enable(1, &was));

	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	ASSERT_LE(0, shm);
	pid = fork();
	if (pid == 0) {
		wt_become_user(WT_UID_BOB, WT_GID_USERS);
		_exit(shmat(shm, NULL, SHM_RDONLY) == (void *)-1 ? errno : 0);
	}
	EXPECT_EQ(EACCES, wait_child(pid));
	snprintf(name, sizeof(name), "shm %d", shm);
	for (i = 0; name[i]; i++)
		sprintf(hex + 2 * i, "%02X", (unsigned char)name[i]);
	{
		char path_kv[80];
		const char *const need[] = { "wintok=access_denied", "op=ipc_permission",
				       path_kv, "user_sid=S-1-22-1-1002 ",
				       "desired=0x1 granted=0x0", " res=0", NULL };

		snprintf(path_kv, sizeof(path_kv), "path=%s ", hex);
		EXPECT_TRUE(kmsg_wait(kmsg, need, line, sizeof(line))) {
			TH_LOG("no IPC denial record for %s", name);
		}
	}
	shmctl(shm, IPC_RMID, NULL);

	/* A SACL asking to audit reads by anyone; root reads. */
	unlink(KSACL_FILE);
	fd = open(KSACL_FILE, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	pid = fork();
	if (pid == 0) {
		struct ace_spec d[] = { { ALLOW_T, 0, WT_FILE_ALL_ACCESS, SID_ROOT } };
		struct ace_spec s[] = {
			{ AUDIT_T, WT_SUCCESSFUL_ACCESS_ACE_FLAG, WT_FILE_READ_DATA, "S-1-1-0" },
		};
		uint8_t sd[512];
		size_t len = sd_full(sd, SID_ROOT, "S-1-22-2-0", d, 1, s, 1);
		int f = open(KSACL_FILE, O_PATH);

		if (enable_privs(sec, 1) || f < 0 ||
		    wt_set_file_security(-1, f, WT_DACL_SECURITY_INFORMATION |
					 WT_SACL_SECURITY_INFORMATION, sd, len))
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(pid));
	fd = open(KSACL_FILE, O_RDONLY);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);
	{
		const char *const need[] = { "wintok=sacl_success", "op=file_open",
				       "path=\"" KSACL_FILE "\"", "desired=0x1 granted=0x1",
				       "user_sid=S-1-22-1-0 ", " res=1", NULL };

		EXPECT_TRUE(kmsg_wait(kmsg, need, line, sizeof(line))) {
			TH_LOG("no SACL success record");
		}
	}
	unlink(KSACL_FILE);

	/* A token duplicated: its id in the record. */
	tok = wt_open_process_token(-1, WT_TOKEN_DUPLICATE | WT_TOKEN_QUERY, NULL);
	ASSERT_LE(0, tok);
	dup = wt_duplicate_token(tok, 0, WT_TOKEN_PRIMARY, 0, NULL);
	ASSERT_LE(0, dup);
	token_ids(dup, ids);
	snprintf(id_text, sizeof(id_text), "token_id=0x%llx ", (unsigned long long)ids[0]);
	{
		const char *const need[] = { "wintok=token_created", "op=duplicate",
				       "token_sid=S-1-22-1-0 ", id_text, NULL };

		EXPECT_TRUE(kmsg_wait(kmsg, need, line, sizeof(line))) {
			TH_LOG("no token record with %s", id_text);
		}
	}
	close(dup);
	close(tok);
	audit_enable(was, &was);
	close(kmsg);
}

TEST_HARNESS_MAIN
