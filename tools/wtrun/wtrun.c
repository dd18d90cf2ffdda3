// SPDX-License-Identifier: GPL-2.0
/*
 * wtrun - LogonUser + CreateProcessAsUser with a password, like runas:
 * authenticate the user through PAM (service "wtrun" unless --service
 * names another), open a PAM session whose stack ends with pam_wintok,
 * which assigns the session's primary token to the process that opened
 * it, and run the command with that token.
 *
 * The session is opened in a forked child, which then execs the command
 * (pam_wintok's rule: the process that opens the session becomes the
 * user); the parent stays root, waits and closes the session. With the
 * sandbox options the child hands its token to the parent, which makes
 * the restricted token and assigns it in a second child (an assignment
 * needs SeAssignPrimaryTokenPrivilege, which the user's token lacks).
 *
 * wtrun must run as root (it is not set-id; as su, it vouches for the
 * user it authenticated). Documentation/tools/wtrun.rst.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <security/pam_appl.h>

#include "libwintok.h"
#include "wt_tool.h"

#define MAX_LIST 16
/* Longest password line accepted (PAM's own limit on a reply). */
#define PW_MAX PAM_MAX_RESP_SIZE

/* Exit statuses of wtrun itself (the command's own pass through). */
enum {
	EX_AUTH = 1,		/* authentication or account refused, no password */
	EX_USAGE = 2,
	EX_NOTROOT = 3,		/* not run as root */
	EX_SESSION = 4,		/* the session could not be opened or gave no token */
	EX_ERROR = 5,		/* PAM, fork, the sandbox token */
	EX_NOEXEC = 126,	/* the command could not be executed */
	EX_NOTFOUND = 127,	/* the command was not found */
};

/*
 * The child's reports to the parent besides the EX_* codes: a sandbox
 * token follows on the socket; pam_open_session() failed (nothing to close).
 */
#define REPORT_SANDBOX 256
#define REPORT_NO_SESSION 257

/* The restrictions asked for on the command line. */
static struct wt_sid_and_attributes deny_only[MAX_LIST];
static struct wt_luid_and_attributes removed[MAX_LIST];
static int ndeny, nremoved;
static bool restrict_token, low_integrity;

/* Where the conversation reads replies: a descriptor, else /dev/tty. */
static int password_fd = -1;
static bool no_terminal;

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: wtrun --user NAME [--service SVC] [--password-fd N]\n"
		"             [--integrity low|medium] [--restrict] [--deny-only SID]...\n"
		"             [--remove-privilege NAME]... -- COMMAND [ARG...]\n"
		"Authenticate NAME through PAM (service \"wtrun\" or SVC), open a PAM\n"
		"session whose pam_wintok gives the user's primary token, and run\n"
		"COMMAND with it. Run as root.\n"
		"  --service SVC     the PAM service (default wtrun)\n"
		"  --password-fd N   read replies (the password) from descriptor N,\n"
		"                    one line each, instead of the terminal\n"
		"  --integrity LEVEL the command's integrity level (default medium)\n"
		"  --restrict        a restricted token: every access must also be\n"
		"                    granted to the user, Everyone, RESTRICTED or the\n"
		"                    logon SID\n"
		"  --deny-only SID   the group SID only denies (repeatable)\n"
		"  --remove-privilege NAME  delete the privilege (repeatable)\n"
		"Exit status: the command's, or 1 authentication failed, 2 usage,\n"
		"3 not root, 4 no session or no token, 5 other error, 126 the command\n"
		"could not be executed, 127 not found.\n");
}

/* A token that needs a new token object (not changed in place). */
static bool sandbox(void)
{
	return restrict_token || ndeny;
}

/*
 * One line from @fd into @buf, with no echo when @echo_off and @fd is a
 * terminal. 0, or -1: end of file before any byte, a read error or a
 * line longer than @size - 1 (@buf is wiped then).
 */
static int read_line(int fd, bool echo_off, char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = echo_off && isatty(fd) && !tcgetattr(fd, &old);
	size_t n = 0;
	ssize_t r = 0;
	char c;

	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	/* A byte at a time: what follows the line stays in @fd. */
	while ((r = read(fd, &c, 1)) == 1 && c != '\n') {
		if (n + 1 == size)
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) != 1)
			r = -1;
	}
	if (r < 0 || (r == 0 && !n) || (r == 1 && c != '\n')) {
		explicit_bzero(buf, size);
		return -1;
	}
	return 0;
}

