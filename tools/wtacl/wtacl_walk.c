// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl -R: after the top of a tree changed, every governed file below
 * gets its inherited ACEs recomputed from its parent, as Windows'
 * auto-inheritance does; failures are named and counted, progress shows
 * on a terminal.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <stdio.h>
#include <ctype.h>
#include <fcntl.h>
#include <dirent.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libwintok.h"
#include "sddl.h"
#include "wt_access.h"
#include "wt_inherit.h"
#include "wt_json.h"
#include "wt_privilege.h"
#include "wt_sd_emit.h"
#include "wtacl.h"

/**
 * struct walk - a recursive change under way
 * @prog: files changed and failed, shown on a terminal
 * @edit: for remove: the explicit ACEs to drop from each file below too,
 *	as icacls /remove /T does; NULL for the other commands
 */
struct walk {
	struct progress prog;
	struct acl_edit *edit;
};

/*
 * remove -R: @child's DACL without the explicit ACEs @w->edit drops, in
 * *@buf (which @child then points into). 0, or -1 when reported.
 */
static int acl_drop(struct walk *w, const char *path, struct wt_sd_view *child,
		    u8 **buf)
{
	struct wt_sd_view v;
	long n;

	if (!child->dacl.acl)
		return 0;	/* a NULL DACL names nobody: keep it NULL */
	n = acl_build(&child->dacl, 0, w->edit, NULL, 0);
	*buf = n > 0 ? malloc(n) : NULL;
	if (!*buf || acl_build(&child->dacl, 0, w->edit, *buf, n) != n ||
	    wt_sd_parse(*buf, n, &v)) {
		progress_fail(&w->prog, path, "cannot compute the SD");
		free(*buf);
		*buf = NULL;
		return -1;
	}
	child->dacl = v.dacl;
	return 0;
}

/*
 * Recompute the inherited ACEs of everything under the directory @dir,
 * whose SD is @parent: each child keeps its explicit ACEs and gets what
 * @parent passes on (a protected DACL keeps only its own), as Windows'
 * auto-inheritance does. A file that fails is reported and skipped (with
 * what lies below it, which inherits from it); the walk goes on.
 */
static void acl_propagate(struct walk *w, const char *dir,
			  const struct wt_sd_view *parent)
{
	const u32 sel = WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION;
	struct wt_token_view tok;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		progress_fail(&w->prog, dir, strerror(errno));
		return;
	}
	/* Owner and group come from each child; no label is added. */
	memset(&tok, 0, sizeof(tok));
	tok.integrity_level = WT_INTEGRITY_MEDIUM;
	while ((de = readdir(d))) {
		const struct wt_generic_mapping *map;
		struct wt_sd_view child, next;
		char path[4096];
		struct stat st;
		u8 *cbuf, *nbuf, *ebuf = NULL;
		u32 flags;
		long n;
		int err;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path)) {
			progress_fail(&w->prog, dir, "a name below is too long, skipped");
			continue;
		}
		if (lstat(path, &st) || S_ISLNK(st.st_mode))
			continue;
		err = grant_get(path, sel, &cbuf, &child);
		if (err == ENODATA)
			continue;	/* not governed: nothing to inherit into */
		if (err) {
			progress_fail(&w->prog, path, strerror(err));
			continue;
		}
		if (w->edit && acl_drop(w, path, &child, &ebuf)) {
			free(cbuf);
			continue;
		}
		child.control |= WT_SE_DACL_AUTO_INHERIT_REQ;
		map = S_ISDIR(st.st_mode) ? &wt_directory_mapping : &wt_file_mapping;
		flags = S_ISDIR(st.st_mode) ? WT_INHERIT_IS_CONTAINER : 0;
		n = wt_sd_inherit(parent, &child, &tok, map, flags, NULL, 0);
		nbuf = n > 0 ? malloc(n) : NULL;
		if (!nbuf ||
		    wt_sd_inherit(parent, &child, &tok, map, flags, nbuf, n) != n ||
		    wt_sd_parse(nbuf, n, &next)) {
			progress_fail(&w->prog, path, "cannot compute the SD");
			goto next;
		}
		err = grant_set_dacl(path, nbuf, n);
		if (err) {
			progress_fail(&w->prog, path, strerror(err));
		} else {
			progress_step(&w->prog);
			if (S_ISDIR(st.st_mode))
				acl_propagate(w, path, &next);
		}
next:
		free(nbuf);
		free(cbuf);
		free(ebuf);
	}
	closedir(d);
}

/*
 * After the top of a recursive change: push the new DACL down, then say
 * what was done when something failed, or on a terminal.
 */
int acl_recurse(const char *cmd, const char *top_dir, struct acl_edit *e)
{
	struct walk w = { .edit = e->op == ACL_REMOVE ? e : NULL };
	struct wt_sd_view top;
	u8 *buf = NULL;
	int err;

	/* The whole SD: the children need the parent's owner too. */
	err = grant_get(top_dir, WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION, &buf, &top);
	if (err) {
		fprintf(stderr, "wtacl %s: %s: %s; its DACL was changed, nothing below it\n",
			cmd, top_dir, strerror(err));
		return EXIT_SYSTEM;
	}
	progress_start(&w.prog, "wtacl", cmd, "changed");
	acl_propagate(&w, top_dir, &top);
	free(buf);
	if (!progress_end(&w.prog, NULL))
		return EXIT_GRANTED;
	fprintf(stderr, "wtacl %s: %s changed and %lu below it; %lu failed %s\n",
		cmd, top_dir, w.prog.done, w.prog.failed,
		"(listed above) and keep their old DACL");
	return EXIT_SYSTEM;
}
