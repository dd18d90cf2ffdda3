// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - a PAM session module: at session open, the user's SIDs
 * and group SIDs from a source (the id map file, winbind or SSSD) become
 * a primary token of a new logon session, assigned to the calling process
 * before the PAM application starts the session's program, which inherits
 * it (tokens follow fork and exec; an assigned token is not derived from
 * Linux ids, so the application's own setgid()/setuid() to the user keep
 * it). See Documentation/pam_wintok.rst for the stacks this fits.
 *
 * Options: source=file|winbind|sss, map=PATH,
 * logon=interactive|network|batch|service, integrity=low|medium|high,
 * on_error=deny|derive.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>
#include <security/pam_modutil.h>

#include "libwintok.h"
#include "wtnl.h"
#include "pw_source.h"

/* Serialises the read-modify-write of the kernel's id map between logons. */
#define PW_IDMAP_LOCK "/run/pam_wintok.lock"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define G_DEFAULT (WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
		   WT_SE_GROUP_ENABLED)

enum pw_source_kind { PW_FILE, PW_WINBIND, PW_SSS };

struct pw_opts {
	enum pw_source_kind source;
	const char *map;
	uint32_t logon;		/* WT_LOGON_*, 0: by service and tty */
	uint32_t integrity;
	int derive;		/* on_error=derive */
	int assign;		/* PW_ASSIGN_* */
};

/* assign=: now, at the next exec, or by service (exec for login, sshd) */
enum { PW_ASSIGN_AUTO, PW_ASSIGN_SELF, PW_ASSIGN_EXEC };

/* ---- helpers the sources share ---- */

/**
 * pw_sid_linux() - S-1-22-1-<uid> or S-1-22-2-<gid>
 * @s: filled
 * @group: a gid, else a uid
 * @id: the id
 */
void pw_sid_linux(struct pw_sid *s, int group, uint32_t id)
{
	char text[48];

	snprintf(text, sizeof(text), "S-1-22-%d-%u", group ? 2 : 1, id);
	pw_sid_parse(text, s);
	s->has_id = 1;
	s->id = id;
}

/**
 * pw_add_group() - add a group SID to @id once
 * @id: the identity
 * @s: the group
 *
 * Return: PAM_SUCCESS, or PAM_SESSION_ERR past PW_MAX_GROUPS.
 */
int pw_add_group(struct pw_ident *id, const struct pw_sid *s)
{
	unsigned int i;

	for (i = 0; i < id->ngroups; i++)
		if (id->groups[i].len == s->len &&
		    !memcmp(id->groups[i].sid, s->sid, s->len))
			return PAM_SUCCESS;
	if (id->ngroups == PW_MAX_GROUPS)
		return PAM_SESSION_ERR;
	id->groups[id->ngroups++] = *s;
	return PAM_SUCCESS;
}

/**
 * pw_user_groups() - the user's Linux groups (getgrouplist())
 * @c: the request
 * @gids: out: malloc()ed
 * @ngids: out: entries
 *
 * Return: PAM_SUCCESS, PAM_BUF_ERR, or PAM_SESSION_ERR for more than
 * PW_MAX_GROUPS groups.
 */
int pw_user_groups(const struct pw_ctx *c, gid_t **gids, int *ngids)
{
	int n = 64;
	gid_t *g = NULL, *ng;

	for (;;) {
		int want = n;

		ng = realloc(g, sizeof(*g) * n);
		if (!ng) {
			free(g);
			return PAM_BUF_ERR;
		}
		g = ng;
		if (getgrouplist(c->pw->pw_name, c->pw->pw_gid, g, &want) >= 0) {
			n = want;
			break;
		}
		if (want <= n || want > 65536) {
			free(g);
			return PAM_BUF_ERR;
		}
		n = want;
	}
	if (n > PW_MAX_GROUPS) {
		pam_syslog(c->pamh, LOG_ERR, "%s is in %d groups, more than %d",
			   c->pw->pw_name, n, PW_MAX_GROUPS);
		free(g);
		return PAM_SESSION_ERR;
	}
	*gids = g;
	*ngids = n;
	return PAM_SUCCESS;
}

