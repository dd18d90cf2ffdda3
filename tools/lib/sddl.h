/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SDDL (Security Descriptor Definition Language, [MS-DTYP] 2.5.1) for user
 * space: parse a string into a struct wt_sd_spec and canonical self-relative
 * bytes (through the security core's wt_sd_build()), and format validated
 * bytes back into Windows' canonical SDDL text.
 *
 * Accepted syntax and the canonical form are described in
 * Documentation/sddl.rst.
 */
#ifndef WT_TOOLS_SDDL_H
#define WT_TOOLS_SDDL_H

#include "wt_compat.h"
#include "wt_sid.h"
#include "wt_sd.h"

/**
 * struct sddl_domain - what domain-relative SID aliases refer to
 * @domain: the domain SID (S-1-5-21-a-b-c) for DA, DU, LA, ...; NULL when
 *	there is none: those aliases are then rejected when parsing and
 *	never produced when formatting
 * @root_domain: the forest root domain for EA, SA, EK, RO; NULL means the
 *	same as @domain
 */
struct sddl_domain {
	const struct wt_sid *domain;
	const struct wt_sid *root_domain;
};

/**
 * struct sddl_error - where and why parsing failed
 * @offset: byte offset in the input of the offending character
 * @message: static English text
 */
struct sddl_error {
	size_t offset;
	const char *message;
};

/**
 * struct sddl_sd - a parsed SDDL string
 * @spec: the descriptor, ready for wt_sd_build()
 * @aces: storage of the ACEs both ACLs of @spec point into
 * @blobs: compiled conditional expressions the ACEs point into
 * @blob_count: entries in @blobs
 */
struct sddl_sd {
	struct wt_sd_spec spec;
	struct wt_ace_spec *aces;
	u8 **blobs;
	u32 blob_count;
};

/*
 * Parse @str (NUL-terminated) into @out. @dom may be NULL (no domain).
 * Returns 0, -EINVAL (syntax; @err says where and why, if not NULL) or
 * -ENOMEM. Free @out with sddl_sd_free().
 */
int sddl_parse(const char *str, const struct sddl_domain *dom,
	       struct sddl_sd *out, struct sddl_error *err);
void sddl_sd_free(struct sddl_sd *sd);

/*
 * Parse @str and encode it with wt_sd_build(). On success *@buf is a
 * malloc()ed buffer of *@len bytes. Same errors as sddl_parse().
 */
int sddl_to_sd(const char *str, const struct sddl_domain *dom,
	       u8 **buf, size_t *len, struct sddl_error *err);

/*
 * Format a validated SD as canonical SDDL. On success *@out is a malloc()ed
 * NUL-terminated string. Returns 0, -EOPNOTSUPP when the SD holds something
 * SDDL cannot express here (application data that is not a conditional
 * expression this parser could produce or a valid resource attribute,
 * unknown ACE types or flags), -ENOMEM.
 */
int sddl_format(const struct wt_sd_view *sd, const struct sddl_domain *dom,
		char **out);

/* wt_sd_parse() then sddl_format(); -EINVAL when the bytes are invalid. */
int sddl_from_sd(const void *buf, size_t len, const struct sddl_domain *dom,
		 char **out);

/*
 * A SID as SDDL writes it: a two-letter alias or S-1-.... Returns the
 * number of bytes consumed (> 0), or -EINVAL. Trailing text is left to the
 * caller. An alias that needs a domain fails with -EINVAL when @dom has
 * none; @err (may be NULL) says so.
 */
int sddl_parse_sid(const char *str, const struct sddl_domain *dom,
		   struct wt_sid *sid, struct sddl_error *err);

/*
 * Format @sid: its alias when it has one (domain aliases only when @dom
 * matches), else S-1-.... @buf needs WT_SID_STRING_MAX bytes.
 */
void sddl_format_sid(const struct wt_sid *sid, const struct sddl_domain *dom,
		     char *buf);

/* The canonical SID string S-1-..., never an alias. */
void sddl_sid_string(const struct wt_sid *sid, char *buf);

#endif /* WT_TOOLS_SDDL_H */