/* One reply for a prompt, malloc()ed, or NULL. */
static char *ask(const char *prompt, bool echo_off)
{
	char buf[PW_MAX];
	char *reply;
	int fd = password_fd, err;

	if (fd < 0) {
		fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd < 0) {
			no_terminal = true;
			return NULL;
		}
		if (write(fd, prompt, strlen(prompt)) < 0) {
			close(fd);
			return NULL;
		}
	}
	err = read_line(fd, echo_off, buf, sizeof(buf));
	if (fd != password_fd)
		close(fd);
	if (err) {
		if (password_fd >= 0)
			fprintf(stderr, "wtrun: no reply (one line) on descriptor %d\n",
				password_fd);
		return NULL;
	}
	reply = strdup(buf);
	explicit_bzero(buf, sizeof(buf));
	return reply;
}

/*
 * The conversation: prompts are answered from --password-fd or from the
 * terminal (no echo for PAM_PROMPT_ECHO_OFF), never from argv or the
 * environment; messages go to stderr.
 */
static int conv(int n, const struct pam_message **msg,
		struct pam_response **resp, void *data)
{
	struct pam_response *r;
	int i;

	(void)data;
	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	r = calloc(n, sizeof(*r));
	if (!r)
		return PAM_BUF_ERR;
	for (i = 0; i < n; i++) {
		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
		case PAM_PROMPT_ECHO_ON:
			r[i].resp = ask(msg[i]->msg, msg[i]->msg_style == PAM_PROMPT_ECHO_OFF);
			if (!r[i].resp)
				goto fail;
			break;
		case PAM_ERROR_MSG:
		case PAM_TEXT_INFO:
			fprintf(stderr, "wtrun: %s\n", msg[i]->msg);
			break;
		default:
			goto fail;
		}
	}
	*resp = r;
	return PAM_SUCCESS;
fail:
	for (i = 0; i < n; i++) {
		if (r[i].resp) {
			explicit_bzero(r[i].resp, strlen(r[i].resp));
			free(r[i].resp);
		}
	}
	free(r);
	return PAM_CONV_ERR;
}

/* Tell the parent why the child stops (or that a token follows), and stop. */
static noreturn void report(int fd, int code)
{
	if (write(fd, &code, sizeof(code)) != sizeof(code))
		code = EX_ERROR;
	_exit(code & 0xff);
}

/*
 * What can change in the session's token in place, by its own user as on
 * Windows: privileges removed, the integrity level lowered.
 */
static int lower_own_token(void)
{
	struct wt_sid_and_attributes low;
	int fd, err = 0, i;

	if (!nremoved && !low_integrity)
		return 0;
	fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES |
				   WT_TOKEN_ADJUST_DEFAULT, NULL);
	if (fd < 0)
		return -1;
	for (i = 0; i < nremoved; i++)
		removed[i].attributes = WT_SE_PRIVILEGE_REMOVED;
	if (nremoved)
		err = wt_adjust_token_privileges(fd, 0, removed, nremoved, NULL,
						 NULL, NULL);
	if (!err && low_integrity) {
		wt_sid_parse("S-1-16-4096", &low, WT_SE_GROUP_INTEGRITY |
			     WT_SE_GROUP_INTEGRITY_ENABLED);
		err = wt_set_token_information(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL,
					       &low, sizeof(low));
	}
	close(fd);
	return err;
}

/* The authentication id (logon session) of the caller's token, or 0. */
static uint64_t own_logon(void)
{
	struct wt_token_statistics st;
	int fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
	int err;

	if (fd < 0)
		return 0;
	err = wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &st,
				       sizeof(st), NULL);
	close(fd);
	return err ? 0 : st.authentication_id;
}