/* ---- options ---- */

static int parse_opts(pam_handle_t *pamh, int argc, const char **argv,
		      struct pw_opts *o)
{
	static const struct { const char *name; uint32_t v; } logons[] = {
		{ "interactive", WT_LOGON_INTERACTIVE },
		{ "network", WT_LOGON_NETWORK },
		{ "batch", WT_LOGON_BATCH },
		{ "service", WT_LOGON_SERVICE },
	}, levels[] = {
		{ "low", WT_INTEGRITY_LOW },
		{ "medium", WT_INTEGRITY_MEDIUM },
		{ "high", WT_INTEGRITY_HIGH },
	};
	int i;
	size_t k;

	memset(o, 0, sizeof(*o));
	o->integrity = WT_INTEGRITY_MEDIUM;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		int ok = 0;

		if (!strcmp(a, "source=file")) {
			o->source = PW_FILE;
			ok = 1;
		} else if (!strcmp(a, "source=winbind")) {
			o->source = PW_WINBIND;
			ok = 1;
		} else if (!strcmp(a, "source=sss")) {
			o->source = PW_SSS;
			ok = 1;
		} else if (!strncmp(a, "map=", 4) && a[4] == '/') {
			o->map = a + 4;
			ok = 1;
		} else if (!strcmp(a, "on_error=deny")) {
			o->derive = 0;
			ok = 1;
		} else if (!strcmp(a, "on_error=derive")) {
			o->derive = 1;
			ok = 1;
		} else if (!strcmp(a, "assign=self")) {
			o->assign = PW_ASSIGN_SELF;
			ok = 1;
		} else if (!strcmp(a, "assign=exec")) {
			o->assign = PW_ASSIGN_EXEC;
			ok = 1;
		} else if (!strcmp(a, "assign=auto")) {
			o->assign = PW_ASSIGN_AUTO;
			ok = 1;
		} else if (!strncmp(a, "logon=", 6)) {
			for (k = 0; k < ARRAY_SIZE(logons); k++)
				if (!strcmp(a + 6, logons[k].name)) {
					o->logon = logons[k].v;
					ok = 1;
				}
		} else if (!strncmp(a, "integrity=", 10)) {
			for (k = 0; k < ARRAY_SIZE(levels); k++)
				if (!strcmp(a + 10, levels[k].name)) {
					o->integrity = levels[k].v;
					ok = 1;
				}
		}
		if (!ok) {
			pam_syslog(pamh, LOG_ERR, "bad option: %s", a);
			return PAM_SERVICE_ERR;
		}
	}
	if (o->source == PW_FILE && !o->map) {
		pam_syslog(pamh, LOG_ERR, "source=file needs map=/PATH");
		return PAM_SERVICE_ERR;
	}
	return PAM_SUCCESS;
}

/*
 * The logon type when the PAM line names none: sshd's sessions are network
 * logons, cron's and atd's batch logons, a session without a terminal
 * (systemd-run, a daemon's PAM stack) a service logon, and everything else
 * (login, su, sudo on a terminal) an interactive one.
 */
static uint32_t default_logon(pam_handle_t *pamh)
{
	const void *service = NULL, *tty = NULL;

	pam_get_item(pamh, PAM_SERVICE, &service);
	pam_get_item(pamh, PAM_TTY, &tty);
	if (service && !strcmp(service, "sshd"))
		return WT_LOGON_NETWORK;
	if (service && (!strcmp(service, "cron") || !strcmp(service, "atd")))
		return WT_LOGON_BATCH;
	if (!tty || !*(const char *)tty)
		return WT_LOGON_SERVICE;
	return WT_LOGON_INTERACTIVE;
}

/* ---- the kernel ---- */

static int is_linux_sid(const struct pw_sid *s)
{
	/* Revision 1, one or more sub-authorities, authority 22. */
	static const uint8_t auth22[6] = { 0, 0, 0, 0, 0, 22 };

	return s->len >= 8 && !memcmp(s->sid + 2, auth22, 6);
}

