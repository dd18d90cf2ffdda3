/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pam_wintok - where a user's SIDs come from: one small interface, one
 * file per source (the id map file, winbind, SSSD).
 */
#ifndef PW_SOURCE_H
#define PW_SOURCE_H

#include <pwd.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/wintok.h>

/*
 * Most group SIDs a source may give (the token holds 1024 with the
 * well-known groups; a derived token 1000 supplementary gids).
 */
#define PW_MAX_GROUPS 1000

/**
 * struct pw_sid - a binary SID and, when it names a Linux id, that id
 * @len: bytes at @sid
 * @sid: the SID
 * @has_id: the SID stands for @id (a uid for the user, a gid for a group)
 * @id: the uid or gid
 */
struct pw_sid {
	uint32_t len;
	uint8_t sid[WT_SID_MAX_BYTES];
	int has_id;
	uint32_t id;
};

/**
 * struct pw_ident - what a source says of a user
 * @user: the user SID (@user.id: the uid)
 * @primary: the primary group's SID (@primary.id: the gid)
 * @groups: every group SID, @primary among them
 * @ngroups: entries in @groups
 */
struct pw_ident {
	struct pw_sid user;
	struct pw_sid primary;
	struct pw_sid groups[PW_MAX_GROUPS];
	unsigned int ngroups;
};

/**
 * struct pw_ctx - what a source is asked with
 * @pamh: the PAM handle (for messages)
 * @pw: the user's passwd entry
 * @map: the map file (file source)
 */
struct pw_ctx {
	void *pamh;
	const struct passwd *pw;
	const char *map;
};

/*
 * A source returns PAM_SUCCESS with @id filled, or: PAM_USER_UNKNOWN (the
 * source does not know the user), PAM_AUTHINFO_UNAVAIL (the source cannot
 * be reached or read: on_error=derive may fall back), PAM_PERM_DENIED
 * (the map file could be changed by someone other than root),
 * PAM_SERVICE_ERR (the map file is malformed), PAM_SESSION_ERR (a limit),
 * PAM_BUF_ERR. It logs why.
 */
int pw_source_file(const struct pw_ctx *c, struct pw_ident *id);
int pw_source_winbind(const struct pw_ctx *c, struct pw_ident *id);
int pw_source_sss(const struct pw_ctx *c, struct pw_ident *id);

/* Shared by the sources (source_common.c; pw_sid_parse(): dir_sid.c). */
int pw_sid_parse(const char *text, struct pw_sid *s);
void pw_sid_linux(struct pw_sid *s, int group, uint32_t id);
int pw_add_group(struct pw_ident *id, const struct pw_sid *s);
int pw_user_groups(const struct pw_ctx *c, gid_t **gids, int *ngids);

#endif /* PW_SOURCE_H */
