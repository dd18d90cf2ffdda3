// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - the logon itself: the logon session, the caller's
 * privileges for it, the policy's privileges for the user, the token and
 * its assignment (Documentation/pam_wintok.rst, steps 3, 4, 6 and 7).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "libwintok.h"
#include "wtnl.h"
#include "pam_wintok.h"

#define G_DEFAULT (WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
		   WT_SE_GROUP_ENABLED)

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
uint64_t pw_create_session(pam_handle_t *pamh, struct wtnl *nl,
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
int pw_enable_privileges(struct wt_luid_and_attributes *prev, uint32_t *nprev)
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

void pw_restore_privileges(const struct wt_luid_and_attributes *prev,
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
int pw_policy_privileges(pam_handle_t *pamh, const struct passwd *pw,
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
int pw_create_token(int dev, const struct pw_ident *id, uint64_t luid,
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
 * Set the real uid the token will give (the kernel wants it), then assign;
 * or leave the token pending for the exec of the session's program.
 */
int pw_assign(int dev, int tokfd, uid_t uid, int exec)
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