struct idmap_entry {
	uint32_t kind, id, len;
	uint8_t sid[WT_SID_MAX_BYTES];
};

struct idmap {
	unsigned int n;
	struct idmap_entry e[WT_IDMAP_MAX_ENTRIES];
};

static int idmap_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *et[WT_IDMAP_A_MAX + 1], *l, *a;
	struct idmap *m = data;

	/* Every entry of every WT_A_IDMAP list (a large map has several). */
	mnl_attr_for_each(l, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(l) != WT_A_IDMAP)
			continue;
		mnl_attr_for_each_nested(a, l) {
			struct idmap_entry *e;

			wtnl_nested(a, et, WT_IDMAP_A_MAX);
			if (!et[WT_IDMAP_A_SID] || !et[WT_IDMAP_A_KIND] ||
			    !et[WT_IDMAP_A_ID] || m->n == WT_IDMAP_MAX_ENTRIES ||
			    mnl_attr_get_payload_len(et[WT_IDMAP_A_SID]) > WT_SID_MAX_BYTES)
				return MNL_CB_ERROR;
			e = &m->e[m->n++];
			e->kind = mnl_attr_get_u32(et[WT_IDMAP_A_KIND]);
			e->id = mnl_attr_get_u32(et[WT_IDMAP_A_ID]);
			e->len = mnl_attr_get_payload_len(et[WT_IDMAP_A_SID]);
			memcpy(e->sid, mnl_attr_get_payload(et[WT_IDMAP_A_SID]), e->len);
		}
	}
	return MNL_CB_OK;
}

/*
 * Make sure the kernel's id map gives @s the id the source gave it (the
 * assignment takes the process's Linux ids from the token through that
 * map). 1: added to @m, 0: already there, -1: the map has it for another id.
 */
static int idmap_want(struct idmap *m, const struct pw_sid *s, uint32_t kind)
{
	unsigned int i;

	if (!s->has_id || is_linux_sid(s))
		return 0;
	for (i = 0; i < m->n; i++) {
		if (m->e[i].kind != kind || m->e[i].len != s->len ||
		    memcmp(m->e[i].sid, s->sid, s->len))
			continue;
		return m->e[i].id == s->id ? 0 : -1;
	}
	if (m->n == WT_IDMAP_MAX_ENTRIES)
		return -1;
	m->e[m->n].kind = kind;
	m->e[m->n].id = s->id;
	m->e[m->n].len = s->len;
	memcpy(m->e[m->n].sid, s->sid, s->len);
	m->n++;
	return 1;
}

/*
 * Add the user's and its groups' SIDs to the kernel's id map where they
 * are missing; the whole map is replaced, so concurrent logons take a
 * lock around the read and the write.
 */
static int sync_idmap(pam_handle_t *pamh, struct wtnl *nl,
		      const struct pw_ident *id)
{
	static char buf[WTNL_IDMAP_MSG_SIZE];
	struct nlmsghdr *nlh;
	struct nlattr *list;
	struct idmap *m;
	int lock, rc = PAM_SESSION_ERR, added = 0, r;
	unsigned int i;

	m = calloc(1, sizeof(*m));
	if (!m)
		return PAM_BUF_ERR;
	lock = open(PW_IDMAP_LOCK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lock < 0 || flock(lock, LOCK_EX)) {
		pam_syslog(pamh, LOG_ERR, "cannot lock %s: %m", PW_IDMAP_LOCK);
		goto out;
	}
	/* A dump (any size); EAGAIN: the map changed meanwhile, read again. */
	for (i = 0, r = -1; r && i < 3; i++) {
		m->n = 0;
		nlh = wtnl_dump_msg(nl, buf, WT_CMD_GET_IDMAP);
		r = wtnl_call(nl, nlh, idmap_cb, m);
		if (r && errno != EAGAIN)
			break;
	}
	if (r) {
		pam_syslog(pamh, LOG_ERR, "cannot read the id map: %m");
		goto out;
	}
	r = idmap_want(m, &id->user, WT_IDMAP_UID);
	for (i = 0; r >= 0 && i < id->ngroups; i++) {
		added |= r;
		r = idmap_want(m, &id->groups[i], WT_IDMAP_GID);
	}
	if (r < 0) {
		pam_syslog(pamh, LOG_ERR,
			   "the kernel's id map is full or maps a SID of the user to another id");
		goto out;
	}
	added |= r;
	if (!added) {
		rc = PAM_SUCCESS;
		goto out;
	}
	nlh = wtnl_msg(nl, buf, WT_CMD_SET_IDMAP);
	list = NULL;
	for (i = 0; i < m->n; i++)
		wtnl_idmap_put(nlh, &list, m->e[i].sid, m->e[i].len, m->e[i].kind,
			       m->e[i].id);
	wtnl_idmap_end(nlh, list);
	if (wtnl_call(nl, nlh, NULL, NULL)) {
		pam_syslog(pamh, LOG_ERR, "cannot set the id map: %m %s", nl->errmsg);
		goto out;
	}
	rc = PAM_SUCCESS;
out:
	if (lock >= 0)
		close(lock);
	free(m);
	return rc;
}

