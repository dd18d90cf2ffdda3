// SPDX-License-Identifier: GPL-2.0
/*
 * wtpolicy idmap sync - replace the kernel's SID <-> id map with what the
 * directory client of this machine (winbind or SSSD) says of the users
 * and groups it uses, so tokens derived from Linux ids carry directory
 * SIDs (Documentation/tools/wtpolicy.rst, "Keeping the id map in step").
 *
 * The scope: the users and groups named (--user, --group), each user with
 * its primary and supplementary groups; without names, every entry the
 * passwd and group databases enumerate. An id the directory has no SID
 * for (a local account) stays out; uid 0 and gid 0 always do. Nothing is
 * changed unless every lookup answered: a directory that cannot be
 * reached leaves the map as it was.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libwintok.h"
#include "wtnl.h"
#include "dir_sid.h"
#include "idmap_sync.h"

/* A uid or gid to look up: at most WT_IDMAP_MAX_ENTRIES of each. */
struct sync_ids {
	uint32_t *ids;
	unsigned int n;
};

struct sync_entry {
	uint32_t kind, id;
	struct pw_sid sid;
};

struct sync {
	int (*lookup)(int group, uint32_t id, struct pw_sid *s);
	const char *source;
	struct sync_ids uids, gids;
	struct sync_entry *e;
	unsigned int n, nusers, ngroups;
	int dry_run;
};

static int ids_add(struct sync_ids *l, uint32_t id)
{
	unsigned int i;

	if (id == 0 || id == (uint32_t)-1)
		return 0;	/* root stays what it is; -1 is no id */
	for (i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return 0;
	if (l->n == 2 * WT_IDMAP_MAX_ENTRIES) {
		fprintf(stderr, "wtpolicy: idmap sync: more than %d ids in scope\n",
			2 * WT_IDMAP_MAX_ENTRIES);
		return -1;
	}
	l->ids[l->n++] = id;
	return 0;
}

/* A user's uid, primary gid and supplementary gids. */
static int add_user(struct sync *s, const struct passwd *pw)
{
	gid_t *groups = NULL;
	int n = 64, i, rc = 0;

	if (ids_add(&s->uids, pw->pw_uid) || ids_add(&s->gids, pw->pw_gid))
		return -1;
	for (;;) {
		gid_t *g = realloc(groups, n * sizeof(*g));
		int want = n;

		if (!g) {
			free(groups);
			return -1;
		}
		groups = g;
		if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &want) >= 0) {
			n = want;
			break;
		}
		if (want <= n || want > 65536) {
			free(groups);
			fprintf(stderr, "wtpolicy: idmap sync: groups of %s: lookup failed\n",
				pw->pw_name);
			return -1;
		}
		n = want;
	}
	for (i = 0; !rc && i < n; i++)
		rc = ids_add(&s->gids, groups[i]);
	free(groups);
	return rc;
}

/* Every user and group the databases enumerate. */
static int add_all(struct sync *s)
{
	struct passwd *pw;
	struct group *gr;
	int rc = 0;

	setpwent();
	while (!rc && (pw = getpwent()))
		rc = ids_add(&s->uids, pw->pw_uid) || ids_add(&s->gids, pw->pw_gid);
	endpwent();
	setgrent();
	while (!rc && (gr = getgrent()))
		rc = ids_add(&s->gids, gr->gr_gid);
	endgrent();
	return rc;
}

static int is_linux_sid(const struct pw_sid *s)
{
	static const uint8_t auth22[6] = { 0, 0, 0, 0, 0, 22 };

	return s->len >= 8 && !memcmp(s->sid + 2, auth22, 6);
}

/* Look up every id of @l; 0, or -1 when the source failed. */
static int lookup_all(struct sync *s, const struct sync_ids *l, int group)
{
	unsigned int i, j;

	for (i = 0; i < l->n; i++) {
		struct sync_entry *e = &s->e[s->n];
		int err = s->lookup(group, l->ids[i], &e->sid);

		if (err == ENOENT || (!err && is_linux_sid(&e->sid)))
			continue;	/* not the directory's */
		if (err) {
			fprintf(stderr, "wtpolicy: idmap sync: %s: %s %u: %s; map unchanged\n",
				s->source, group ? "gid" : "uid", l->ids[i], strerror(err));
			return -1;
		}
		for (j = 0; j < s->n; j++) {
			if (s->e[j].kind == (uint32_t)group &&
			    s->e[j].sid.len == e->sid.len &&
			    !memcmp(s->e[j].sid.sid, e->sid.sid, e->sid.len)) {
				fprintf(stderr, "wtpolicy: idmap sync: %s: %ss %u, %u: one SID\n",
					s->source, group ? "gid" : "uid", s->e[j].id, l->ids[i]);
				return -1;
			}
		}
		if (s->n == WT_IDMAP_MAX_ENTRIES) {
			fprintf(stderr, "wtpolicy: idmap sync: over %d entries; map unchanged\n",
				WT_IDMAP_MAX_ENTRIES);
			return -1;
		}
		e->kind = group ? WT_IDMAP_GID : WT_IDMAP_UID;
		e->id = l->ids[i];
		s->n++;
		if (group)
			s->ngroups++;
		else
			s->nusers++;
	}
	return 0;
}

