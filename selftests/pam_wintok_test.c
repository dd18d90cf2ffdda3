// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests: pam_wintok, the PAM session module. Runs as root in
 * the VM: a small PAM application (pam_start() on a service file written
 * to /etc/pam.d here) opens a session for alice in a forked child, which
 * then checks the token it was given: its SIDs from the map file, the
 * logon SID and logon type, integrity, privileges by the module's policy,
 * an SD written with the mapped SIDs; and that every failure gives its
 * PAM result and assigns nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <security/pam_appl.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "wtnl.h"

#define DOM		"S-1-5-21-7-8-9"
#define ALICE_SID	DOM "-1001"
#define ALICE_GRP_SID	DOM "-513"
#define FINANCE_SID	DOM "-2001"
#define MAP		"/tmp/pam_wintok.map"
#define GROUP_SAVE	"/tmp/pam_wintok.group"

/* Where the module is: next to this program in the VM. */
static const char *module_path(void)
{
	static char path[4096];
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n < 0)
		return "/selftests/pam_wintok.so";
	exe[n] = '\0';
	snprintf(path, sizeof(path), "%s/pam_wintok.so", dirname(exe));
	return path;
}

static int write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	fchmod(fd, mode);
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* /etc/pam.d/@name: one session line with @opts. */
static int service(const char *name, const char *opts)
{
	char path[256], line[8192];

	mkdir("/etc/pam.d", 0755);
	snprintf(path, sizeof(path), "/etc/pam.d/%s", name);
	snprintf(line, sizeof(line), "session required %s %s\n", module_path(), opts);
	return write_file(path, line, 0644);
}

static const char good_map[] =
	"# alice and two of her groups; staff and users stay unmapped\n"
	"map " ALICE_SID " uid alice\n"
	"map " ALICE_GRP_SID " gid 1001\n"
	"map " FINANCE_SID " gid finance\n"
	"map " DOM "-1002 uid bob   # someone else\n";

static int conv(int n, const struct pam_message **msg,
		struct pam_response **resp, void *data)
{
	(void)n;
	(void)msg;
	(void)data;
	*resp = NULL;
	return PAM_SUCCESS;
}

/* The SID of token @fd's info class @cls (a single SID) as text. */
static int token_sid(int fd, uint32_t cls, char *buf, size_t size)
{
	struct wt_sid_and_attributes *sa;

	sa = wt_get_token_information_alloc(fd, cls, NULL);
	if (!sa)
		return -1;
	wt_sid_string(sa->sid, sa->sid_size, buf, size);
	free(sa);
	return 0;
}

/* Whether token @fd holds group @sid with all of @attrs. */
static int has_group(int fd, const char *sid, uint32_t attrs)
{
	struct wt_token_groups *g;
	char text[192];
	uint32_t i;
	int found = 0;

	g = wt_get_token_information_alloc(fd, WT_TOKEN_INFO_GROUPS, NULL);
	if (!g)
		return 0;
	for (i = 0; i < g->count; i++) {
		wt_sid_string(g->groups[i].sid, g->groups[i].sid_size, text,
			      sizeof(text));
		if (!strcmp(text, sid) &&
		    (g->groups[i].attributes & attrs) == attrs)
			found = 1;
	}
	free(g);
	return found;
}

/*
 * Nothing was assigned: the process still runs as root with root's token
 * derived from its ids.
 */
static int untouched(void)
{
	char user[192] = "";
	int fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);

	if (fd < 0)	/* no module, no token to change */
		return !wt_module_loaded() && !getuid() && !geteuid();
	wt_token_user(fd, user, sizeof(user));
	close(fd);
	return !strcmp(user, "S-1-22-1-0") && !getuid() && !geteuid();
}

/* Whether what @argv prints (run as the caller) contains @want. */
static int output_has(char *const argv[], const char *want)
{
	static char out[65536];

	return !wt_run_as_line(0, 0, NULL, argv, out, sizeof(out)) &&
	       strstr(out, want);
}

/*
 * Whether the logon session of token @fd is of logon type @type (as
 * wtsessions names it), for the token's user.
 */
static int session_is(int fd, const char *type, const char *user)
{
	struct wt_token_statistics st;
	char luid[32], want[256];
	char *const argv[] = { "wtsessions", "--json", "--luid", luid, NULL };

	if (wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &st,
				     sizeof(st), NULL))
		return 0;
	snprintf(luid, sizeof(luid), "%llx", (unsigned long long)st.authentication_id);
	snprintf(want, sizeof(want), "\"type\": \"%s\", \"user_sid\": \"%s\"",
		 type, user);
	return output_has(argv, want);
}