static int session_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WT_A_MAX + 1], *st[WT_SESSION_A_MAX + 1];

	wtnl_attrs(nlh, tb);
	if (!tb[WT_A_SESSION])
		return MNL_CB_ERROR;
	wtnl_nested(tb[WT_A_SESSION], st, WT_SESSION_A_MAX);
	if (!st[WT_SESSION_A_LOGON_ID])
		return MNL_CB_ERROR;
	*(uint64_t *)data = mnl_attr_get_u64(st[WT_SESSION_A_LOGON_ID]);
	return MNL_CB_OK;
}

/* A new logon session of @type for @user: its LUID, or 0. */
static uint64_t create_session(pam_handle_t *pamh, struct wtnl *nl,
			       uint32_t type, const struct pw_sid *user)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = wtnl_msg(nl, buf, WT_CMD_CREATE_SESSION);
	uint64_t luid = 0;

	mnl_attr_put_u32(nlh, WT_A_LOGON_TYPE, type);
	mnl_attr_put(nlh, WT_A_USER_SID, user->len, user->sid);
	if (wtnl_call(nl, nlh, session_cb, &luid) || !luid) {
		pam_syslog(pamh, LOG_ERR, "cannot create a logon session: %m %s",
			   nl->errmsg);
		return 0;
	}
	return luid;
}

/*
 * Enable the privileges the logon needs in the caller's own token,
 * @prev receiving what to put back.
 */
static int enable_privileges(struct wt_luid_and_attributes *prev, uint32_t *nprev)
{
	static const struct wt_luid_and_attributes want[3] = {
		{ .luid = WT_SE_CREATE_TOKEN_PRIVILEGE, .attributes = WT_SE_PRIVILEGE_ENABLED },
		{ .luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
		  .attributes = WT_SE_PRIVILEGE_ENABLED },
		{ .luid = WT_SE_TCB_PRIVILEGE, .attributes = WT_SE_PRIVILEGE_ENABLED },
	};
	int fd, not_all = 1, err;

	fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES | WT_TOKEN_QUERY,
				   NULL);
	if (fd < 0)
		return -1;
	*nprev = 3;
	err = wt_adjust_token_privileges(fd, 0, want, 3, prev, nprev, &not_all);
	if (!err && not_all) {
		wt_adjust_token_privileges(fd, 0, prev, *nprev, NULL, NULL, NULL);
		*nprev = 0;
		errno = EPERM;
		err = -1;
	}
	close(fd);
	return err;
}

static void restore_privileges(const struct wt_luid_and_attributes *prev,
			       uint32_t nprev)
{
	int fd;

	if (!nprev)
		return;
	fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (fd < 0)
		return;
	wt_adjust_token_privileges(fd, 0, prev, nprev, NULL, NULL, NULL);
	close(fd);
}

/*
 * The privileges of the module's privilege policy for the user: exactly
 * those a token derived from the user's Linux ids gets, read from such a
 * token (a child takes the user's ids, which derives it, and reports its
 * privileges), so there is one policy and one place that applies it.
 */