static int send_sync(const struct sync *s)
{
	static char buf[WTNL_IDMAP_MSG_SIZE];
	struct nlattr *list = NULL;
	struct nlmsghdr *nlh;
	struct wtnl nl;
	unsigned int i;
	int rc = 0;

	if (wtnl_open(&nl)) {
		fprintf(stderr, "wtpolicy: wintok netlink family: %s\n", strerror(errno));
		return 1;
	}
	nlh = wtnl_msg(&nl, buf, WT_CMD_SET_IDMAP);
	for (i = 0; i < s->n; i++)
		wtnl_idmap_put(nlh, &list, s->e[i].sid.sid, s->e[i].sid.len,
			       s->e[i].kind, s->e[i].id);
	wtnl_idmap_end(nlh, list);
	if (wtnl_call(&nl, nlh, NULL, NULL)) {
		fprintf(stderr, "wtpolicy: cannot set the id map: %s%s%s\n",
			strerror(errno), nl.errmsg[0] ? ": " : "", nl.errmsg);
		rc = 1;
	}
	wtnl_close(&nl);
	return rc;
}

static void print_entries(const struct sync *s)
{
	char text[192];
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		if (wt_sid_string(s->e[i].sid.sid, s->e[i].sid.len, text, sizeof(text)) < 0)
			snprintf(text, sizeof(text), "?");
		printf("map %s %s %u\n", text,
		       s->e[i].kind == WT_IDMAP_UID ? "uid" : "gid", s->e[i].id);
	}
}

/**
 * idmap_sync_main() - wtpolicy idmap sync
 * @argc: arguments after "sync"
 * @argv: them
 *
 * Return: the exit status (0, 1 error, 2 usage).
 */
int idmap_sync_main(int argc, char **argv)
{
	struct sync s = { 0 };
	int i, rc = 1, named = 0;

	s.uids.ids = calloc(2 * WT_IDMAP_MAX_ENTRIES, sizeof(uint32_t));
	s.gids.ids = calloc(2 * WT_IDMAP_MAX_ENTRIES, sizeof(uint32_t));
	s.e = calloc(WT_IDMAP_MAX_ENTRIES + 1, sizeof(*s.e));
	if (!s.uids.ids || !s.gids.ids || !s.e)
		goto out;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--dry-run")) {
			s.dry_run = 1;
			continue;
		}
		if (!v)
			goto usage;
		i++;
		if (!strcmp(a, "--source")) {
			s.source = v;
			if (!strcmp(v, "winbind"))
				s.lookup = dir_sid_winbind;
			else if (!strcmp(v, "sss"))
				s.lookup = dir_sid_sss;
			else
				goto usage;
		} else if (!strcmp(a, "--user")) {
			struct passwd *pw = getpwnam(v);

			if (!pw) {
				fprintf(stderr, "wtpolicy: idmap sync: unknown user %s\n", v);
				goto out;
			}
			named = 1;
			if (add_user(&s, pw))
				goto out;
		} else if (!strcmp(a, "--group")) {
			struct group *gr = getgrnam(v);

			if (!gr) {
				fprintf(stderr, "wtpolicy: idmap sync: unknown group %s\n", v);
				goto out;
			}
			named = 1;
			if (ids_add(&s.gids, gr->gr_gid))
				goto out;
		} else {
			goto usage;
		}
	}
	if (!s.lookup)
		goto usage;
	if (!named && add_all(&s))
		goto out;
	if (lookup_all(&s, &s.uids, 0) || lookup_all(&s, &s.gids, 1))
		goto out;
	if (s.dry_run) {
		print_entries(&s);
		rc = 0;
		goto out;
	}
	rc = send_sync(&s);
	if (!rc)
		printf("id map: %u users, %u groups from %s\n", s.nusers, s.ngroups,
		       s.source);
	goto out;
usage:
	fprintf(stderr, "usage: wtpolicy idmap sync --source winbind|sss %s\n",
		"[--user NAME]... [--group NAME]... [--dry-run]");
	rc = 2;
out:
	free(s.uids.ids);
	free(s.gids.ids);
	free(s.e);
	return rc;
}