/* The session's environment (pam_env, Kerberos ccache) and the user's. */
static void set_environment(pam_handle_t *h, const struct passwd *pw)
{
	char **env = pam_getenvlist(h);
	size_t i;

	/* The strings become the environment's. */
	for (i = 0; env && env[i]; i++)
		putenv(env[i]);
	free(env);
	setenv("USER", pw->pw_name, 1);
	setenv("LOGNAME", pw->pw_name, 1);
	setenv("HOME", pw->pw_dir, 1);
	setenv("SHELL", pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh", 1);
}

/* chdir home (as login does, else /) and exec; reports on failure. */
static noreturn void run(pam_handle_t *h, const struct passwd *pw, char **cmd,
			 int report_fd)
{
	set_environment(h, pw);
	/* What is left on the password's descriptor is not the command's. */
	if (password_fd > STDERR_FILENO)
		close(password_fd);
	if (chdir(pw->pw_dir) && chdir("/")) {
		fprintf(stderr, "wtrun: chdir /: %s\n", strerror(errno));
		report(report_fd, EX_NOEXEC);
	}
	execvp(cmd[0], cmd);
	fprintf(stderr, "wtrun: %s: %s\n", cmd[0], strerror(errno));
	report(report_fd, errno == ENOENT ? EX_NOTFOUND : EX_NOEXEC);
}

static int send_fd(int sock, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))] = { 0 };
	char byte = 0;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char ctl[CMSG_SPACE(sizeof(int))] = { 0 };
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&m);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/*
 * The first child: open the session (pam_wintok assigns its token here,
 * and the process becomes the user), check that it did, then exec the
 * command or, for a sandbox, hand the token to the parent.
 */
static noreturn void session_child(pam_handle_t *h, const struct passwd *pw,
				   char **cmd, int report_fd, int sock)
{
	uint64_t before = own_logon(), after;
	uid_t r, e, s;
	int rc, tokfd;

	rc = pam_open_session(h, 0);
	if (rc != PAM_SUCCESS) {
		fprintf(stderr, "wtrun: cannot open the session: %s\n",
			pam_strerror(h, rc));
		report(report_fd, REPORT_NO_SESSION);
	}
	/*
	 * Fail closed: a stack without pam_wintok, or on_error=derive with
	 * the source down, leaves this process root with its old token.
	 */
	after = own_logon();
	if (getresuid(&r, &e, &s) || r != pw->pw_uid || e != pw->pw_uid ||
	    s != pw->pw_uid || !after || after == before) {
		fprintf(stderr,
			"wtrun: the session gave no token for %s (pam_wintok not in the session stack of the service?)\n",
			pw->pw_name);
		report(report_fd, EX_SESSION);
	}
	if (lower_own_token()) {
		fprintf(stderr, "wtrun: cannot lower the session's token: %s\n",
			strerror(errno));
		report(report_fd, EX_ERROR);
	}
	if (sock < 0)
		run(h, pw, cmd, report_fd);
	tokfd = wt_open_process_token(-1, WT_TOKEN_QUERY | WT_TOKEN_DUPLICATE, NULL);
	if (tokfd < 0 || send_fd(sock, tokfd)) {
		fprintf(stderr, "wtrun: cannot pass the session's token: %s\n",
			strerror(errno));
		report(report_fd, EX_ERROR);
	}
	report(report_fd, REPORT_SANDBOX);
}

static int enable_assign_privilege(void)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_ASSIGNPRIMARYTOKEN_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	int fd, not_all = 1, err;

	fd = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	if (fd < 0)
		return -1;
	err = wt_adjust_token_privileges(fd, 0, &la, 1, NULL, NULL, &not_all);
	close(fd);
	if (!err && not_all) {
		errno = EPERM;
		return -1;
	}
	return err;
}

/* The restricted token made from the session's (already lowered). */
static int make_sandbox(int session_tok)
{
	struct wt_sid_and_attributes rs[4], user;
	struct wt_token_groups *logon = NULL;
	__u32 len = 0;
	int nrs = 0;

	if (restrict_token) {
		if (wt_get_token_information(session_tok, WT_TOKEN_INFO_USER, &user,
					     sizeof(user), NULL))
			return -1;
		logon = wt_get_token_information_alloc(session_tok,
						       WT_TOKEN_INFO_LOGON_SID, &len);
		if (!logon || logon->count != 1) {
			free(logon);
			errno = EINVAL;
			return -1;
		}
		rs[nrs] = user;
		rs[nrs++].attributes = 0;
		wt_sid_parse("S-1-1-0", &rs[nrs++], 0);
		wt_sid_parse("S-1-5-12", &rs[nrs++], 0);	/* RESTRICTED */
		rs[nrs] = logon->groups[0];
		rs[nrs++].attributes = 0;
		free(logon);
	}
	return wt_create_restricted_token(session_tok, 0, deny_only, ndeny, NULL, 0,
					  rs, nrs, WT_TOKEN_ASSIGN_PRIMARY | WT_TOKEN_QUERY,
					  NULL);
}

