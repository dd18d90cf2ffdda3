// SPDX-License-Identifier: GPL-2.0
/*
 * abi_fuzz: the ioctls of token handles (see fz.h).
 */
#include "fz.h"

/* ---- token handle ioctls ---- */

static const uint32_t classes[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 20, 21, 25, 27, 28,
	WT_TOKEN_INFO_LINUX,
};

void fz_query(struct fz *t)
{
	static const int ptrs[] = { offsetof(struct wt_token_query, buffer), -1 };
	struct wt_token_query q = { 0 };
	uint32_t fill;		/* bytes of 0xa5 at the buffer */
	int ok = 0, err, fd = pool_fd(t);
	long ret;

	q.info_class = chance(t, 90) ? classes[below(t, ARRAY_SIZE(classes))] : fz_u32(t);
	q.length = chance(t, 20) ? 0 : chance(t, 30) ? below(t, 80) : PS - 8;
	q.buffer = q.length || chance(t, 50) ? fz_ptr(t, NULL, q.length, &ok) :
		   0;
	fill = q.length;
	fz_mutate(t, &q, sizeof(q), ptrs, NULL, 8, 0);
	ret = fz_ioctl(t, fd, WT_IOC_QUERY_TOKEN, &q, sizeof(q),
		       WT_TOKEN_QUERY_SIZE_VER0, C_QUERY_TOKEN);
	err = errno;	/* fz_result() makes no system call */
	if (ret < 0 && err == ERANGE && ok && q.length &&
	    q.buffer >= (uintptr_t)t->buf && q.buffer < (uintptr_t)t->buf + PS) {
		uint8_t *b = (uint8_t *)(uintptr_t)q.buffer;
		uint32_t i;

		for (i = 0; i < q.length && i < fill && b + i < t->buf + PS; i++)
			if (b[i] != 0xa5) {
				fz_bug(t, "QUERY_TOKEN ERANGE wrote the buffer");
				break;
			}
	}
}

void fz_adjust_privileges(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_adjust_privileges, privileges),
		offsetof(struct wt_adjust_privileges, previous), -1,
	};
	static const int rsv[] = {
		offsetof(struct wt_adjust_privileges, result),
		offsetof(struct wt_adjust_privileges, reserved), -1,
	};
	struct wt_luid_and_attributes la[4];
	struct wt_adjust_privileges ap = { 0 };
	int ok, i, n = 1 + below(t, 4);

	memset(la, 0, sizeof(la));
	for (i = 0; i < n; i++) {
		la[i].luid = chance(t, 95) ? 2 + below(t, 35) : fz_u32(t);
		la[i].attributes = chance(t, 60) ? WT_SE_PRIVILEGE_ENABLED :
				   chance(t, 85) ? 0 : chance(t, 50) ?
				   WT_SE_PRIVILEGE_REMOVED : fz_u32(t);
		if (chance(t, 3))
			la[i].reserved = fz_u32(t);
	}
	if (chance(t, 8)) {
		ap.flags = WT_ADJUST_DISABLE_ALL;
	} else {
		ap.count = n;
		ap.privileges = fz_ptr(t, la, n * sizeof(la[0]), &ok);
	}
	if (chance(t, 50)) {
		ap.previous_count = chance(t, 80) ? 64 : below(t, 3);
		ap.previous = (uintptr_t)(t->out + OUT_PAGES * PS - 64 * 16);
		if (chance(t, 10))
			ap.previous = (uintptr_t)t->noacc;
	}
	fz_mutate(t, &ap, sizeof(ap), ptrs, rsv, 4, WT_ADJUST_DISABLE_ALL);
	if (ap.count > 64)
		t->must_fail = 3;
	if (ap.count > (uint32_t)n && ap.privileges == (uintptr_t)t->buf)
		ap.privileges = (uintptr_t)t->noacc;
	fz_ioctl(t, pool_fd(t), WT_IOC_ADJUST_PRIVILEGES, &ap, sizeof(ap),
		 WT_ADJUST_PRIVILEGES_SIZE_VER0, C_ADJUST_PRIVILEGES);
}

