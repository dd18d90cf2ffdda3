/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the SDDL code share: sddl_sid.c (SIDs and their
 * aliases), sddl.c (the parser) and sddl_fmt.c (the formatter). Others
 * include sddl.h.
 */
#ifndef WT_TOOLS_SDDL_INT_H
#define WT_TOOLS_SDDL_INT_H

#include "sddl.h"

struct sddl_name {
	const char *name;
	u32 value;
};

/* ACE types; callback types need a conditional expression (unsupported) */
static const struct sddl_name sddl_ace_types[] = {
	{ "A",  WT_ACCESS_ALLOWED_ACE_TYPE },
	{ "D",  WT_ACCESS_DENIED_ACE_TYPE },
	{ "AU", WT_SYSTEM_AUDIT_ACE_TYPE },
	{ "AL", WT_SYSTEM_ALARM_ACE_TYPE },
	{ "OA", WT_ACCESS_ALLOWED_OBJECT_ACE_TYPE },
	{ "OD", WT_ACCESS_DENIED_OBJECT_ACE_TYPE },
	{ "OU", WT_SYSTEM_AUDIT_OBJECT_ACE_TYPE },
	{ "OL", WT_SYSTEM_ALARM_OBJECT_ACE_TYPE },
	{ "XA", WT_ACCESS_ALLOWED_CALLBACK_ACE_TYPE },
	{ "XD", WT_ACCESS_DENIED_CALLBACK_ACE_TYPE },
	{ "ZA", WT_ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE },
	{ "XU", WT_SYSTEM_AUDIT_CALLBACK_ACE_TYPE },
	{ "ML", WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE },
	{ "RA", WT_SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE },
	{ "SP", WT_SYSTEM_SCOPED_POLICY_ID_ACE_TYPE },
};

/* ACE flags, in canonical (bit) order */
static const struct sddl_name sddl_ace_flags[] = {
	{ "OI", WT_OBJECT_INHERIT_ACE },
	{ "CI", WT_CONTAINER_INHERIT_ACE },
	{ "NP", WT_NO_PROPAGATE_INHERIT_ACE },
	{ "IO", WT_INHERIT_ONLY_ACE },
	{ "ID", WT_INHERITED_ACE },
	{ "SA", WT_SUCCESSFUL_ACCESS_ACE_FLAG },
	{ "FA", WT_FAILED_ACCESS_ACE_FLAG },
};

/* One-bit rights, in canonical (bit) order */
static const struct sddl_name sddl_rights_bits[] = {
	{ "CC", 0x00000001 },	/* ADS create child */
	{ "DC", 0x00000002 },	/* ADS delete child */
	{ "LC", 0x00000004 },	/* ADS list children */
	{ "SW", 0x00000008 },	/* ADS self write */
	{ "RP", 0x00000010 },	/* ADS read property */
	{ "WP", 0x00000020 },	/* ADS write property */
	{ "DT", 0x00000040 },	/* ADS delete tree */
	{ "LO", 0x00000080 },	/* ADS list object */
	{ "CR", 0x00000100 },	/* ADS control access */
	{ "SD", WT_DELETE },
	{ "RC", WT_READ_CONTROL },
	{ "WD", WT_WRITE_DAC },
	{ "WO", WT_WRITE_OWNER },
	{ "GA", WT_GENERIC_ALL },
	{ "GX", WT_GENERIC_EXECUTE },
	{ "GW", WT_GENERIC_WRITE },
	{ "GR", WT_GENERIC_READ },
};

/* Composite rights; written when the mask equals one exactly */
static const struct sddl_name sddl_rights_sets[] = {
	{ "FA", WT_FILE_ALL_ACCESS },
	{ "FR", WT_FILE_GENERIC_READ },
	{ "FW", WT_FILE_GENERIC_WRITE },
	{ "FX", WT_FILE_GENERIC_EXECUTE },
	{ "KA", 0x000F003F },	/* KEY_ALL_ACCESS */
	{ "KR", 0x00020019 },	/* KEY_READ */
	{ "KW", 0x00020006 },	/* KEY_WRITE */
	{ "KX", 0x00020019 },	/* KEY_EXECUTE, same bits as KEY_READ */
};

/* Mandatory label policy bits, in canonical (bit) order */
static const struct sddl_name sddl_label_bits[] = {
	{ "NW", WT_SYSTEM_MANDATORY_LABEL_NO_WRITE_UP },
	{ "NR", WT_SYSTEM_MANDATORY_LABEL_NO_READ_UP },
	{ "NX", WT_SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP },
};

/* ACL flags, in canonical order (P, AR, AI) */
struct sddl_acl_flag {
	const char *name;
	u16 dacl;
	u16 sacl;
};

static const struct sddl_acl_flag sddl_acl_flags[] = {
	{ "P",  WT_SE_DACL_PROTECTED, WT_SE_SACL_PROTECTED },
	{ "AR", WT_SE_DACL_AUTO_INHERIT_REQ, WT_SE_SACL_AUTO_INHERIT_REQ },
	{ "AI", WT_SE_DACL_AUTO_INHERITED, WT_SE_SACL_AUTO_INHERITED },
};

#define SDDL_NO_ACCESS_CONTROL "NO_ACCESS_CONTROL"

/* sddl_sid.c */
void sddl_set_error(struct sddl_error *err, size_t offset,
		    const char *message);

/* sddl.c */
bool sddl_type_has_application_data(u8 type);

#endif /* WT_TOOLS_SDDL_INT_H */