static int policy_privileges(pam_handle_t *pamh, const struct passwd *pw,
			     struct wt_luid_and_attributes *out, uint32_t *n)
{
	struct wt_luid_and_attributes p[WT_SE_MAX_PRIVILEGE + 1];
	gid_t *gids = NULL;
	int ngids, pipefd[2], status, rc;
	struct pw_ctx c = { .pamh = pamh, .pw = pw };
	struct sigaction sa, old_sa;
	ssize_t got;
	pid_t pid, reaped;
	uint32_t i;

	rc = pw_user_groups(&c, &gids, &ngids);
	if (rc != PAM_SUCCESS)
		return rc;
	if (pipe2(pipefd, O_CLOEXEC)) {
		free(gids);
		return PAM_SESSION_ERR;
	}
	/* An application ignoring SIGCHLD would have the child reaped for it. */
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, &old_sa);
	pid = fork();
	if (pid == 0) {
		struct wt_token_privileges *tp;
		uint32_t cnt = 0;
		int fd;

		close(pipefd[0]);
		if (setgroups(ngids, gids) || setgid(pw->pw_gid) ||
		    setuid(pw->pw_uid))
			_exit(1);
		fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
		tp = fd < 0 ? NULL :
		     wt_get_token_information_alloc(fd, WT_TOKEN_INFO_PRIVILEGES, NULL);
		if (!tp || tp->count > WT_SE_MAX_PRIVILEGE + 1)
			_exit(1);
		for (i = 0; i < tp->count; i++) {
			p[cnt] = tp->privileges[i];
			p[cnt++].attributes &= WT_SE_PRIVILEGE_ENABLED |
					       WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
		}
		_exit(write(pipefd[1], p, cnt * sizeof(p[0])) ==
		      (ssize_t)(cnt * sizeof(p[0])) ? 0 : 1);
	}
	free(gids);
	close(pipefd[1]);
	if (pid < 0) {
		sigaction(SIGCHLD, &old_sa, NULL);
		close(pipefd[0]);
		return PAM_SESSION_ERR;
	}
	got = read(pipefd[0], out, sizeof(p));
	close(pipefd[0]);
	reaped = waitpid(pid, &status, 0);
	sigaction(SIGCHLD, &old_sa, NULL);
	if (reaped != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || got < 0 || got % sizeof(p[0])) {
		pam_syslog(pamh, LOG_ERR, "cannot read the privilege policy for %s",
			   pw->pw_name);
		return PAM_SESSION_ERR;
	}
	*n = got / sizeof(p[0]);
	return PAM_SUCCESS;
}

static void put_sid(struct wt_sid_and_attributes *sa, const struct pw_sid *s,
		    uint32_t attrs)
{
	memset(sa, 0, sizeof(*sa));
	sa->attributes = attrs;
	sa->sid_size = s->len;
	memcpy(sa->sid, s->sid, s->len);
}

static void put_text(struct wt_sid_and_attributes *sa, const char *text,
		     uint32_t attrs)
{
	struct pw_sid s;

	pw_sid_parse(text, &s);
	put_sid(sa, &s, attrs);
}

/* The well-known SID of each logon type's logon. */
static const char *logon_sid(uint32_t type)
{
	switch (type) {
	case WT_LOGON_NETWORK:
		return "S-1-5-2";
	case WT_LOGON_BATCH:
		return "S-1-5-3";
	case WT_LOGON_SERVICE:
		return "S-1-5-6";
	default:
		return "S-1-5-4";
	}
}

/*
 * Create the token: the user, its groups, the groups a Windows logon of
 * @type adds, the logon SID of session @luid and the integrity level.
 */