void fz_duplicate(struct fz *t)
{
	static const int rsv[] = {
		offsetof(struct wt_duplicate_token, reserved),
		offsetof(struct wt_duplicate_token, reserved) + 4, -1,
	};
	struct wt_duplicate_token d = { 0 };
	long ret;

	d.desired_access = chance(t, 30) ? 0 : token_access[below(t, ARRAY_SIZE(token_access))];
	d.type = chance(t, 90) ? 1 + below(t, 2) : fz_u32(t);
	d.level = chance(t, 90) ? below(t, 4) : fz_u32(t);
	fz_mutate(t, &d, sizeof(d), NULL, rsv, 4, 0);
	if (d.level > 3 || d.type < 1 || d.type > 2 || d.granted_access)
		t->must_fail = 3;
	/* granted_access is an output: the kernel may ignore it. */
	if (t->must_fail == 3 && d.level <= 3 && d.type >= 1 && d.type <= 2 &&
	    !d.flags && !d.reserved)
		t->must_fail = 0;
	ret = fz_ioctl(t, pool_fd(t), WT_IOC_DUPLICATE_TOKEN, &d, sizeof(d),
		       WT_DUPLICATE_TOKEN_SIZE_VER0, C_DUPLICATE_TOKEN);
	take_fd(t, ret, 1);
}

void fz_adjust_groups(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_adjust_groups, groups),
		offsetof(struct wt_adjust_groups, previous), -1,
	};
	static const int rsv[] = {
		offsetof(struct wt_adjust_groups, result),
		offsetof(struct wt_adjust_groups, reserved), -1,
	};
	struct wt_adjust_groups g = { 0 };
	int ok, n = 1 + below(t, 4);
	struct wt_sid_and_attributes *sa = (void *)(t->big + 4096);

	fill_sids(t, sa, n, chance(t, 50) ? WT_SE_GROUP_ENABLED : 0);
	if (chance(t, 10)) {
		g.flags = WT_ADJUST_GROUPS_RESET;
	} else {
		g.count = n;
		g.groups = fz_ptr(t, sa, n * sizeof(*sa), &ok);
	}
	if (chance(t, 50)) {
		g.previous_count = chance(t, 80) ? 16 : below(t, 2);
		/* Writes past the room run into the PROT_NONE page. */
		g.previous = (uintptr_t)(t->out + OUT_PAGES * PS -
					 16 * sizeof(*sa));
	}
	fz_mutate(t, &g, sizeof(g), ptrs, rsv, 4, WT_ADJUST_GROUPS_RESET);
	if (g.count > (uint32_t)n && g.groups == (uintptr_t)t->buf)
		g.groups = (uintptr_t)t->noacc;
	fz_ioctl(t, pool_fd(t), WT_IOC_ADJUST_GROUPS, &g, sizeof(g),
		 WT_ADJUST_GROUPS_SIZE_VER0, C_ADJUST_GROUPS);
}