typedef int (*session_check)(void);

/*
 * Open a session of @svc for @user in a child. Returns the PAM result
 * (0 PAM_SUCCESS); 200 when the session failed but something was
 * assigned anyway; 201 + n when @check (run in the session) failed at
 * its step n; 255 when the child could not start PAM.
 */
static int open_session(const char *svc, const char *user, session_check check)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct pam_conv c = { .conv = conv };
		pam_handle_t *h;
		int rc;

		if (pam_start(svc, user, &c, &h) != PAM_SUCCESS)
			_exit(255);
		rc = pam_open_session(h, 0);
		if (rc != PAM_SUCCESS) {
			if (!untouched())
				rc = 200;
			pam_end(h, rc);
			_exit(rc);
		}
		rc = check ? check() : (untouched() ? 0 : 200);
		pam_end(h, PAM_SUCCESS);
		_exit(rc ? 200 + rc : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The session's token, as its program would see it. */
static int check_alice(void)
{
	char *const whoami[] = { "wtwhoami", NULL };
	struct wt_token_statistics st;
	char text[192], logon[64];
	gid_t groups[64];
	int fd, n, i, have_finance = 0, have_users = 0;
	pid_t pid;

	if (getuid() != WT_UID_ALICE || geteuid() != WT_UID_ALICE ||
	    getgid() != 1001)
		return 1;
	fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
	if (fd < 0)
		return 2;
	if (wt_token_user(fd, text, sizeof(text)) || strcmp(text, ALICE_SID))
		return 3;
	if (token_sid(fd, WT_TOKEN_INFO_PRIMARY_GROUP, text, sizeof(text)) ||
	    strcmp(text, ALICE_GRP_SID))
		return 4;
	if (!has_group(fd, ALICE_GRP_SID, WT_SE_GROUP_ENABLED) ||
	    !has_group(fd, FINANCE_SID, WT_SE_GROUP_ENABLED) ||
	    !has_group(fd, "S-1-22-2-100", WT_SE_GROUP_ENABLED) ||
	    !has_group(fd, "S-1-22-2-50", WT_SE_GROUP_ENABLED) ||
	    has_group(fd, "S-1-22-2-1001", 0) || has_group(fd, "S-1-22-2-2001", 0))
		return 5;
	if (!has_group(fd, "S-1-1-0", WT_SE_GROUP_ENABLED) ||
	    !has_group(fd, "S-1-2-0", WT_SE_GROUP_ENABLED) ||
	    !has_group(fd, "S-1-5-4", WT_SE_GROUP_ENABLED) ||
	    !has_group(fd, "S-1-5-11", WT_SE_GROUP_ENABLED) ||
	    has_group(fd, "S-1-5-2", 0))
		return 6;
	if (wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &st,
				     sizeof(st), NULL))
		return 7;
	snprintf(logon, sizeof(logon), "S-1-5-5-%u-%u",
		 (uint32_t)(st.authentication_id >> 32),
		 (uint32_t)st.authentication_id);
	if (!has_group(fd, logon, WT_SE_GROUP_LOGON_ID | WT_SE_GROUP_ENABLED) ||
	    !session_is(fd, "Interactive", ALICE_SID))
		return 8;
	if (token_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, text, sizeof(text)) ||
	    strcmp(text, "S-1-16-8192"))
		return 9;
	/* The policy set by the test: SeBackup for uid 1001, present, disabled. */
	if (wt_priv_attrs(fd, WT_SE_BACKUP_PRIVILEGE) != 0 ||
	    !(wt_priv_attrs(fd, WT_SE_CHANGE_NOTIFY_PRIVILEGE) & WT_SE_PRIVILEGE_ENABLED) ||
	    wt_priv_attrs(fd, WT_SE_CREATE_TOKEN_PRIVILEGE) != -1)
		return 10;
	/* The Linux groups stay: mapped ones through the kernel's id map. */
	n = getgroups(64, groups);
	for (i = 0; i < n; i++) {
		have_finance |= groups[i] == WT_GID_FINANCE;
		have_users |= groups[i] == WT_GID_USERS;
	}
	if (!have_finance || !have_users)
		return 11;
	/* What the session's programs see. */
	if (!output_has(whoami, ALICE_SID) || !output_has(whoami, FINANCE_SID))
		return 14;
	close(fd);
	/* The SD: finance may read one file, alice is denied the other. */
	if (wt_open_errno("/tmp/pam_wintok.finance", O_RDONLY) != 0 ||
	    wt_open_errno("/tmp/pam_wintok.denied", O_RDONLY) != EACCES)
		return 12;
	/* What su does in its child: the token survives setgid/setuid. */
	pid = fork();
	if (pid == 0) {
		char u[192] = "";
		int tfd;

		if (setgid(1001) || setuid(WT_UID_ALICE))
			_exit(1);
		tfd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
		if (tfd < 0 || wt_token_user(tfd, u, sizeof(u)))
			_exit(2);
		_exit(strcmp(u, ALICE_SID) ? 3 : 0);
	}
	if (pid < 0 || wt_reap(pid))
		return 13;
	return 0;
}