static int create_token(int dev, const struct pw_ident *id, uint64_t luid,
			uint32_t type, const struct pw_opts *o,
			const struct wt_luid_and_attributes *privs, uint32_t nprivs)
{
	struct wt_sid_and_attributes *g;
	struct wt_create_token c;
	uint8_t dacl[WT_LOGON_DACL_MAX];
	char text[64];
	unsigned int i, n = 0;
	int fd;

	g = calloc(id->ngroups + 8, sizeof(*g));
	if (!g)
		return -1;
	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.type = WT_TOKEN_PRIMARY;
	c.authentication_id = luid;
	put_sid(&c.user, &id->user, 0);
	put_sid(&c.primary_group, &id->primary, 0);
	put_text(&g[n++], "S-1-1-0", G_DEFAULT);			/* Everyone */
	for (i = 0; i < id->ngroups; i++)
		put_sid(&g[n++], &id->groups[i], G_DEFAULT);
	if (type != WT_LOGON_NETWORK)
		put_text(&g[n++], "S-1-2-0", G_DEFAULT);		/* LOCAL */
	put_text(&g[n++], logon_sid(type), G_DEFAULT);
	put_text(&g[n++], "S-1-5-11", G_DEFAULT);		/* Authenticated Users */
	snprintf(text, sizeof(text), "S-1-5-5-%u-%u", (uint32_t)(luid >> 32),
		 (uint32_t)luid);
	put_text(&g[n++], text, G_DEFAULT | WT_SE_GROUP_LOGON_ID);
	snprintf(text, sizeof(text), "S-1-16-%u", o->integrity);
	put_text(&g[n++], text, WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED);
	c.group_count = n;
	c.groups = (uintptr_t)g;
	c.privilege_count = nprivs;
	c.privileges = (uintptr_t)privs;
	fd = wt_logon_default_dacl(id->user.sid, id->user.len, dacl,
				   sizeof(dacl));
	if (fd >= 0) {
		c.dacl_length = fd;
		c.default_dacl = (uintptr_t)dacl;
		memcpy(c.source.name, "PAM", 3);
		c.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
				     WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN;
		c.desired_access = WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_QUERY;
		fd = wt_create_token(dev, &c);
	}
	free(g);
	return fd;
}

/*
 * Whether the token waits for the next exec: login and sshd open the
 * session in a parent that must stay root and exec the shell from a child
 * that drops root itself.
 */
static int at_exec(pam_handle_t *pamh, const struct pw_opts *o)
{
	const void *service = NULL;

	if (o->assign != PW_ASSIGN_AUTO)
		return o->assign == PW_ASSIGN_EXEC;
	pam_get_item(pamh, PAM_SERVICE, &service);
	return service && (!strcmp(service, "login") ||
			   !strcmp(service, "sshd"));
}

/*
 * Set the real uid the token will give (the kernel wants it), then assign;
 * or leave the token pending for the exec of the session's program.
 */
static int assign(int dev, int tokfd, uid_t uid, int exec)
{
	uid_t ruid = getuid();
	int err;

	if (exec)
		return wt_assign_primary_token_at_exec(dev, tokfd);
	if (setresuid(uid, -1, -1))
		return -1;
	err = wt_assign_primary_token(dev, tokfd);
	if (err) {
		int e = errno;

		if (setresuid(ruid, -1, -1))
			e = errno;
		errno = e;
	}
	return err;
}

/*
 * What a failure returns: with on_error=derive, a source that cannot be
 * reached or does not know the user leaves the session to the token
 * derived from the Linux ids (PAM_SUCCESS, nothing assigned); everything
 * else (options, the map file's owner, limits, the kernel), and everything
 * with on_error=deny, is refused.
 */
static int failed(pam_handle_t *pamh, const struct pw_opts *o, int rc)
{
	if (o->derive && (rc == PAM_AUTHINFO_UNAVAIL || rc == PAM_USER_UNKNOWN)) {
		pam_syslog(pamh, LOG_NOTICE,
			   "no directory token, the session keeps the derived one");
		return PAM_SUCCESS;
	}
	if (rc == PAM_AUTHINFO_UNAVAIL)
		return PAM_SESSION_ERR;
	return rc;
}

