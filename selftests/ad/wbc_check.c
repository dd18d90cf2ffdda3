// SPDX-License-Identifier: GPL-2.0
/*
 * wbc_check: libwbclient called the way pam_wintok will call it, against
 * the Samba AD DC that make check-ad starts in the VM (selftests/ad/).
 * Prints TAP. usage: wbc_check SIDS_FILE
 * SIDS_FILE holds "name<TAB>SID" lines written at provision time
 * (tools/ad/provision.sh): alice, bob, G1, G2, DL1, Domain Users.
 * Expects alice to have logged on once through winbind (ad_dc.sh does
 * wbinfo -a): only then does the DC's winbindd know her nested groups.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <pwd.h>
#include <wbclient.h>

#define ALICE_UID 10001
#define DOMAIN_USERS_GID 10000
#define G1_GID 10011
#define G2_GID 10012
#define DL1_GID 10013

static int test_no;
static int failed;

static void result(bool ok, const char *what, wbcErr err)
{
	test_no++;
	if (!ok)
		failed = 1;
	printf("%s %d %s", ok ? "ok" : "not ok", test_no, what);
	if (err != WBC_ERR_SUCCESS)
		printf(" (%s)", wbcErrorString(err));
	printf("\n");
}

/* The SID of a name from the provision's list; exits when it is missing. */
static void sid_of(const char *file, const char *name, struct wbcDomainSid *sid)
{
	char line[256];
	size_t len = strlen(name);
	FILE *f = fopen(file, "r");

	if (!f) {
		perror(file);
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, name, len) || line[len] != '\t')
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (wbcStringToSid(line + len + 1, sid) != WBC_ERR_SUCCESS)
			break;
		fclose(f);
		return;
	}
	fclose(f);
	fprintf(stderr, "wbc_check: no SID for %s in %s\n", name, file);
	exit(1);
}

/* Compared as text: wbcStringToSid leaves the unused sub-authorities as they were. */
static bool sid_eq(const struct wbcDomainSid *a, const struct wbcDomainSid *b)
{
	char sa[WBC_SID_STRING_BUFLEN], sb[WBC_SID_STRING_BUFLEN];

	wbcSidToStringBuf(a, sa, sizeof(sa));
	wbcSidToStringBuf(b, sb, sizeof(sb));
	return !strcmp(sa, sb);
}

static bool sid_in(const struct wbcDomainSid *want,
		   const struct wbcDomainSid *sids, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (sid_eq(want, &sids[i]))
			return true;
	return false;
}

static bool gid_in(gid_t want, const gid_t *gids, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (gids[i] == want)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct wbcDomainSid unix_sid, alice, g1, g2, dl1, dom_users, sid, *sids = NULL;
	enum wbcSidType type;
	struct passwd *pw = NULL;
	gid_t *gids = NULL;
	uint32_t n = 0;
	char buf[WBC_SID_STRING_BUFLEN];
	wbcErr err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SIDS_FILE\n", argv[0]);
		return 2;
	}
	sid_of(argv[1], "alice", &alice);
	sid_of(argv[1], "G1", &g1);
	sid_of(argv[1], "G2", &g2);
	sid_of(argv[1], "DL1", &dl1);
	sid_of(argv[1], "Domain Users", &dom_users);

	printf("TAP version 13\n1..13\n");
	err = wbcPing();
	result(err == WBC_ERR_SUCCESS, "wbcPing: winbindd answers", err);

	err = wbcLookupName("WINTOK", "alice", &sid, &type);
	result(err == WBC_ERR_SUCCESS && sid_eq(&sid, &alice) &&
	       type == WBC_SID_NAME_USER,
	       "wbcLookupName WINTOK\\alice: her domain SID, a user", err);

	err = wbcGetpwnam("WINTOK\\alice", &pw);
	result(err == WBC_ERR_SUCCESS && pw->pw_uid == ALICE_UID &&
	       pw->pw_gid == DOMAIN_USERS_GID,
	       "wbcGetpwnam WINTOK\\alice: uid 10001, gid 10000 (RFC 2307)", err);
	if (pw)
		printf("# %s uid=%u gid=%u home=%s\n", pw->pw_name,
		       pw->pw_uid, pw->pw_gid, pw->pw_dir);
	wbcFreeMemory(pw);

	err = wbcUidToSid(ALICE_UID, &sid);
	wbcSidToStringBuf(&sid, buf, sizeof(buf));
	printf("# uid %u -> %s\n", ALICE_UID, buf);
	result(err == WBC_ERR_SUCCESS && sid_eq(&sid, &alice),
	       "wbcUidToSid 10001: alice's SID", err);

	err = wbcGidToSid(G2_GID, &sid);
	result(err == WBC_ERR_SUCCESS && sid_eq(&sid, &g2),
	       "wbcGidToSid 10012: G2's SID", err);

	err = wbcLookupUserSids(&alice, false, &n, &sids);
	result(err == WBC_ERR_SUCCESS, "wbcLookupUserSids alice", err);
	for (uint32_t i = 0; sids && i < n; i++) {
		wbcSidToStringBuf(&sids[i], buf, sizeof(buf));
		printf("# user sid %u: %s\n", i, buf);
	}
	result(sid_in(&dom_users, sids, n) && sid_in(&g1, sids, n),
	       "user SIDs: Domain Users and G1 (direct)", WBC_ERR_SUCCESS);
	result(sid_in(&g2, sids, n), "user SIDs: G2 (through G1, nested)",
	       WBC_ERR_SUCCESS);
	result(sid_in(&dl1, sids, n), "user SIDs: DL1 (domain local)",
	       WBC_ERR_SUCCESS);
	wbcFreeMemory(sids);

	err = wbcGetGroups("WINTOK\\alice", &n, &gids);
	result(err == WBC_ERR_SUCCESS && gid_in(DOMAIN_USERS_GID, gids, n) &&
	       gid_in(G1_GID, gids, n) && gid_in(DL1_GID, gids, n),
	       "wbcGetGroups WINTOK\\alice: gids 10000, 10011, 10013", err);
	result(err == WBC_ERR_SUCCESS && gid_in(G2_GID, gids, n),
	       "wbcGetGroups WINTOK\\alice: gid 10012 (G2, nested)", err);
	wbcFreeMemory(gids);

	/* The failure paths pam_wintok must tell apart. */
	pw = NULL;
	err = wbcGetpwnam("WINTOK\\nosuchuser", &pw);
	printf("# unknown user: %s\n", wbcErrorString(err));
	result(err != WBC_ERR_SUCCESS && !pw,
	       "wbcGetpwnam of an unknown user fails, no passwd", WBC_ERR_SUCCESS);
	/*
	 * A uid the directory does not hold: winbindd answers with the Unix
	 * SID S-1-22-1-uid, the one wintok derives itself, not an error.
	 */
	err = wbcUidToSid(4000000, &sid);
	wbcSidToStringBuf(&sid, buf, sizeof(buf));
	printf("# unmapped uid 4000000 -> %s (%s)\n", buf, wbcErrorString(err));
	wbcStringToSid("S-1-22-1-4000000", &unix_sid);
	result(err == WBC_ERR_SUCCESS && sid_eq(&sid, &unix_sid),
	       "wbcUidToSid of a uid not in the directory: S-1-22-1-uid", err);
	return failed;
}