static int check_network_low(void)
{
	char text[192];
	int fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);

	if (fd < 0)
		return 1;
	if (!has_group(fd, "S-1-5-2", WT_SE_GROUP_ENABLED) ||
	    has_group(fd, "S-1-5-4", 0) || has_group(fd, "S-1-2-0", 0) ||
	    !session_is(fd, "Network", ALICE_SID))
		return 2;
	if (token_sid(fd, WT_TOKEN_INFO_INTEGRITY_LEVEL, text, sizeof(text)) ||
	    strcmp(text, "S-1-16-4096"))
		return 3;
	close(fd);
	return 0;
}

static int clear_idmap(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct nlattr *list;
	struct wtnl nl;
	int err;

	if (wtnl_open(&nl))
		return -1;
	nlh = wtnl_msg(&nl, buf, WT_CMD_SET_IDMAP);
	list = mnl_attr_nest_start(nlh, WT_A_IDMAP);
	mnl_attr_nest_end(nlh, list);
	err = wtnl_call(&nl, nlh, NULL, NULL);
	wtnl_close(&nl);
	return err;
}

FIXTURE(pam) {
	int unused;
};

FIXTURE_SETUP(pam)
{
	const struct wt_rule finance[] = {
		{ 0, 0, WT_FILE_GENERIC_READ, FINANCE_SID },
	};
	const struct wt_rule denied[] = {
		{ 1, 0, WT_FILE_GENERIC_READ, ALICE_SID },
		{ 0, 0, WT_FILE_GENERIC_READ, "S-1-1-0" },
	};

	if (access(module_path(), R_OK))
		SKIP(return, "pam_wintok.so missing");
	ASSERT_EQ(0, write_file(MAP, good_map, 0644));
	ASSERT_EQ(0, chown(MAP, 0, 0));
	ASSERT_EQ(0, service("pwt_file", "source=file map=" MAP " logon=interactive"));
	ASSERT_EQ(0, write_file("/tmp/pam_wintok.finance", "f\n", 0644));
	ASSERT_EQ(0, write_file("/tmp/pam_wintok.denied", "d\n", 0644));
	ASSERT_EQ(0, wt_set_dacl("/tmp/pam_wintok.finance", finance, 1));
	ASSERT_EQ(0, wt_set_dacl("/tmp/pam_wintok.denied", denied, 2));
	ASSERT_EQ(0, wt_set_privilege_policy("uid:1001:SeBackupPrivilege"));
}

FIXTURE_TEARDOWN(pam)
{
	wt_set_privilege_policy("");
	clear_idmap();
	unlink("/tmp/pam_wintok.finance");
	unlink("/tmp/pam_wintok.denied");
}

TEST_F(pam, session_gets_the_mapped_token)
{
	EXPECT_EQ(PAM_SUCCESS, open_session("pwt_file", "alice", check_alice));
}

TEST_F(pam, logon_type_and_integrity_options)
{
	ASSERT_EQ(0, service("pwt_net", "source=file map=" MAP
			     " logon=network integrity=low"));
	EXPECT_EQ(PAM_SUCCESS, open_session("pwt_net", "alice", check_network_low));
}

TEST_F(pam, unknown_user_assigns_nothing)
{
	EXPECT_EQ(PAM_USER_UNKNOWN, open_session("pwt_file", "nosuchuser", NULL));
}

TEST_F(pam, unreadable_map_denies_or_derives)
{
	ASSERT_EQ(0, service("pwt_nomap", "source=file map=/nonexistent/map"));
	EXPECT_EQ(PAM_SESSION_ERR, open_session("pwt_nomap", "alice", NULL));
	ASSERT_EQ(0, service("pwt_nomap", "source=file map=/nonexistent/map on_error=derive"));
	/* Success, and root's derived token stays: untouched() checks it. */
	EXPECT_EQ(PAM_SUCCESS, open_session("pwt_nomap", "alice", NULL));
}

