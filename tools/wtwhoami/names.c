// SPDX-License-Identifier: GPL-2.0
/*
 * wtwhoami - names: SIDs, group attributes, token types and levels as text.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "whoami.h"

void sid_text(const struct wt_sid_and_attributes *sa, char *sid,
	      size_t sid_size, char *name, size_t name_size)
{
	if (wt_sid_string(sa->sid, sa->sid_size, sid, sid_size) < 0)
		snprintf(sid, sid_size, "(invalid)");
	if (wt_sid_name(sa->sid, sa->sid_size, name, name_size) < 0 &&
	    errno != ENOENT)
		snprintf(name, name_size, "%s", sid);
}

const struct group_flag group_flags[] = {
	{ WT_SE_GROUP_MANDATORY, "Mandatory group", "mandatory" },
	{ WT_SE_GROUP_ENABLED_BY_DEFAULT, "Enabled by default", "enabled_by_default" },
	{ WT_SE_GROUP_ENABLED, "Enabled group", "enabled" },
	{ WT_SE_GROUP_OWNER, "Group owner", "owner" },
	{ WT_SE_GROUP_USE_FOR_DENY_ONLY, "Group used for deny only", "deny_only" },
	{ WT_SE_GROUP_INTEGRITY, "Integrity", "integrity" },
	{ WT_SE_GROUP_INTEGRITY_ENABLED, "Integrity enabled", "integrity_enabled" },
	{ WT_SE_GROUP_RESOURCE, "Resource", "resource" },
	{ WT_SE_GROUP_LOGON_ID, "Logon id", "logon_id" },
};

const unsigned int n_group_flags = WT_ARRAY_SIZE(group_flags);

void attr_text(uint32_t attrs, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < n_group_flags; i++) {
		if ((attrs & group_flags[i].bit) != group_flags[i].bit)
			continue;
		len += snprintf(buf + len, size > len ? size - len : 0, "%s%s",
				len ? ", " : "", group_flags[i].text);
	}
}

const char *type_name(uint32_t type)
{
	return type == WT_TOKEN_PRIMARY ? "Primary" :
	       type == WT_TOKEN_IMPERSONATION ? "Impersonation" : "Unknown";
}

const char *level_name(uint32_t level)
{
	return wt_impersonation_level_name(level) ?: "Unknown";
}

const char *sid_type(const char *sid)
{
	if (!strncmp(sid, "S-1-16-", 7))
		return "Label";
	if (!strncmp(sid, "S-1-5-32-", 9))
		return "Alias";
	if (!strncmp(sid, "S-1-22-1-", 9))
		return "User";
	if (!strncmp(sid, "S-1-22-2-", 9) || !strncmp(sid, "S-1-5-21-", 9))
		return "Group";
	return "Well-known group";
}

void luid_text(uint64_t luid, char *buf, size_t size)
{
	snprintf(buf, size, "0x%x:0x%x", (unsigned int)(luid >> 32),
		 (unsigned int)luid);
}

/* The logon SID is the group the module marks SE_GROUP_LOGON_ID. */
const struct wt_sid_and_attributes *logon_sid(const struct token_info *ti)
{
	uint32_t i;

	for (i = 0; i < ti->groups->count; i++)
		if (ti->groups->groups[i].attributes & WT_SE_GROUP_LOGON_ID)
			return &ti->groups->groups[i];
	return NULL;
}
