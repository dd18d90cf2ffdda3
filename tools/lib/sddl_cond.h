/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conditional expressions of callback ACEs ([MS-DTYP] 2.4.4.17): SDDL text
 * to the "artx" postfix bytes and back. Used by sddl.c only.
 */
#ifndef WT_TOOLS_SDDL_COND_H
#define WT_TOOLS_SDDL_COND_H

#include "sddl.h"

#define SDDL_COND_MAX 0xff00	/* room left in an ACE for the expression */

/*
 * Compile the parenthesised expression at @str ("(...)"). On success
 * *@out is a malloc()ed buffer of *@len bytes starting with "artx", and
 * *@used the number of characters consumed. On failure returns -EINVAL
 * (or -ENOMEM) and sets *@offset and *@msg.
 */
int sddl_cond_parse(const char *str, const struct sddl_domain *dom,
		    u8 **out, u16 *len, size_t *used, size_t *offset,
		    const char **msg);

/*
 * Write the expression in @data (application data of a callback ACE,
 * padding included) as canonical SDDL, parenthesised. Returns 0 and a
 * malloc()ed string, -EOPNOTSUPP when the bytes are not an expression this
 * parser could have produced, or -ENOMEM.
 */
int sddl_cond_format(const u8 *data, size_t len,
		     const struct sddl_domain *dom, char **out);

/*
 * Compile the attribute of a resource attribute ACE at @str
 * ("(\"name\",TI,flags,value,...)") into a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1
 * blob laid out as Windows lays it out (header, value offsets, name,
 * values). Same conventions as sddl_cond_parse().
 */
int sddl_ra_parse(const char *str, const struct sddl_domain *dom,
		  u8 **out, u16 *len, size_t *used, size_t *offset,
		  const char **msg);

/*
 * Write a resource attribute blob (padding included) as Windows does;
 * -EOPNOTSUPP when it is not a valid claim of a known type.
 */
int sddl_ra_format(const u8 *data, size_t len, const struct sddl_domain *dom,
		   char **out);

#endif /* WT_TOOLS_SDDL_COND_H */
