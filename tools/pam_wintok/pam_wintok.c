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
 * assign=auto|self|exec, on_error=deny|derive.
 *
 * This file: the options and the steps of a session's opening; the
 * sources of the SIDs are source_*.c (pw_source.h), the kernel's id map
 * idmap.c, the logon session, token and assignment token.c
 * (pam_wintok.h).
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>
#include <security/pam_modutil.h>

#include "libwintok.h"
#include "wtnl.h"
#include "pam_wintok.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

/* ---- the session ---- */

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
	rc = pw_policy_privileges(pamh, pw, privs, &nprivs);
	if (rc != PAM_SUCCESS)
		goto out;
	if (pw_enable_privileges(prev, &nprev)) {
		pam_syslog(pamh, LOG_ERR,
			   "SeCreateTokenPrivilege, SeAssignPrimaryTokenPrivilege and SeTcbPrivilege needed: %m");
		rc = PAM_PERM_DENIED;
		goto out;
	}
	rc = pw_sync_idmap(pamh, &nl, id);
	if (rc != PAM_SUCCESS)
		goto out;
	rc = PAM_SESSION_ERR;
	luid = pw_create_session(pamh, &nl, type, &id->user);
	if (!luid)
		goto out;
	tokfd = pw_create_token(dev, id, luid, type, o, privs, nprivs);
	if (tokfd < 0) {
		pam_syslog(pamh, LOG_ERR, "cannot create the token: %m");
		goto out;
	}
	if (pw_assign(dev, tokfd, pw->pw_uid, at_exec(pamh, o))) {
		pam_syslog(pamh, LOG_ERR, "cannot assign the token: %m");
		goto out;
	}
	/* Assigned: the old token, whose privileges they were, is gone. */
	if (!at_exec(pamh, o))
		nprev = 0;
	rc = PAM_SUCCESS;
out:
	pw_restore_privileges(prev, nprev);
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
