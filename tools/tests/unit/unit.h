/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny TAP harness and fixtures shared by the security core unit tests.
 * Every check prints one TAP line; expectations are computed by the tests
 * themselves (hand-built bytes, values from Samba recorded as hex), never
 * taken from the code under test.
 */
#ifndef WT_UNIT_H
#define WT_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "wt_sid.h"
#include "wt_sd.h"
#include "wt_access.h"
#include "wt_inherit.h"

extern int unit_count;
extern int unit_failed;

void ok(int cond, const char *fmt, ...);

/* Parse a SID or abort: fixtures must be right. */
struct wt_sid S(const char *str);

/* Decode hex into a fresh 4-byte aligned buffer (free()). */
unsigned char *unhex(const char *hex, size_t *len);
/* The same for hex split over a NULL-terminated array of lines. */
unsigned char *unhex_lines(const char *const *lines, size_t *len);

/* An ACE spec from its parts. */
struct wt_ace_spec ACE(unsigned char type, unsigned char flags,
		       unsigned int mask, const char *sid);

/* A built and parsed SD; dacl_n/sacl_n: -1 absent, -2 NULL ACL. */
struct sd_fixture {
	unsigned char *buf;
	long len;
	struct wt_sd_view v;
};

void mk_sd(struct sd_fixture *f, const char *owner, const char *group,
	   unsigned short control, struct wt_ace_spec *dacl, int dacl_n,
	   struct wt_ace_spec *sacl, int sacl_n);
void free_sd(struct sd_fixture *f);

struct tok_fixture {
	struct wt_token_view v;
	struct wt_sid_attr groups[48];
	struct wt_sid_attr restricted[8];
};

/* User, Everyone + Authenticated Users + Users enabled, Medium, NO_WRITE_UP. */
void mk_tok(struct tok_fixture *t, const char *user);
void tok_group(struct tok_fixture *t, const char *sid, unsigned int attr);
void tok_restrict(struct tok_fixture *t, const char *sid, unsigned int attr);

/*
 * Run the access check twice, with and without the SID prefilter, and
 * count any disagreement (reported by the filter test at the end).
 */
enum wt_access_status check(const struct sd_fixture *f,
			    struct tok_fixture *t, unsigned int desired,
			    unsigned int flags, const struct wt_sid *self,
			    struct wt_access_result *res);
extern int filter_disagreements;
extern int maximum_disagreements;

void test_sid(void);
void test_sd(void);
void test_sd_parts(void);
void test_access(void);
void test_inherit(void);
void test_privilege(void);
void test_cond(void);

#endif /* WT_UNIT_H */
