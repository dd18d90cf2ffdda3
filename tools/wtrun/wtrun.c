// SPDX-License-Identifier: GPL-2.0
/*
 * wtrun - run a command as another user, like runas: authenticate the user
 * through PAM, create a primary token for a new logon session (interactive)
 * and start the command with that token and the user's Linux identity.
 *
 * The launcher needs SeCreateTokenPrivilege and SeAssignPrimaryTokenPrivilege
 * (root's tokens hold both; wtrun enables them in its own token).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <security/pam_appl.h>

#include "libwintok.h"
#include "wt_tool.h"

#define MAX_GROUPS 64
#define MAX_LIST 16

/* The restrictions asked for on the command line. */
static struct wt_sid_and_attributes deny_only[MAX_LIST];
static struct wt_luid_and_attributes removed[MAX_LIST];
static int ndeny, nremoved;
static bool restrict_token;

static const char *password_arg;

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtrun --user NAME [--password-fd N] [--integrity low|medium]\n"
		"             [--restrict] [--deny-only SID]... [--remove-privilege NAME]...\n"
		"             -- COMMAND [ARG...]\n"
		"Authenticate NAME through PAM (service \"wtrun\"), create a logon\n"
		"session and a primary token for the user, and run COMMAND with that\n"
		"token and the user's uid, gid and groups. Needs SeCreateTokenPrivilege\n"
		"and SeAssignPrimaryTokenPrivilege (root).\n"
		"  --password-fd N   read the password from descriptor N (one line)\n"
		"                    instead of the terminal\n"
		"  --integrity LEVEL the token's integrity level (default medium)\n"
		"  --restrict        a restricted token: every access must also be\n"
		"                    granted to the user, Everyone, RESTRICTED or the\n"
		"                    logon SID\n"
		"  --deny-only SID   the group SID only denies (repeatable)\n"
		"  --remove-privilege NAME  delete the privilege (repeatable)\n"
		"Exit status: the command's, or 1 (authentication failed, error),\n"
		"2 usage error, 127 the command could not be run.\n");
}

/* Read one line from @fd (no echo when it is a terminal). */
static char *read_password(int fd)
{
	struct termios old, quiet;
	bool tty = isatty(fd) && !tcgetattr(fd, &old);
	char buf[512];
	size_t n = 0;
	char c;

	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
		fputs("Password: ", stderr);
	}
	while (n + 1 < sizeof(buf) && read(fd, &c, 1) == 1 && c != '\n')
		buf[n++] = c;
	buf[n] = '\0';
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return strdup(buf);
}

static int conv(int n, const struct pam_message **msg,
		struct pam_response **resp, void *data)
{
	struct pam_response *r = calloc(n, sizeof(*r));
	int i;

	(void)data;
	if (!r)
		return PAM_BUF_ERR;
	for (i = 0; i < n; i++) {
		if (msg[i]->msg_style == PAM_PROMPT_ECHO_OFF ||
		    msg[i]->msg_style == PAM_PROMPT_ECHO_ON)
			r[i].resp = strdup(password_arg ? password_arg : "");
		else if (msg[i]->msg_style == PAM_ERROR_MSG ||
			 msg[i]->msg_style == PAM_TEXT_INFO)
			fprintf(stderr, "wtrun: %s\n", msg[i]->msg);
	}
	*resp = r;
	return PAM_SUCCESS;
}

static int authenticate(const char *user)
{
	struct pam_conv c = { .conv = conv };
	pam_handle_t *h;
	int rc;

	rc = pam_start("wtrun", user, &c, &h);
	if (rc != PAM_SUCCESS)
		return -1;
	rc = pam_authenticate(h, 0);
	if (rc == PAM_SUCCESS)
		rc = pam_acct_mgmt(h, 0);
	if (rc != PAM_SUCCESS)
		fprintf(stderr, "wtrun: %s: %s\n", user, pam_strerror(h, rc));
	pam_end(h, rc);
	return rc == PAM_SUCCESS ? 0 : -1;
}

static int enable_privileges(void)
{
	struct wt_luid_and_attributes la[2] = {
		{ .luid = WT_SE_CREATE_TOKEN_PRIVILEGE, .attributes = WT_SE_PRIVILEGE_ENABLED },
		{ .luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
		  .attributes = WT_SE_PRIVILEGE_ENABLED },
	};
	int fd, not_all = 1, err;

	fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (fd < 0)
		return -1;
	err = wt_adjust_token_privileges(fd, 0, la, 2, NULL, NULL, &not_all);
	close(fd);
	if (!err && not_all) {
		errno = EPERM;
		return -1;
	}
	return err;
}