static int open_session(pam_handle_t *pamh, const struct pw_opts *o)
{
	struct wt_luid_and_attributes privs[WT_SE_MAX_PRIVILEGE + 1], prev[3];
	const struct passwd *pw;
	const char *user = NULL;
	struct pw_ident *id;
	struct pw_ctx c;
	struct wtnl nl;
	uint32_t nprivs = 0, nprev = 0, type;
	uint64_t luid;
	int rc, dev = -1, tokfd = -1, nl_open = 0;

	if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || !user)
		return PAM_USER_UNKNOWN;
	pw = pam_modutil_getpwnam(pamh, user);
	if (!pw) {
		pam_syslog(pamh, LOG_ERR, "no such user: %s", user);
		return PAM_USER_UNKNOWN;
	}
	id = calloc(1, sizeof(*id));
	if (!id)
		return PAM_BUF_ERR;
	c.pamh = pamh;
	c.pw = pw;
	c.map = o->map;
	if (o->source == PW_FILE)
		rc = pw_source_file(&c, id);
	else if (o->source == PW_WINBIND)
		rc = pw_source_winbind(&c, id);
	else
		rc = pw_source_sss(&c, id);
	if (rc != PAM_SUCCESS)
		goto out;
	type = o->logon ? o->logon : default_logon(pamh);

	dev = wt_open_device();
	if (dev < 0 || wtnl_open(&nl)) {
		pam_syslog(pamh, LOG_ERR, "wintok is not loaded: %m");
		rc = PAM_SESSION_ERR;
		goto out;
	}
	nl_open = 1;
	rc = policy_privileges(pamh, pw, privs, &nprivs);
	if (rc != PAM_SUCCESS)
		goto out;
	if (enable_privileges(prev, &nprev)) {
		pam_syslog(pamh, LOG_ERR,
			   "SeCreateTokenPrivilege, SeAssignPrimaryTokenPrivilege and SeTcbPrivilege needed: %m");
		rc = PAM_PERM_DENIED;
		goto out;
	}
	rc = sync_idmap(pamh, &nl, id);
	if (rc != PAM_SUCCESS)
		goto out;
	rc = PAM_SESSION_ERR;
	luid = create_session(pamh, &nl, type, &id->user);
	if (!luid)
		goto out;
	tokfd = create_token(dev, id, luid, type, o, privs, nprivs);
	if (tokfd < 0) {
		pam_syslog(pamh, LOG_ERR, "cannot create the token: %m");
		goto out;
	}
	if (assign(dev, tokfd, pw->pw_uid, at_exec(pamh, o))) {
		pam_syslog(pamh, LOG_ERR, "cannot assign the token: %m");
		goto out;
	}
	/* Assigned: the old token, whose privileges they were, is gone. */
	if (!at_exec(pamh, o))
		nprev = 0;
	rc = PAM_SUCCESS;
out:
	restore_privileges(prev, nprev);
	if (tokfd >= 0)
		close(tokfd);
	if (nl_open)
		wtnl_close(&nl);
	if (dev >= 0)
		close(dev);
	free(id);
	return rc == PAM_SUCCESS ? rc : failed(pamh, o, rc);
}

/**
 * pam_sm_open_session() - give the session its token
 * @pamh: the PAM handle
 * @flags: PAM flags (unused)
 * @argc: options
 * @argv: options
 *
 * Return: PAM_SUCCESS, or the reason the session cannot have its token.
 */
PAM_EXTERN int pam_sm_open_session(pam_handle_t *pamh, int flags, int argc,
				   const char **argv)
{
	struct pw_opts o;
	int rc;

	(void)flags;
	rc = parse_opts(pamh, argc, argv, &o);
	if (rc != PAM_SUCCESS)
		return rc;
	return open_session(pamh, &o);
}

/**
 * pam_sm_close_session() - nothing: the logon session ends with its tokens
 * @pamh: the PAM handle
 * @flags: PAM flags
 * @argc: options
 * @argv: options
 *
 * Return: PAM_SUCCESS.
 */
PAM_EXTERN int pam_sm_close_session(pam_handle_t *pamh, int flags, int argc,
				    const char **argv)
{
	(void)pamh;
	(void)flags;
	(void)argc;
	(void)argv;
	return PAM_SUCCESS;
}
