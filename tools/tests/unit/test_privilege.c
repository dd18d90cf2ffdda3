// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: privilege names and LUIDs.
 */
#include <ctype.h>

#include "unit.h"
#include "wt_privilege.h"

void test_privilege(void)
{
	char upper[64];
	unsigned int luid, known = 0, round_trips = 0;
	const char *name;
	size_t i;

	for (luid = 0; luid <= WT_SE_MAX_PRIVILEGE + 2; luid++) {
		name = wt_privilege_name(luid);
		if (!name)
			continue;
		known++;
		if (wt_privilege_lookup(name, strlen(name)) == (int)luid)
			round_trips++;
	}
	ok(known == WT_SE_MAX_PRIVILEGE - WT_SE_MIN_PRIVILEGE + 1,
	   "every LUID from %d to %d has a name (%u)", WT_SE_MIN_PRIVILEGE,
	   WT_SE_MAX_PRIVILEGE, known);
	ok(round_trips == known, "every name looks up to its own LUID");
	ok(!wt_privilege_name(0) && !wt_privilege_name(1) &&
	   !wt_privilege_name(WT_SE_MAX_PRIVILEGE + 1) &&
	   !wt_privilege_name(1ULL << 40), "LUIDs outside the table have no name");
	ok(!strcmp(wt_privilege_name(WT_SE_IMPERSONATE_PRIVILEGE),
		   "SeImpersonatePrivilege") &&
	   wt_privilege_lookup("SeBackupPrivilege", 17) == WT_SE_BACKUP_PRIVILEGE,
	   "SeImpersonatePrivilege is 29, SeBackupPrivilege 17");

	name = wt_privilege_name(WT_SE_TCB_PRIVILEGE);
	for (i = 0; name[i] && i < sizeof(upper) - 1; i++)
		upper[i] = (char)toupper((unsigned char)name[i]);
	upper[i] = 0;
	ok(wt_privilege_lookup(upper, strlen(upper)) == WT_SE_TCB_PRIVILEGE,
	   "lookup ignores case (%s)", upper);
	ok(wt_privilege_lookup("SeTcbPrivilegeX", 14) == WT_SE_TCB_PRIVILEGE,
	   "lookup reads only the given length");
	ok(wt_privilege_lookup("SeTcbPrivilege", 13) == -EINVAL &&
	   wt_privilege_lookup("", 0) == -EINVAL &&
	   wt_privilege_lookup("SeNoSuchPrivilege", 17) == -EINVAL,
	   "a prefix, an empty or an unknown name is -EINVAL");
}