/* "S-1-<a>-<s>..." as a struct wt_sid_and_attributes. */
static struct wt_sid_and_attributes sid_attr(const char *text, uint32_t attrs)
{
	struct wt_sid_and_attributes sa;

	memset(&sa, 0, sizeof(sa));
	wt_sid_parse(text, &sa, attrs);
	return sa;
}

#define G_DEFAULT (WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | \
		   WT_SE_GROUP_ENABLED)

struct token_desc {
	struct wt_create_token c;
	struct wt_sid_and_attributes groups[MAX_GROUPS + 8];
	struct wt_luid_and_attributes privs[1];
	uint8_t dacl[WT_LOGON_DACL_MAX];
};

static int build_token(struct token_desc *t, const struct passwd *pw,
		       const gid_t *gids, int ngids, uint32_t integrity)
{
	char text[64];
	uint64_t luid;
	int n = 0, i;

	/* A LUID of our own, so the logon SID can name the session. */
	if (getrandom(&luid, sizeof(luid), 0) != sizeof(luid))
		return -1;
	luid |= 1ULL << 63;

	memset(t, 0, sizeof(*t));
	t->c.type = WT_TOKEN_PRIMARY;
	t->c.authentication_id = luid;
	snprintf(text, sizeof(text), "S-1-22-1-%u", pw->pw_uid);
	t->c.user = sid_attr(text, 0);
	t->c.owner = t->c.user;
	snprintf(text, sizeof(text), "S-1-22-2-%u", pw->pw_gid);
	t->c.primary_group = sid_attr(text, 0);
	t->groups[n++] = sid_attr("S-1-1-0", G_DEFAULT);
	t->groups[n++] = sid_attr(text, G_DEFAULT);
	for (i = 0; i < ngids && n < MAX_GROUPS; i++) {
		if (gids[i] == pw->pw_gid)
			continue;
		snprintf(text, sizeof(text), "S-1-22-2-%u", gids[i]);
		t->groups[n++] = sid_attr(text, G_DEFAULT);
	}
	t->groups[n++] = sid_attr("S-1-2-0", G_DEFAULT);		/* Local */
	t->groups[n++] = sid_attr("S-1-5-4", G_DEFAULT);		/* Interactive */
	t->groups[n++] = sid_attr("S-1-5-11", G_DEFAULT);		/* Authenticated Users */
	snprintf(text, sizeof(text), "S-1-5-5-%u-%u", (uint32_t)(luid >> 32),
		 (uint32_t)luid);
	t->groups[n++] = sid_attr(text, G_DEFAULT | WT_SE_GROUP_LOGON_ID);
	snprintf(text, sizeof(text), "S-1-16-%u", integrity);
	t->groups[n++] = sid_attr(text, WT_SE_GROUP_INTEGRITY |
					WT_SE_GROUP_INTEGRITY_ENABLED);
	t->c.group_count = n;
	t->privs[0].luid = WT_SE_CHANGE_NOTIFY_PRIVILEGE;
	t->privs[0].attributes = WT_SE_PRIVILEGE_ENABLED |
				 WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
	t->c.privilege_count = 1;
	n = wt_logon_default_dacl(t->c.user.sid,
				  t->c.user.sid_size, t->dacl, sizeof(t->dacl));
	if (n < 0)
		return -1;
	t->c.dacl_length = n;
	memcpy(t->c.source.name, "wtrun", 5);
	t->c.mandatory_policy = WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
				WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN;
	t->c.desired_access = WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_QUERY |
			      WT_TOKEN_DUPLICATE;
	t->c.groups = (uintptr_t)t->groups;
	t->c.privileges = (uintptr_t)t->privs;
	t->c.default_dacl = (uintptr_t)t->dacl;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "password-fd", required_argument, NULL, 'p' },
		{ "integrity", required_argument, NULL, 'i' },
		{ "restrict", no_argument, NULL, 'r' },
		{ "deny-only", required_argument, NULL, 'd' },
		{ "remove-privilege", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t integrity = WT_INTEGRITY_MEDIUM;
	const char *user = NULL;
	gid_t gids[MAX_GROUPS];
	int ngids = MAX_GROUPS;
	struct token_desc *t;
	int opt, pwfd = -1, dev, tokfd, status;
	struct passwd *pw;
	unsigned long long num;
	pid_t pid;

	while ((opt = wt_getopt(argc, argv, "+u:p:i:rd:x:h", options, print_usage)) != -1) {
		switch (opt) {
		case 'u':
			user = optarg;
			break;
		case 'p':
			if (wt_parse_ull(optarg, 10, INT_MAX, &num))
				wt_usage_error(print_usage);
			pwfd = (int)num;
			break;
		case 'i':
			if (!strcmp(optarg, "low"))
				integrity = WT_INTEGRITY_LOW;
			else if (!strcmp(optarg, "medium"))
				integrity = WT_INTEGRITY_MEDIUM;
			else
				wt_usage_error(print_usage);
			break;
		case 'r':
			restrict_token = true;
			break;
		case 'd':
			if (ndeny == MAX_LIST || wt_sid_parse(optarg, &deny_only[ndeny], 0)) {
				fprintf(stderr, "wtrun: bad or too many --deny-only: %s\n", optarg);
				return 2;
			}
			ndeny++;
			break;
		case 'x': {
			int luid = wt_privilege_lookup(optarg, strlen(optarg));

			if (nremoved == MAX_LIST || luid < 0) {
				fprintf(stderr, "wtrun: unknown privilege: %s\n", optarg);
				return 2;
			}
			removed[nremoved++].luid = luid;
			break;
		}
		}
	}
	if (!user || optind == argc)
		wt_usage_error(print_usage);
	pw = getpwnam(user);
	if (!pw) {
		fprintf(stderr, "wtrun: no such user: %s\n", user);
		return 1;
	}
	password_arg = read_password(pwfd >= 0 ? pwfd : STDIN_FILENO);
	if (authenticate(user)) {
		fprintf(stderr, "wtrun: authentication failed\n");
		return 1;
	}
	if (getgrouplist(user, pw->pw_gid, gids, &ngids) < 0)
		ngids = 0;
	t = malloc(sizeof(*t));
	if (!t || build_token(t, pw, gids, ngids, integrity)) {
		fprintf(stderr, "wtrun: %s\n", strerror(errno));
		return 1;
	}
	dev = wt_open_device();
	if (dev < 0 || enable_privileges()) {
		fprintf(stderr, "wtrun: cannot enable %s and %s: %s\n",
			"SeCreateTokenPrivilege", "SeAssignPrimaryTokenPrivilege",
			strerror(errno));
		return 1;
	}
	tokfd = wt_create_token(dev, &t->c);
	if (tokfd < 0) {
		fprintf(stderr, "wtrun: cannot create the token: %s\n", strerror(errno));
		return 1;
	}
	if (restrict_token || ndeny || nremoved) {
		struct wt_sid_and_attributes rs[4];
		int rfd, nrs = 0;

		if (restrict_token) {
			rs[nrs++] = t->c.user;
			rs[nrs++] = sid_attr("S-1-1-0", 0);
			rs[nrs++] = sid_attr("S-1-5-12", 0);	/* RESTRICTED */
			rs[nrs] = t->groups[t->c.group_count - 2];	/* logon SID */
			rs[nrs++].attributes = 0;
		}
		rfd = wt_create_restricted_token(tokfd, 0, deny_only, ndeny, removed,
						 nremoved, rs, nrs,
						 WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_QUERY,
						 NULL);
		if (rfd < 0) {
			fprintf(stderr, "wtrun: cannot restrict the token: %s\n",
				strerror(errno));
			return 1;
		}
		close(tokfd);
		tokfd = rfd;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "wtrun: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		/*
		 * The real uid first, the Linux way: the kernel moves the
		 * process's user and its RLIMIT_NPROC count to the user, which
		 * a module cannot do. The effective uid stays 0, so the token
		 * (and its privileges) stays ours until the assignment.
		 */
		if (setresuid(pw->pw_uid, -1, -1)) {
			fprintf(stderr, "wtrun: setresuid: %s\n", strerror(errno));
			_exit(127);
		}
		if (wt_assign_primary_token(dev, tokfd)) {
			fprintf(stderr, "wtrun: cannot assign the token: %s\n",
				strerror(errno));
			_exit(127);
		}
		close(tokfd);
		close(dev);
		setenv("USER", pw->pw_name, 1);
		setenv("LOGNAME", pw->pw_name, 1);
		setenv("HOME", pw->pw_dir, 1);
		/* As login does: the home directory, else the root. */
		if (chdir(pw->pw_dir) && chdir("/")) {
			fprintf(stderr, "wtrun: chdir /: %s\n", strerror(errno));
			_exit(127);
		}
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "wtrun: %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	/* The session lives as long as the command's token. */
	close(tokfd);
	close(dev);
	free(t);
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