TEST_F(pam, map_others_can_change_is_refused)
{
	ASSERT_EQ(0, chmod(MAP, 0666));
	EXPECT_EQ(PAM_PERM_DENIED, open_session("pwt_file", "alice", NULL));
	ASSERT_EQ(0, chmod(MAP, 0644));
	ASSERT_EQ(0, chown(MAP, WT_UID_ALICE, 0));
	EXPECT_EQ(PAM_PERM_DENIED, open_session("pwt_file", "alice", NULL));
	ASSERT_EQ(0, chown(MAP, 0, 0));
}

TEST_F(pam, malformed_map_is_refused)
{
	ASSERT_EQ(0, write_file(MAP, "map S-1-x uid alice\n", 0644));
	EXPECT_EQ(PAM_SERVICE_ERR, open_session("pwt_file", "alice", NULL));
	ASSERT_EQ(0, write_file(MAP, "map " ALICE_SID " uid nosuchuser\n", 0644));
	EXPECT_EQ(PAM_SERVICE_ERR, open_session("pwt_file", "alice", NULL));
}

TEST_F(pam, bad_option_is_refused)
{
	ASSERT_EQ(0, service("pwt_bad", "source=file map=" MAP " integrity=system"));
	EXPECT_EQ(PAM_SERVICE_ERR, open_session("pwt_bad", "alice", NULL));
	ASSERT_EQ(0, service("pwt_bad", "source=ldap"));
	EXPECT_EQ(PAM_SERVICE_ERR, open_session("pwt_bad", "alice", NULL));
	ASSERT_EQ(0, service("pwt_bad", "source=file"));
	EXPECT_EQ(PAM_SERVICE_ERR, open_session("pwt_bad", "alice", NULL));
}

TEST_F(pam, too_many_groups_is_refused)
{
	FILE *f;
	int i;

	ASSERT_EQ(0, system("cp /etc/group " GROUP_SAVE));
	f = fopen("/etc/group", "a");
	ASSERT_NE(NULL, f);
	for (i = 0; i < 1000; i++)
		fprintf(f, "pwt%d:x:%d:alice\n", i, 30000 + i);
	fclose(f);
	/* alice's own, staff, users, finance and 1000 more: over the limit. */
	EXPECT_EQ(PAM_SESSION_ERR, open_session("pwt_file", "alice", NULL));
	ASSERT_EQ(0, system("cp " GROUP_SAVE " /etc/group"));
	EXPECT_EQ(PAM_SUCCESS, open_session("pwt_file", "alice", check_alice));
}

TEST_F(pam, directory_down_denies_or_derives)
{
	ASSERT_EQ(0, service("pwt_wb", "source=winbind"));
	EXPECT_EQ(PAM_SESSION_ERR, open_session("pwt_wb", "alice", NULL));
	ASSERT_EQ(0, service("pwt_wb", "source=winbind on_error=derive"));
	EXPECT_EQ(PAM_SUCCESS, open_session("pwt_wb", "alice", NULL));
	ASSERT_EQ(0, service("pwt_sss", "source=sss"));
	EXPECT_NE(PAM_SUCCESS, open_session("pwt_sss", "alice", NULL));
	EXPECT_NE(200, open_session("pwt_sss", "alice", NULL));
	ASSERT_EQ(0, service("pwt_sss", "source=sss on_error=derive"));
	EXPECT_EQ(PAM_SUCCESS, open_session("pwt_sss", "alice", NULL));
}

/*
 * Last: unloads and reloads the module. The unload waits for the creds
 * of the earlier sessions' processes to be freed (after a grace period,
 * which a loaded TCG host stretches past the harness's 30 s): up to the
 * 60 s of wt_unload_module().
 */
TEST_F_TIMEOUT(pam, module_not_loaded_denies, 90)
{
	int rc;

	clear_idmap();
	wt_set_privilege_policy("");
	if (wt_unload_module())
		SKIP(return, "wintok stays loaded");
	rc = open_session("pwt_file", "alice", NULL);
	ASSERT_EQ(0, system("insmod /lib/modules/wintok.ko"));
	/* With no module there is no token: untouched() cannot say 0. */
	EXPECT_EQ(PAM_SESSION_ERR, rc);
}

TEST_HARNESS_MAIN
