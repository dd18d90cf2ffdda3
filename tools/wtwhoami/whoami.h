/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wtwhoami's parts: the token it reads (wtwhoami.c), names of its parts
 * (names.c), claims (claims.c), the sections as tables (sections.c) and
 * as JSON (json_out.c).
 */
#ifndef WT_WHOAMI_H
#define WT_WHOAMI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libwintok.h"
#include "table.h"

#define WT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct token_info {
	struct wt_sid_and_attributes user;
	struct wt_token_groups *groups;
	struct wt_token_groups *restricted;
	struct wt_token_privileges *privs;
	struct wt_sid_and_attributes integrity;
	struct wt_token_statistics stats;
	struct wt_token_source source;
	uint32_t elevated;
	uint32_t session_id;
	uint64_t origin;
	void *claims[2];	/* user, device: claims buffers (may be empty) */
	uint32_t claims_len[2];
};

/* Which sections to print: the selectors. */
enum {
	SEL_USER = 1 << 0,
	SEL_GROUPS = 1 << 1,
	SEL_PRIV = 1 << 2,
	SEL_LOGONID = 1 << 3,
	SEL_TOKEN = 1 << 4,
	SEL_CLAIMS = 1 << 5,
	SEL_ALL = (1 << 6) - 1,
};

/* A group attribute bit, as "whoami /groups" names it and as JSON does. */
struct group_flag {
	uint32_t bit;
	const char *text;
	const char *json;
};

extern const struct group_flag group_flags[];
extern const unsigned int n_group_flags;

void sid_text(const struct wt_sid_and_attributes *sa, char *sid,
	      size_t sid_size, char *name, size_t name_size);
void attr_text(uint32_t attrs, char *buf, size_t size);
const char *type_name(uint32_t type);
const char *level_name(uint32_t level);
const char *sid_type(const char *sid);
void luid_text(uint64_t luid, char *buf, size_t size);
const struct wt_sid_and_attributes *logon_sid(const struct token_info *ti);

const char *claim_type_name(unsigned int type);
bool claim_fields(const unsigned char *c, uint32_t len, char *name,
		  size_t name_size, unsigned int *type, char *values,
		  size_t size);

int print_sections(const struct token_info *ti, unsigned int sel,
		   enum wt_format fmt, bool header);
void print_json(const struct token_info *ti, unsigned int sel);

#endif /* WT_WHOAMI_H */
