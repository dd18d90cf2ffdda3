// SPDX-License-Identifier: GPL-2.0
/*
 * sss_check: libsss_nss_idmap and SSSD's NSS answers the way pam_wintok's
 * SSSD source will use them, against the Samba AD DC of make check-ad
 * (selftests/ad/ad_sssd.sh starts sssd with the ad provider). Prints TAP.
 * usage: sss_check SIDS_FILE   ("name<TAB>SID" lines, tools/ad/provision.sh)
 */
#include <errno.h>
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sss_nss_idmap.h>

static int test_no;
static int failed;

static void result(bool ok, const char *what, int err)
{
	test_no++;
	if (!ok)
		failed = 1;
	printf("%s %d %s", ok ? "ok" : "not ok", test_no, what);
	if (err)
		printf(" (%s)", strerror(err));
	printf("\n");
}

/* The SID of a name from the provision's list, as text; exits if missing. */
static char *sid_of(const char *file, const char *name)
{
	static char line[8][256];
	static int next;
	size_t len = strlen(name);
	char *l = line[next++ & 7];
	FILE *f = fopen(file, "r");

	if (!f) {
		perror(file);
		exit(1);
	}
	while (fgets(l, sizeof(line[0]), f)) {
		if (strncmp(l, name, len) || l[len] != '\t')
			continue;
		fclose(f);
		l[strcspn(l, "\n")] = '\0';
		return l + len + 1;
	}
	fclose(f);
	fprintf(stderr, "sss_check: no SID for %s in %s\n", name, file);
	exit(1);
}

/* sss_nss_getsidby*() for an id, compared with the expected SID. */
static void check_id(bool gid, unsigned int id, const char *want,
		     const char *what)
{
	enum sss_id_type type;
	char *sid = NULL;
	int err;

	err = gid ? sss_nss_getsidbygid(id, &sid, &type) :
		    sss_nss_getsidbyuid(id, &sid, &type);
	printf("# %s %u -> %s\n", gid ? "gid" : "uid", id, sid ? sid : "-");
	result(!err && sid && !strcmp(sid, want), what, err);
	free(sid);
}

static bool gid_in(gid_t want, const gid_t *gids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (gids[i] == want)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	enum sss_id_type type;
	gid_t gids[64];
	int n = 64, i, err;
	char *sid = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SIDS_FILE\n", argv[0]);
		return 2;
	}
	printf("TAP version 13\n1..8\n");
	err = sss_nss_getsidbyname("alice", &sid, &type);
	result(!err && sid && !strcmp(sid, sid_of(argv[1], "alice")) &&
	       type == SSS_ID_TYPE_UID,
	       "sss_nss_getsidbyname alice: her domain SID, a user", err);
	free(sid);
	check_id(false, 10001, sid_of(argv[1], "alice"),
		 "sss_nss_getsidbyuid 10001: alice's SID");
	check_id(true, 10000, sid_of(argv[1], "Domain Users"),
		 "sss_nss_getsidbygid 10000: Domain Users");
	check_id(true, 10012, sid_of(argv[1], "G2"),
		 "sss_nss_getsidbygid 10012: G2's SID");
	check_id(true, 10013, sid_of(argv[1], "DL1"),
		 "sss_nss_getsidbygid 10013: DL1's SID");

	/* The group list a session gets (initgroups), each gid then mapped. */
	if (getgrouplist("alice", 10000, gids, &n) < 0)
		n = 0;
	for (i = 0; i < n; i++)
		printf("# alice's gid %u\n", gids[i]);
	result(gid_in(10011, gids, n) && gid_in(10013, gids, n),
	       "getgrouplist alice: G1 (10011) and DL1 (10013)", 0);
	result(gid_in(10012, gids, n),
	       "getgrouplist alice: G2 (10012, nested)", 0);

	sid = NULL;
	err = sss_nss_getsidbyuid(4000000, &sid, &type);
	printf("# unknown uid 4000000: %s\n", strerror(err));
	result(err && !sid, "sss_nss_getsidbyuid of an unknown uid fails", 0);
	free(sid);
	return failed;
}
