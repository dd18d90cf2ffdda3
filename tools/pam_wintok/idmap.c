// SPDX-License-Identifier: GPL-2.0
/*
 * pam_wintok - the kernel's id map: the user's and its groups' SIDs added
 * where they are missing, so that the assignment gives the process the
 * user's Linux ids (Documentation/pam_wintok.rst, step 5).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <syslog.h>
#include <unistd.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include "wtnl.h"
#include "pam_wintok.h"

/* Serialises the read-modify-write of the kernel's id map between logons. */
#define PW_IDMAP_LOCK "/run/pam_wintok.lock"

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
int pw_sync_idmap(pam_handle_t *pamh, struct wtnl *nl,
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
