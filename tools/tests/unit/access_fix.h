/* SPDX-License-Identifier: GPL-2.0 */
/* Names and fixtures shared by the access check's unit tests. */
#ifndef WT_ACCESS_FIX_H
#define WT_ACCESS_FIX_H

#include "unit.h"

#define USER "S-1-5-21-1-2-3-1001"
#define OTHER "S-1-5-21-1-2-3-1002"
#define ADMINS "S-1-5-32-544"
#define EVERYONE "S-1-1-0"
#define R WT_FILE_READ_DATA
#define W WT_FILE_WRITE_DATA
#define X WT_FILE_EXECUTE
#define OK WT_STATUS_OK
#define DENIED WT_STATUS_ACCESS_DENIED
#define ALLOW WT_ACCESS_ALLOWED_ACE_TYPE
#define DENY WT_ACCESS_DENIED_ACE_TYPE
#define ALL_RIGHTS (WT_STANDARD_RIGHTS_ALL | WT_SPECIFIC_RIGHTS_ALL)

/* The token and result every access test fills; one of each per file. */
static struct tok_fixture t;
static struct wt_access_result res;

/* DACL-only SD owned by OTHER unless told. */
static inline void dacl_sd(struct sd_fixture *f, const char *owner,
			   struct wt_ace_spec *aces, int n)
{
	mk_sd(f, owner ? owner : OTHER, ADMINS, 0, aces, n, NULL, -1);
}

/* SACL audit and privilege use: test_access_audit.c. */
void test_access_audit(void);

#endif /* WT_ACCESS_FIX_H */
