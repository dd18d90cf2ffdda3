/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the netlink_*_test.c selftests share: module parameters, the policy,
 * statistics and token replies, the id map, the audit event collector and
 * SD builders, and the fixture holding a "wintok" family socket (its
 * teardown clears the policy and the id map and puts the connect level
 * back). Each test file includes the harness, wt_test.h and wtnl.h first.
 */
#ifndef WT_NL_COMMON_H
#define WT_NL_COMMON_H

#define AUDIT_FILE "/tmp/nl_audit_alice"
#define AUDIT_SOCK "/tmp/nl_audit.sock"

/* ---- helpers ---- */

static inline bool attr_is_sid(const struct nlattr *a, const char *text)
{
	uint8_t sid[WT_SID_MAX_BYTES];
	size_t n = wt_sid_bytes(text, sid);

	return a && mnl_attr_get_payload_len(a) == n &&
	       !memcmp(mnl_attr_get_payload(a), sid, n);
}

/* One request with a u32 attribute (or none when @type is 0). */
static inline int call_u32(struct wtnl *nl, uint8_t cmd, uint16_t type, uint32_t v,
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
static inline int as_user(uid_t uid, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		wt_become_user(uid, WT_GID_USERS);
		_exit(fn(arg));
	}
	return wt_reap(pid);
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

static inline int policy_cb(const struct nlmsghdr *nlh, void *data)
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

static inline int set_policy(struct wtnl *nl, const struct rule *r, int n,
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

static inline int get_policy(struct wtnl *nl, struct rules *out)
{
	return call_u32(nl, WT_CMD_GET_POLICY, 0, 0, policy_cb, out);
}

#define P(n) (1ULL << WT_SE_##n##_PRIVILEGE)

/* ---- statistics and tokens ---- */

struct stats {
	uint64_t v[WT_A_MAX + 1];
	bool have[WT_A_MAX + 1];
};

static inline int stats_cb(const struct nlmsghdr *nlh, void *data)
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

static inline int token_cb(const struct nlmsghdr *nlh, void *data)
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

static inline int get_token(struct wtnl *nl, pid_t pid, struct token *tok)
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

static inline int set_idmap(struct wtnl *nl, const struct idmap_fault *e, int n)
{
	static char buf[WTNL_IDMAP_MSG_SIZE];
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

static inline int idmap_count_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *et[WT_IDMAP_A_MAX + 1], *l, *a;
	int *count = data;

	*count = -1;
	/* Every entry of every WT_A_IDMAP list (a large map has several). */
	mnl_attr_for_each(l, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(l) != WT_A_IDMAP)
			continue;
		if (*count < 0)
			*count = 0;
		mnl_attr_for_each_nested(a, l) {
			wtnl_nested(a, et, WT_IDMAP_A_MAX);
			if (!et[WT_IDMAP_A_SID] || !et[WT_IDMAP_A_KIND] || !et[WT_IDMAP_A_ID])
				return MNL_CB_ERROR;
			/* Entry i of the test map: S-1-5-21-7-8-9-(1000 + i) -> 1000 + i */
			if (mnl_attr_get_u32(et[WT_IDMAP_A_ID]) != 1001u + *count)
				return MNL_CB_ERROR;
			(*count)++;
		}
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
	wt_read_param_text("default_connect_level", self->saved_level,
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

static inline void copy_sid(uint8_t *dst, size_t *len, const struct nlattr *a)
{
	*len = 0;
	if (!a || mnl_attr_get_payload_len(a) > WT_SID_MAX_BYTES)
		return;
	*len = mnl_attr_get_payload_len(a);
	memcpy(dst, mnl_attr_get_payload(a), *len);
}

static inline bool sid_is(const uint8_t *sid, size_t len, const char *text)
{
	uint8_t want[WT_SID_MAX_BYTES];
	size_t n = wt_sid_bytes(text, want);

	return len == n && !memcmp(sid, want, n);
}

static inline uint32_t u32_of(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static inline void parse_ev(const struct nlmsghdr *nlh, struct evs *l)
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
static inline int count_ev(const struct evs *l, uint32_t type, pid_t tid,
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
static inline bool collect(struct wtnl *ev, struct evs *l, uint32_t type, pid_t tid,
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

/*
 * Wait up to 10 s for the next events on @ev (joined to a group) and hand
 * each of its family to @cb with @data. Return: 0, -ETIMEDOUT when none
 * came, -EIO when the read failed, -EPROTO when @cb did not return
 * MNL_CB_OK. A test calls it until its callback saw what it waits for.
 */
static inline int read_events(struct wtnl *ev, mnl_cb_t cb, void *data)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(ev->sock), .events = POLLIN };
	const struct nlmsghdr *m;
	ssize_t n;
	int len;

	if (poll(&p, 1, 10000) != 1)
		return -ETIMEDOUT;
	n = mnl_socket_recvfrom(ev->sock, ev->buf, WTNL_BUF_SIZE);
	if (n <= 0)
		return -EIO;
	len = n;
	for (m = (const struct nlmsghdr *)ev->buf; mnl_nlmsg_ok(m, len);
	     m = mnl_nlmsg_next(m, &len))
		if (m->nlmsg_type == ev->family && cb(m, data) != MNL_CB_OK)
			return -EPROTO;
	return 0;
}

/* Events of type @type and op @op about logon session @luid. */
static inline int count_luid(const struct evs *l, uint32_t type, const char *op,
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
static inline bool collect_luid(struct wtnl *ev, struct evs *l, uint32_t type,
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
static inline void fresh_rate_window(void)
{
	usleep(1200000);
}

/* Enable privileges in the calling process's token; 0 when all were. */
static inline int enable_privs(const uint32_t *luids, int n)
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

static inline size_t put_acl(uint8_t *p, const struct ace_spec *a, int n)
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
static inline size_t sd_full(uint8_t *sd, const char *owner, const char *group,
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

/*
 * Fork a child that enables SeSecurityPrivilege and sets the parts @sel
 * of an SD of root's (owner and group) with the DACL @d (@nd ACEs) and the
 * SACL @s (@ns ACEs) on the file or socket @fd: a process of its own, so
 * that its use of the privilege is an event apart. Returns the child's
 * pid (it exits 0 when the SD is set), -1 when fork() failed.
 */
static inline pid_t set_sacl_in_child(int fd, uint32_t sel,
				      const struct ace_spec *d, int nd,
				      const struct ace_spec *s, int ns)
{
	static const uint32_t sec[] = { WT_SE_SECURITY_PRIVILEGE };
	pid_t pid = fork();

	if (pid == 0) {
		uint8_t sd[512];
		size_t len = sd_full(sd, SID_ROOT, "S-1-22-2-0", d, nd, s, ns);

		if (enable_privs(sec, 1))
			_exit(2);
		_exit(wt_set_file_security(-1, fd, sel, sd, len) ? 3 : 0);
	}
	return pid;
}

/* A child as @uid opens @path with @flags; exits 0 (opened) or errno. */
static inline pid_t open_as(uid_t uid, const char *path, int flags)
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
 * A self-relative SD with owner and group @sid (the access check needs
 * both) and a DACL granting it FILE_ALL_ACCESS (the file security ioctls
 * set only the DACL).
 */
static inline size_t sd_allow_only(const char *sid, uint8_t *out)
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

/* The token id and the logon session of token @fd into @ids[0], @ids[1]. */
static inline void token_ids(int fd, uint64_t ids[2])
{
	struct wt_token_statistics st;

	memset(ids, 0, 2 * sizeof(*ids));
	if (wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &st, sizeof(st), NULL))
		return;
	ids[0] = st.token_id;
	ids[1] = st.authentication_id;
}

#endif /* WT_NL_COMMON_H */
