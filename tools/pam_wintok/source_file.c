// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - the id map file source: a plain text map from users and
 * groups to SIDs, in the "map" statements of wtpolicy's configuration,
 * so that the same file can be loaded into the kernel's id map
 * (wtpolicy load) and read here:
 *
 *   # comment
 *   map S-1-5-21-1-2-3-1001 uid alice
 *   map S-1-5-21-1-2-3-513  gid 1001
 *
 * The user's groups are its Linux groups (getgrouplist()), each mapped,
 * unmapped ones as S-1-22-2-<gid>; an unmapped user is S-1-22-1-<uid>.
 * The file decides who a user is, so it must be root's and writable by
 * root only: otherwise a user's own su would log on with SIDs of the
 * user's choosing.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "pw_source.h"

#define PW_MAP_MAX_ENTRIES 4096

struct pw_map_entry {
	int group;
	uint32_t id;
	struct pw_sid sid;
};

struct pw_map {
	unsigned int n;
	struct pw_map_entry e[PW_MAP_MAX_ENTRIES];
};

/* "alice" or "1001" as a uid (@group 0) or gid; -1 when unknown. */
static int map_id(const char *word, int group, uint32_t *id)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(word, &end, 10);
	if (word[0] >= '0' && word[0] <= '9' && !*end && !errno &&
	    v < 4294967295UL) {
		*id = v;
		return 0;
	}
	if (group) {
		struct group *g = getgrnam(word);

		if (!g)
			return -1;
		*id = g->gr_gid;
	} else {
		struct passwd *p = getpwnam(word);

		if (!p)
			return -1;
		*id = p->pw_uid;
	}
	return 0;
}

static int map_line(const struct pw_ctx *c, struct pw_map *m, char *buf,
		    unsigned int line)
{
	char *words[5], *save, *p;
	struct pw_map_entry *e;
	int n = 0;

	p = strchr(buf, '#');
	if (p)
		*p = '\0';
	for (p = strtok_r(buf, " \t\r\n", &save); p && n < 5;
	     p = strtok_r(NULL, " \t\r\n", &save))
		words[n++] = p;
	if (!n)
		return PAM_SUCCESS;
	if (n != 4 || strcmp(words[0], "map") ||
	    (strcmp(words[2], "uid") && strcmp(words[2], "gid"))) {
		pam_syslog(c->pamh, LOG_ERR, "%s:%u: not \"map SID uid|gid ID\"",
			   c->map, line);
		return PAM_SERVICE_ERR;
	}
	if (m->n == PW_MAP_MAX_ENTRIES) {
		pam_syslog(c->pamh, LOG_ERR, "%s: more than %d entries", c->map,
			   PW_MAP_MAX_ENTRIES);
		return PAM_SERVICE_ERR;
	}
	e = &m->e[m->n];
	e->group = words[2][0] == 'g';
	if (pw_sid_parse(words[1], &e->sid)) {
		pam_syslog(c->pamh, LOG_ERR, "%s:%u: bad SID %s", c->map, line,
			   words[1]);
		return PAM_SERVICE_ERR;
	}
	if (map_id(words[3], e->group, &e->id)) {
		pam_syslog(c->pamh, LOG_ERR, "%s:%u: no such %s: %s", c->map,
			   line, e->group ? "group" : "user", words[3]);
		return PAM_SERVICE_ERR;
	}
	e->sid.has_id = 1;
	e->sid.id = e->id;
	m->n++;
	return PAM_SUCCESS;
}

/* Open @c->map, refuse it unless only root can change it, and parse it. */
static int map_read(const struct pw_ctx *c, struct pw_map *m)
{
	unsigned int line = 0;
	char buf[1024];
	struct stat st;
	int fd, rc = PAM_SUCCESS;
	FILE *f;

	fd = open(c->map, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		pam_syslog(c->pamh, LOG_ERR, "cannot open the map %s: %m", c->map);
		return PAM_AUTHINFO_UNAVAIL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & 022)) {
		pam_syslog(c->pamh, LOG_ERR,
			   "the map %s is not a regular file owned by root and writable by root only",
			   c->map);
		close(fd);
		return PAM_PERM_DENIED;
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return PAM_BUF_ERR;
	}
	while (rc == PAM_SUCCESS && fgets(buf, sizeof(buf), f)) {
		line++;
		if (!strchr(buf, '\n') && !feof(f)) {
			pam_syslog(c->pamh, LOG_ERR, "%s:%u: line too long",
				   c->map, line);
			rc = PAM_SERVICE_ERR;
			break;
		}
		rc = map_line(c, m, buf, line);
	}
	if (rc == PAM_SUCCESS && ferror(f)) {
		pam_syslog(c->pamh, LOG_ERR, "cannot read the map %s", c->map);
		rc = PAM_AUTHINFO_UNAVAIL;
	}
	fclose(f);
	return rc;
}

static const struct pw_sid *map_find(const struct pw_map *m, int group,
				     uint32_t id)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].group == group && m->e[i].id == id)
			return &m->e[i].sid;
	return NULL;
}

/**
 * pw_source_file() - the user's SIDs from the map file
 * @c: the request
 * @id: filled
 *
 * Return: a PAM result, see pw_source.h.
 */
int pw_source_file(const struct pw_ctx *c, struct pw_ident *id)
{
	const struct pw_sid *s;
	struct pw_map *m;
	gid_t *gids = NULL;
	int i, ngids, rc;

	if (!c->map) {
		pam_syslog(c->pamh, LOG_ERR, "source=file needs map=PATH");
		return PAM_SERVICE_ERR;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return PAM_BUF_ERR;
	rc = map_read(c, m);
	if (rc != PAM_SUCCESS)
		goto out;
	rc = pw_user_groups(c, &gids, &ngids);
	if (rc != PAM_SUCCESS)
		goto out;
	s = map_find(m, 0, c->pw->pw_uid);
	if (s)
		id->user = *s;
	else
		pw_sid_linux(&id->user, 0, c->pw->pw_uid);
	s = map_find(m, 1, c->pw->pw_gid);
	if (s)
		id->primary = *s;
	else
		pw_sid_linux(&id->primary, 1, c->pw->pw_gid);
	rc = pw_add_group(id, &id->primary);
	for (i = 0; rc == PAM_SUCCESS && i < ngids; i++) {
		struct pw_sid g;

		s = map_find(m, 1, gids[i]);
		if (s)
			g = *s;
		else
			pw_sid_linux(&g, 1, gids[i]);
		rc = pw_add_group(id, &g);
	}
out:
	free(gids);
	free(m);
	return rc;
}
