/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wintok - the credential map's operations for its hooks: token_cred.c
 * holds the map, cred_hooks.c the hooks that make and drop its entries.
 * Nothing outside module/token/ includes this.
 */
#ifndef WT_CRED_MAP_H
#define WT_CRED_MAP_H

#include <linux/cred.h>
#include <linux/gfp.h>
#include <linux/types.h>

struct wt_token;

struct wt_token *wt_cred_attach_imp(const struct cred *cred,
				    struct wt_token *tok, bool checked,
				    bool replace, struct wt_token *imp,
				    const struct cred *saved, gfp_t gfp);
int wt_cred_own_copy(const struct cred *cred);
int wt_hook_prepare_creds(struct cred *new, const struct cred *old,
			  gfp_t gfp);
int wt_hook_cred_free(struct cred *cred);
int wt_cred_map_setup(void);
void wt_cred_map_free(void);

/* Attach @tok to @cred without an impersonation: see wt_cred_attach_imp(). */
static inline struct wt_token *wt_cred_attach(const struct cred *cred,
					      struct wt_token *tok,
					      bool checked, bool replace,
					      gfp_t gfp)
{
	return wt_cred_attach_imp(cred, tok, checked, replace, NULL, NULL, gfp);
}

#endif /* WT_CRED_MAP_H */