/* A second child, forked while root: assign @tok, then exec. */
static pid_t sandbox_child(pam_handle_t *h, const struct passwd *pw, char **cmd,
			   int tok, int report_fd)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	/* The real uid first (the kernel's user count); euid 0 keeps our token. */
	if (setresuid(pw->pw_uid, -1, -1) || wt_assign_primary_token(-1, tok)) {
		fprintf(stderr, "wtrun: cannot assign the sandbox token: %s\n",
			strerror(errno));
		report(report_fd, EX_ERROR);
	}
	close(tok);
	run(h, pw, cmd, report_fd);
}

/*
 * Wait for @pid, whose failures before its exec arrive on @rd: the
 * command's status, or wtrun's code. *@code receives the report.
 */
static int wait_child(pid_t pid, int rd, int *code)
{
	int status;
	ssize_t got;

	do
		got = read(rd, code, sizeof(*code));
	while (got < 0 && errno == EINTR);
	if (got != sizeof(*code))
		*code = -1;	/* exec'd (close-on-exec), or killed */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return EX_ERROR;
	if (*code == REPORT_SANDBOX)
		return 0;
	if (*code == REPORT_NO_SESSION)
		return EX_SESSION;
	if (*code >= 0)
		return *code;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Authenticate, check the account, establish credentials. 0 or EX_*. */
static int logon(pam_handle_t *h, const char *user)
{
	int rc = pam_authenticate(h, PAM_DISALLOW_NULL_AUTHTOK);

	if (rc == PAM_SUCCESS)
		rc = pam_acct_mgmt(h, PAM_DISALLOW_NULL_AUTHTOK);
	if (rc != PAM_SUCCESS) {
		if (no_terminal)
			fprintf(stderr,
				"wtrun: no terminal to ask the password on; use --password-fd N\n");
		fprintf(stderr, "wtrun: authentication failed for %s: %s\n", user,
			pam_strerror(h, rc));
		return EX_AUTH;
	}
	rc = pam_setcred(h, PAM_ESTABLISH_CRED);
	if (rc != PAM_SUCCESS) {
		fprintf(stderr, "wtrun: cannot establish the credentials of %s: %s\n",
			user, pam_strerror(h, rc));
		return EX_SESSION;
	}
	return 0;
}

static int parse(int argc, char **argv, const char **user, const char **service)
{
	static const struct option options[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "service", required_argument, NULL, 's' },
		{ "password-fd", required_argument, NULL, 'p' },
		{ "integrity", required_argument, NULL, 'i' },
		{ "restrict", no_argument, NULL, 'r' },
		{ "deny-only", required_argument, NULL, 'd' },
		{ "remove-privilege", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long num;
	int opt, luid;

	while ((opt = wt_getopt(argc, argv, "+u:s:p:i:rd:x:h", options, print_usage)) != -1) {
		switch (opt) {
		case 'u':
			*user = optarg;
			break;
		case 's':
			if (!*optarg || strchr(optarg, '/'))
				wt_usage_error(print_usage);
			*service = optarg;
			break;
		case 'p':
			if (wt_parse_ull(optarg, 10, INT_MAX, &num))
				wt_usage_error(print_usage);
			password_fd = (int)num;
			break;
		case 'i':
			if (!strcmp(optarg, "low"))
				low_integrity = true;
			else if (!strcmp(optarg, "medium"))
				low_integrity = false;
			else
				wt_usage_error(print_usage);
			break;
		case 'r':
			restrict_token = true;
			break;
		case 'd':
			if (ndeny == MAX_LIST || wt_sid_parse(optarg, &deny_only[ndeny], 0)) {
				fprintf(stderr, "wtrun: bad or too many --deny-only: %s\n", optarg);
				return EX_USAGE;
			}
			ndeny++;
			break;
		case 'x':
			luid = wt_privilege_lookup(optarg, strlen(optarg));
			if (nremoved == MAX_LIST || luid < 0) {
				fprintf(stderr, "wtrun: unknown privilege: %s\n", optarg);
				return EX_USAGE;
			}
			removed[nremoved++].luid = luid;
			break;
		}
	}
	if (!*user || optind == argc)
		wt_usage_error(print_usage);
	if (password_fd >= 0 && fcntl(password_fd, F_GETFD) < 0) {
		fprintf(stderr, "wtrun: --password-fd %d: %s\n", password_fd,
			strerror(errno));
		return EX_USAGE;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *user = NULL, *service = "wtrun";
	struct pam_conv c = { .conv = conv };
	int rc, code, rep[2], sv[2] = { -1, -1 }, tok, stok;
	struct passwd *pw;
	pam_handle_t *h;
	pid_t pid;

	rc = parse(argc, argv, &user, &service);
	if (rc)
		return rc;
	if (geteuid() != 0) {
		fprintf(stderr, "wtrun: must be run as root (%s)\n",
			"it logs a user on and assigns the user's token");
		return EX_NOTROOT;
	}
	pw = getpwnam(user);
	if (!pw) {
		fprintf(stderr, "wtrun: authentication failed for %s: no such user\n", user);
		return EX_AUTH;
	}
	rc = pam_start(service, user, &c, &h);
	if (rc != PAM_SUCCESS) {
		fprintf(stderr, "wtrun: PAM: %s\n", pam_strerror(NULL, rc));
		return EX_ERROR;
	}
	if (isatty(STDIN_FILENO) && ttyname(STDIN_FILENO))
		pam_set_item(h, PAM_TTY, ttyname(STDIN_FILENO));
	rc = logon(h, user);
	if (rc) {
		pam_end(h, PAM_AUTH_ERR);
		return rc;
	}
	/* Nothing of the user runs before this point. */
	if (pipe2(rep, O_CLOEXEC) ||
	    (sandbox() && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))) {
		fprintf(stderr, "wtrun: %s\n", strerror(errno));
		rc = EX_ERROR;
		goto out_cred;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(rep[0]);
		if (sv[0] >= 0)
			close(sv[0]);
		session_child(h, pw, argv + optind, rep[1], sv[1]);
	}
	close(rep[1]);
	if (sv[1] >= 0)
		close(sv[1]);
	if (pid < 0) {
		fprintf(stderr, "wtrun: fork: %s\n", strerror(errno));
		rc = EX_ERROR;
		goto out_cred;
	}
	/* A ^C is the command's: wtrun stays to close the session. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	rc = wait_child(pid, rep[0], &code);
	close(rep[0]);
	if (code == REPORT_NO_SESSION)
		goto out_cred;
	if (code == REPORT_SANDBOX) {
		tok = recv_fd(sv[0]);
		stok = tok < 0 ? -1 : make_sandbox(tok);
		if (tok >= 0)
			close(tok);
		if (stok < 0 || enable_assign_privilege() || pipe2(rep, O_CLOEXEC)) {
			fprintf(stderr, "wtrun: cannot make the sandbox token: %s\n",
				strerror(errno));
			rc = EX_ERROR;
		} else {
			signal(SIGINT, SIG_DFL);
			signal(SIGQUIT, SIG_DFL);
			fflush(NULL);
			pid = sandbox_child(h, pw, argv + optind, stok, rep[1]);
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			close(rep[1]);
			close(stok);
			if (pid < 0) {
				fprintf(stderr, "wtrun: fork: %s\n", strerror(errno));
				rc = EX_ERROR;
			} else {
				rc = wait_child(pid, rep[0], &code);
			}
			close(rep[0]);
		}
	}
	if (sv[0] >= 0)
		close(sv[0]);
	code = pam_close_session(h, 0);
	if (code != PAM_SUCCESS)
		fprintf(stderr, "wtrun: closing the session: %s\n", pam_strerror(h, code));
out_cred:
	pam_setcred(h, PAM_DELETE_CRED | PAM_SILENT);
	pam_end(h, PAM_SUCCESS);
	return rc;
}
