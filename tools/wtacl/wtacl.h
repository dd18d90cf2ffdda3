/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wtacl's parts: wtacl.c (command line, sddl, main), wtacl_eval.c (the
 * access check and inheritance on JSON tokens, without the module),
 * wtacl_file.c (the SDs of files, through the module: get, set, grant,
 * deny, remove), wtacl_owner.c (owner, integrity), wtacl_show.c (show,
 * find), wtacl_walk.c (-R, progress), wtacl_save.c (save, restore).
 */
#ifndef WTACL_H
#define WTACL_H

#include <stdbool.h>
#include <stddef.h>

#include "sddl.h"
#include "wt_access.h"
#include "wt_progress.h"

/* Exit codes */
#define EXIT_GRANTED	0	/* eval: access granted; others: success */
#define EXIT_DENIED	1	/* eval: access_denied or privilege_not_held */
#define EXIT_INPUT	2	/* bad usage or input */
#define EXIT_SYSTEM	3	/* get/set: the module refused or failed */

extern const char usage_text[];

/* What get and show print: all but the audit ACEs. */
#define SHOWN_SD_PARTS							\
	(WT_OWNER_SECURITY_INFORMATION | WT_GROUP_SECURITY_INFORMATION |	\
	 WT_DACL_SECURITY_INFORMATION | WT_LABEL_SECURITY_INFORMATION)

/**
 * struct request - everything one access check or inheritance needs
 * @error: static text explaining an invalid input
 * @bad_sd: the input error is in the SD itself
 * @dom: domain for SID aliases
 * @domain_sid: storage for @dom.domain
 * @sd, @sd_len: the object's SD bytes (malloc()ed)
 * @tok: the token; its arrays point into @groups and @restricted
 * @groups, @restricted: token SIDs (malloc()ed)
 * @owner, @primary_group: token defaults for inheritance
 * @default_dacl_sd: bytes of the SD holding the default DACL
 * @default_dacl: view of it
 * @req: the access request
 * @self: storage for the PRINCIPAL SELF substitute
 */
struct request {
	const char *error;
	bool bad_sd;
	struct sddl_domain dom;
	struct wt_sid domain_sid;
	u8 *sd;
	size_t sd_len;
	struct wt_token_view tok;
	struct wt_sid_attr *groups;
	struct wt_sid_attr *restricted;
	struct wt_sid owner;
	struct wt_sid primary_group;
	u8 *default_dacl_sd;
	struct wt_sd_view default_dacl_view;
	struct wt_access_request req;
	struct wt_sid self;
};

/**
 * struct cli - options of the eval and inherit commands
 */
struct cli {
	const char *sd, *sd_hex, *token, *desired, *object, *self, *domain;
	const char *parent, *creator, *only;
	bool backup, batch, container, help, recursive, json, numeric;
};

/* wtacl.c */
int parse_u32(const char *s, u32 *out);
int parse_hex(const char *s, u8 **buf, size_t *len);
void print_hex(const u8 *buf, size_t len, bool json);
void print_text(bool json, const char *key, const char *text);
int parse_sid_text(const char *s, const struct sddl_domain *dom,
		   struct wt_sid *out);
const struct wt_generic_mapping *object_mapping(const char *name);
int privilege_luid(const char *name);
int begin_command(int argc, char **argv, struct cli *c, int min, int max);
int cmd_sddl(int argc, char **argv);

/* wtacl_eval.c */
void request_free(struct request *r);
int fail(struct request *r, const char *msg);
int set_domain(struct request *r, const char *text);
int cli_common(struct request *r, const struct cli *c,
	       const char *default_object);
int cmd_eval(int argc, char **argv);
int cmd_inherit(int argc, char **argv);

/**
 * enum acl_op - what grant, deny and remove do to a DACL
 * @ACL_GRANT: add an allow ACE after the explicit ACEs, or merge its
 *	rights into an explicit allow ACE of the same SID and flags
 * @ACL_DENY: add a deny ACE before every other explicit ACE (a deny that
 *	follows an allow for the same rights would never be reached), or
 *	merge into an explicit deny ACE of the same SID and flags
 * @ACL_REMOVE: drop the explicit allow and deny ACEs of the SID (as
 *	icacls /remove); inherited ones stay, they come from the parent
 * @ACL_PROTECT_COPY: inherited ACEs become explicit (icacls
 *	/inheritance:d; the caller sets SE_DACL_PROTECTED)
 * @ACL_PROTECT_DROP: inherited ACEs are dropped (/inheritance:r)
 */
enum acl_op { ACL_GRANT, ACL_DENY, ACL_REMOVE, ACL_PROTECT_COPY,
	ACL_PROTECT_DROP };

/* What remove drops: allow ACEs, deny ACEs or both (--only). */
#define REMOVE_ALLOW	1
#define REMOVE_DENY	2

/**
 * struct acl_edit - one change to a DACL
 * @op: the operation
 * @sid: the trustee
 * @flags: inheritance flags of the new ACE (grant, deny)
 * @mask: its rights (grant, deny)
 * @remove: REMOVE_ALLOW | REMOVE_DENY (remove)
 * @removed: set by acl_build(): how many ACEs remove dropped
 */
struct acl_edit {
	enum acl_op op;
	struct wt_sid sid;
	u8 flags;
	u32 mask;
	unsigned int remove;
	unsigned int removed;
};

#define GRANT_DACL_CONTROL						\
	(WT_SE_DACL_AUTO_INHERIT_REQ | WT_SE_DACL_AUTO_INHERITED |	\
	 WT_SE_DACL_PROTECTED | WT_SE_DACL_DEFAULTED)

/* wtacl_file.c */
int file_error(const char *cmd, const char *file);
int file_begin(const char *cmd, int argc, char **argv, struct cli *c,
	       struct request *r, int min, int max);
u32 sd_parts(const struct wt_sd_view *view);
void *file_sd_alloc(const char *file, u32 sel, __u32 *len);
int grant_sid(const char *who, const struct sddl_domain *dom,
	      struct wt_sid *sid);
long acl_build(const struct wt_acl_view *dacl, u16 control,
	       struct acl_edit *e, u8 *out, size_t size);
int grant_get(const char *file, u32 sel, u8 **buf,
	      struct wt_sd_view *view);
int grant_set_dacl(const char *file, const u8 *sd, size_t len);

/* wtacl_walk.c */
int acl_recurse(const char *cmd, const char *top_dir, struct acl_edit *e);
int cmd_get(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_grant(int argc, char **argv);
int cmd_deny(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_inheritance(int argc, char **argv);

/* wtacl_owner.c */
int enable_restore(void);
int cmd_owner(int argc, char **argv);
int cmd_integrity(int argc, char **argv);

/* wtacl_show.c */
int cmd_show(int argc, char **argv);
int cmd_find(int argc, char **argv);

/* wtacl_save.c */
char *escape_path(const char *name, bool *utf8);
int json_path(const char *name);
int cmd_save(int argc, char **argv);
int cmd_restore(int argc, char **argv);

#endif /* WTACL_H */