void fz_restrict(struct fz *t)
{
	static const int ptrs[] = {
		offsetof(struct wt_create_restricted, deny_sids),
		offsetof(struct wt_create_restricted, delete_privileges),
		offsetof(struct wt_create_restricted, restrict_sids), -1,
	};
	static const int rsv[] = { offsetof(struct wt_create_restricted, reserved), -1 };
	struct wt_sid_and_attributes deny[3], res[3];
	struct wt_luid_and_attributes del[3];
	struct wt_create_restricted r = { 0 };
	int ok, i;
	long ret;

	r.flags = chance(t, 20) ? WT_DISABLE_MAX_PRIVILEGE : 0;
	r.desired_access = chance(t, 40) ? 0 : token_access[below(t, ARRAY_SIZE(token_access))];
	r.deny_count = below(t, 4);
	r.delete_count = below(t, 3);
	r.restrict_count = chance(t, 40) ? 1 + below(t, 3) : 0;
	fill_sids(t, deny, r.deny_count, 0);
	fill_sids(t, res, r.restrict_count, 0);
	memset(del, 0, sizeof(del));
	for (i = 0; i < 3; i++)
		del[i].luid = chance(t, 90) ? 2 + below(t, 35) : fz_u32(t);
	if (r.deny_count)
		r.deny_sids = fz_ptr(t, deny, r.deny_count * sizeof(deny[0]), &ok);
	if (r.delete_count)
		r.delete_privileges = fz_ptr(t, del, r.delete_count *
					     sizeof(del[0]), &ok);
	if (r.restrict_count)
		r.restrict_sids = fz_ptr(t, res, r.restrict_count *
					 sizeof(res[0]), &ok);
	fz_mutate(t, &r, sizeof(r), ptrs, rsv, 4, WT_DISABLE_MAX_PRIVILEGE);
	/* The three arrays may share the buffer page: never read past it. */
	if (r.deny_count > 3)
		r.deny_sids = (uintptr_t)t->noacc;
	if (r.delete_count > 3)
		r.delete_privileges = (uintptr_t)t->noacc;
	if (r.restrict_count > 3)
		r.restrict_sids = (uintptr_t)t->noacc;
	if (t->must_fail == 3 && !(r.flags & ~WT_DISABLE_MAX_PRIVILEGE) &&
	    !r.reserved)
		t->must_fail = 0;	/* granted_access is an output */
	ret = fz_ioctl(t, pool_fd(t), WT_IOC_CREATE_RESTRICTED_TOKEN, &r,
		       sizeof(r), WT_CREATE_RESTRICTED_SIZE_VER0,
		       C_CREATE_RESTRICTED);
	take_fd(t, ret, 1);
}

void fz_set_info(struct fz *t)
{
	static const int ptrs[] = { offsetof(struct wt_token_set, buffer), -1 };
	static const uint32_t set_classes[] = {
		WT_TOKEN_INFO_OWNER, WT_TOKEN_INFO_PRIMARY_GROUP,
		WT_TOKEN_INFO_DEFAULT_DACL, WT_TOKEN_INFO_INTEGRITY_LEVEL,
		WT_TOKEN_INFO_SESSION_ID,
	};
	struct wt_token_set s = { 0 };
	struct wt_sid_and_attributes sa;
	uint8_t val[1024];
	uint32_t len, v;
	int ok;

	s.info_class = chance(t, 90) ?
		set_classes[below(t, ARRAY_SIZE(set_classes))] :
		classes[below(t, ARRAY_SIZE(classes))];
	switch (s.info_class) {
	case WT_TOKEN_INFO_DEFAULT_DACL:
		len = chance(t, 10) ? 0 : fz_acl(t, val, 0);
		break;
	case WT_TOKEN_INFO_SESSION_ID:
		v = below(t, 3);
		memcpy(val, &v, 4);
		len = 4;
		break;
	case WT_TOKEN_INFO_INTEGRITY_LEVEL:
		sa_set(t, &sa, chance(t, 80) ? labels[below(t, ARRAY_SIZE(labels))] : NULL,
		       chance(t, 80) ? WT_SE_GROUP_INTEGRITY |
		       WT_SE_GROUP_INTEGRITY_ENABLED : 0);
		memcpy(val, &sa, sizeof(sa));
		len = sizeof(sa);
		break;
	default:
		sa_set(t, &sa, NULL, chance(t, 90) ? 0 : fz_u32(t));
		memcpy(val, &sa, sizeof(sa));
		len = sizeof(sa);
		break;
	}
	if (chance(t, 5))
		len = below(t, 200);
	s.length = len;
	s.buffer = len || chance(t, 50) ? fz_ptr(t, val, len, &ok) : 0;
	fz_mutate(t, &s, sizeof(s), ptrs, NULL, 8, 0);
	fz_ioctl(t, pool_fd(t), WT_IOC_SET_TOKEN_INFORMATION, &s, sizeof(s),
		 WT_TOKEN_SET_SIZE_VER0, C_SET_TOKEN_INFO);
}

void fz_token_rw(struct fz *t)
{
	int fd = t->tok[below(t, POOL)], wr = chance(t, 50);
	char b[16] = { 0 };
	long ret;

	if (fd < 0)
		return;
	ret = wr ? write(fd, b, sizeof(b)) : read(fd, b, sizeof(b));
	fz_result(t, wr ? C_TOKEN_WRITE : C_TOKEN_READ, ret, errno);
}
