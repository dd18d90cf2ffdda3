/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of sddl_test share: the TAP line, the test domain and the
 * round-trip checks (sddl_test.c), and the parts' entry points.
 */
#ifndef WT_SDDL_TEST_H
#define WT_SDDL_TEST_H

#include "sddl.h"

/* Domain for aliases like LG in the oracle vectors: not one they spell out. */
extern struct sddl_domain test_domain;

/* One TAP line, numbered in the order of the calls. */
void tap(bool ok, const char *fmt, ...);
/* @in formats as @want after parsing. */
void expect_format(const char *in, const char *want,
		   const struct sddl_domain *dom, const char *what);
/* @in is refused with @want_rc and a message. */
void expect_fail(const char *in, int want_rc,
		 const struct sddl_domain *dom, const char *what);
/* Parse @in and look at one ACE of its DACL (or SACL). */
bool first_ace(const char *in, bool sacl, struct wt_ace_view *out,
	       u8 **keep, struct wt_sd_view *sd);

/* sddl_test_cond.c */
void test_conditions(void);

#endif /* WT_SDDL_TEST_H */
