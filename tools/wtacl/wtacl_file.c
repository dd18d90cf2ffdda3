// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl get, set and grant: the SDs wintok keeps for files, read and
 * changed through the module.
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

/* ---- files, through the module ---- */

int file_error(const char *cmd, const char *file)
{
	if (errno == ENODATA)
		fprintf(stderr, "wtacl %s: %s: not governed by wintok (no SD)\n",
			cmd, file);
	else if (errno == ENOENT && access("/dev/" WT_DEVICE_NAME, F_OK))
		fprintf(stderr, "wtacl %s: /dev/%s: the module is not loaded\n",
			cmd, WT_DEVICE_NAME);
	else
		fprintf(stderr, "wtacl %s: %s: %s\n", cmd, file, strerror(errno));
	return EXIT_SYSTEM;
}

/*
 * The start of every file command: its options and @operands operands,
 * --help, --domain into @r. Returns -1 to go on, else the exit status.
 */
int file_begin(const char *cmd, int argc, char **argv, struct cli *c,
	       struct request *r, int operands)
{
	int started = begin_command(argc, argv, c, operands);

	if (started >= 0)
		return started;
	memset(r, 0, sizeof(*r));
	if (c->domain && set_domain(r, c->domain)) {
		fprintf(stderr, "wtacl %s: %s\n", cmd, r->error);
		return EXIT_INPUT;
	}
	return -1;
}

/* @file's SD (the @sel parts), malloc()ed; NULL with errno set. */
void *file_sd_alloc(const char *file, u32 sel, __u32 *len)
{
	int fd = open(file, O_PATH | O_CLOEXEC), err;
	void *sd;

	if (fd < 0)
		return NULL;
	sd = wt_get_file_security_alloc(-1, fd, sel, len);
	err = errno;
	close(fd);
	errno = err;
	return sd;
}

int cmd_get(int argc, char **argv)
{
	const u32 sel = WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION |
			WT_LABEL_SECURITY_INFORMATION;
	struct request r;
	struct cli c;
	int started;
	const char *file;
	char *text = NULL;
	void *sd;
	__u32 len;
	int rc;

	started = file_begin("get", argc, argv, &c, &r, 1);
	if (started >= 0)
		return started;
	file = argv[optind];
	sd = file_sd_alloc(file, sel, &len);
	if (!sd)
		return file_error("get", file);
	rc = sddl_from_sd(sd, len, &r.dom, &text);
	free(sd);
	if (rc) {
		fprintf(stderr, "wtacl get: %s: the SD cannot be shown as SDDL\n",
			file);
		return EXIT_SYSTEM;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_GRANTED;
}

int cmd_set(int argc, char **argv)
{
	struct sddl_error err = { 0, NULL };
	struct wt_sd_view view;
	struct request r;
	struct cli c;
	int started;
	const char *file;
	u8 *buf = NULL;
	size_t len;
	u32 sel = 0;
	int fd, rc;

	started = file_begin("set", argc, argv, &c, &r, 2);
	if (started >= 0)
		return started;
	file = argv[optind];
	if (sddl_to_sd(argv[optind + 1], &r.dom, &buf, &len, &err) ||
	    wt_sd_parse(buf, len, &view)) {
		fprintf(stderr, "wtacl set: at offset %zu: %s\n", err.offset,
			err.message ? err.message : "not a valid SD");
		free(buf);
		return EXIT_INPUT;
	}
	if (view.owner)
		sel |= WT_OWNER_SECURITY_INFORMATION;
	if (view.group)
		sel |= WT_GROUP_SECURITY_INFORMATION;
	if (view.control & WT_SE_DACL_PRESENT)
		sel |= WT_DACL_SECURITY_INFORMATION;
	if (view.control & WT_SE_SACL_PRESENT)
		sel |= WT_SACL_SECURITY_INFORMATION |
		       WT_LABEL_SECURITY_INFORMATION;
	if (!sel) {
		fprintf(stderr, "wtacl set: the SDDL names no part to set\n");
		free(buf);
		return EXIT_INPUT;
	}
	rc = EXIT_GRANTED;
	fd = open(file, O_PATH | O_CLOEXEC);
	if (fd < 0 || wt_set_file_security(-1, fd, sel, buf, len))
		rc = file_error("set", file);
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

/* ---- grant ---- */

/*
 * Look @who up in /etc/passwd (@group false) or /etc/group directly, for
 * systems without NSS modules (the test VM's initramfs).
 */
static bool grant_lookup_file(const char *who, bool group, unsigned int *id)
{
	FILE *f = fopen(group ? "/etc/group" : "/etc/passwd", "re");
	struct passwd *pw;
	struct group *gr;
	bool found = false;

	if (!f)
		return false;
	while (!found) {
		if (group) {
			gr = fgetgrent(f);
			if (!gr)
				break;
			found = !strcmp(gr->gr_name, who);
			*id = gr->gr_gid;
		} else {
			pw = fgetpwent(f);
			if (!pw)
				break;
			found = !strcmp(pw->pw_name, who);
			*id = pw->pw_uid;
		}
	}
	fclose(f);
	return found;
}

/*
 * The SID WHO names: a user name (S-1-22-1-uid), a group name
 * (S-1-22-2-gid), else a SID or alias in SDDL.
 */
int grant_sid(const char *who, const struct sddl_domain *dom,
	      struct wt_sid *sid)
{
	struct sddl_error err = { 0, NULL };
	struct passwd *pw = getpwnam(who);
	struct group *gr = pw ? NULL : getgrnam(who);
	unsigned int id;
	char text[40];
	int n;

	if (pw) {
		snprintf(text, sizeof(text), "S-1-22-1-%u", (unsigned int)pw->pw_uid);
		who = text;
	} else if (gr) {
		snprintf(text, sizeof(text), "S-1-22-2-%u", (unsigned int)gr->gr_gid);
		who = text;
	} else if (grant_lookup_file(who, false, &id)) {
		snprintf(text, sizeof(text), "S-1-22-1-%u", id);
		who = text;
	} else if (grant_lookup_file(who, true, &id)) {
		snprintf(text, sizeof(text), "S-1-22-2-%u", id);
		who = text;
	}
	n = sddl_parse_sid(who, dom, sid, &err);
	/* The whole name, nothing after the SID. */
	return n > 0 && !who[n] ? 0 : -EINVAL;
}

/* icacls' simple rights, as SDDL right strings. */
static const struct {
	const char *name;
	const char *sddl;
} grant_rights[] = {
	{ "F", "FA" }, { "M", "0x1301bf" }, { "RX", "0x1200a9" },
	{ "R", "FR" }, { "W", "FW" }, { "D", "SD" },
};

/*
 * Parse RIGHTS ("(OI)(CI)RX" or "FR,WD" ...) into ACE flags and a mask,
 * through the SDDL parser (one ACE, any trustee).
 */
static int grant_rights_parse(const char *text, const struct sddl_domain *dom,
			      u8 *flags, u32 *mask)
{
	static const char *const flag_names[][2] = {
		{ "(OI)", "OI" }, { "(CI)", "CI" }, { "(IO)", "IO" },
		{ "(NP)", "NP" },
	};
	struct sddl_error err = { 0, NULL };
	char sddl[512], fl[16] = "", rights[256] = "";
	struct wt_sd_view view;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	const char *p = text, *tok;
	size_t len, i, n;
	u8 *buf = NULL;
	int rc = -EINVAL;

	for (;;) {
		for (i = 0; i < 4; i++)
			if (!strncmp(p, flag_names[i][0], 4))
				break;
		if (i == 4)
			break;
		strcat(fl, flag_names[i][1]);
		p += 4;
	}
	/* The rights: comma-separated names, SDDL strings or masks. */
	while (*p) {
		tok = p;
		n = strcspn(p, ",");
		p += n + (p[n] == ',');
		for (i = 0; i < ARRAY_SIZE(grant_rights); i++)
			if (strlen(grant_rights[i].name) == n &&
			    !strncmp(tok, grant_rights[i].name, n))
				break;
		if (i < ARRAY_SIZE(grant_rights)) {
			tok = grant_rights[i].sddl;
			n = strlen(tok);
		}
		/* SDDL allows one mask or a run of two-letter rights. */
		if (rights[0] && (!strncmp(tok, "0x", 2) || !strncmp(rights, "0x", 2)))
			return -EINVAL;
		if (strlen(rights) + n + 1 > sizeof(rights))
			return -EINVAL;
		strncat(rights, tok, n);
	}
	if (!rights[0])
		return -EINVAL;
	snprintf(sddl, sizeof(sddl), "D:(A;%s;%s;;;WD)", fl, rights);
	if (sddl_to_sd(sddl, dom, &buf, &len, &err) || wt_sd_parse(buf, len, &view))
		goto out;
	if (wt_acl_first(&view.dacl, &it, &ace)) {
		*flags = ace.flags;
		*mask = ace.mask;
		rc = 0;
	}
out:
	free(buf);
	return rc;
}

/**
 * enum acl_op - what grant, deny and remove do to a DACL
 * @ACL_GRANT: add an allow ACE after the explicit ACEs, or merge its
 *	rights into an explicit allow ACE of the same SID and flags
 * @ACL_DENY: add a deny ACE before every other explicit ACE (a deny that
 *	follows an allow for the same rights would never be reached), or
 *	merge into an explicit deny ACE of the same SID and flags
 * @ACL_REMOVE: drop the explicit allow and deny ACEs of the SID (as
 *	icacls /remove); inherited ones stay, they come from the parent
 */
enum acl_op { ACL_GRANT, ACL_DENY, ACL_REMOVE };

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

static bool acl_explicit(const struct wt_ace_view *ace, u8 type,
			 const struct acl_edit *e)
{
	return ace->type == type && !(ace->flags & WT_INHERITED_ACE) &&
	       wt_sid_equal(ace->sid, &e->sid);
}

/*
 * A DACL-only SD: @dacl's ACEs changed as @e says. @control: the DACL's
 * control bits to keep. Returns the SD's size (with @out NULL: the size
 * it needs), or a negative errno.
 */
static long acl_build(const struct wt_acl_view *dacl, u16 control,
		      struct acl_edit *e, u8 *out, size_t size)
{
	u8 type = e->op == ACL_DENY ? WT_ACCESS_DENIED_ACE_TYPE :
				      WT_ACCESS_ALLOWED_ACE_TYPE;
	struct wt_ace_view ace, add = { .type = type, .flags = e->flags,
					.mask = e->mask, .sid = &e->sid };
	struct wt_acl_mark mark;
	struct wt_ace_iter it;
	struct wt_writer w;
	bool ok, done = e->op == ACL_REMOVE;
	u32 dacl_off;

	e->removed = 0;
	wt_emit_init(&w, out, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	dacl_off = (u32)w.pos;
	wt_emit_acl_begin(&w, &mark);
	for (ok = dacl->acl && wt_acl_first(dacl, &it, &ace); ok;
	     ok = wt_acl_next(&it, &ace)) {
		if (e->op == ACL_REMOVE &&
		    (((e->remove & REMOVE_ALLOW) &&
		      acl_explicit(&ace, WT_ACCESS_ALLOWED_ACE_TYPE, e)) ||
		     ((e->remove & REMOVE_DENY) &&
		      acl_explicit(&ace, WT_ACCESS_DENIED_ACE_TYPE, e)))) {
			e->removed++;
			continue;
		}
		if (!done && ace.flags == e->flags && acl_explicit(&ace, type, e)) {
			ace.mask |= e->mask;
			done = true;
		}
		/* grant: before the inherited ACEs; deny: before all others */
		if (!done && ((ace.flags & WT_INHERITED_ACE) ||
			      (e->op == ACL_DENY &&
			       ace.type != WT_ACCESS_DENIED_ACE_TYPE))) {
			wt_emit_ace(&w, &mark, &add);
			done = true;
		}
		wt_emit_ace(&w, &mark, &ace);
	}
	if (!done)
		wt_emit_ace(&w, &mark, &add);
	wt_emit_acl_end(&w, &mark, dacl->acl ? dacl->revision : WT_ACL_REVISION);
	return wt_emit_sd_finish(&w, control | WT_SE_DACL_PRESENT, 0, 0, 0,
				 dacl_off);
}

#define GRANT_DACL_CONTROL						\
	(WT_SE_DACL_AUTO_INHERIT_REQ | WT_SE_DACL_AUTO_INHERITED |	\
	 WT_SE_DACL_PROTECTED | WT_SE_DACL_DEFAULTED)

/* Set the DACL of the SD at @sd on @file. 0 or the errno. */
static int grant_set_dacl(const char *file, const u8 *sd, size_t len)
{
	int fd = open(file, O_PATH | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (wt_set_file_security(-1, fd, WT_DACL_SECURITY_INFORMATION, sd, len))
		err = errno;
	close(fd);
	return err;
}

/* @file's SD (the @sel parts) into *@buf/@view. 0 or the errno. */
static int grant_get(const char *file, u32 sel, u8 **buf,
		     struct wt_sd_view *view)
{
	int fd = open(file, O_PATH | O_NOFOLLOW | O_CLOEXEC), err = 0;
	__u32 len;

	if (fd < 0)
		return errno;
	*buf = wt_get_file_security_alloc(-1, fd, sel, &len);
	if (!*buf)
		err = errno;
	close(fd);
	if (!err && wt_sd_parse(*buf, len, view)) {
		free(*buf);
		*buf = NULL;
		err = EIO;
	}
	return err;
}

/**
 * struct walk - a recursive change under way
 * @cmd: the command, for messages
 * @changed: files and directories whose DACL was rewritten
 * @failed: those that could not be (each reported with its reason)
 * @tty: standard error is a terminal: show a progress count there
 * @shown: the count last shown
 * @edit: for remove: the explicit ACEs to drop from each file below too,
 *	as icacls /remove /T does; NULL for the other commands
 */
struct walk {
	const char *cmd;
	struct acl_edit *edit;
	unsigned long changed;
	unsigned long failed;
	bool tty;
	unsigned long shown;
};

/* On a terminal, the count every 64 files; elsewhere nothing. */
static void walk_progress(struct walk *w, bool last)
{
	if (!w->tty || (!last && w->changed - w->shown < 64))
		return;
	fprintf(stderr, "\rwtacl %s: %lu changed, %lu failed%s", w->cmd,
		w->changed, w->failed, last ? "\n" : "");
	w->shown = w->changed;
}

static void walk_fail(struct walk *w, const char *path, const char *why)
{
	if (w->tty && w->shown)
		fputc('\n', stderr);	/* off the progress line */
	w->shown = 0;
	fprintf(stderr, "wtacl %s: %s: %s\n", w->cmd, path, why);
	w->failed++;
}

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
		walk_fail(w, path, "cannot compute the SD");
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
		walk_fail(w, dir, strerror(errno));
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
			walk_fail(w, dir, "a name below is too long, skipped");
			continue;
		}
		if (lstat(path, &st) || S_ISLNK(st.st_mode))
			continue;
		err = grant_get(path, sel, &cbuf, &child);
		if (err == ENODATA)
			continue;	/* not governed: nothing to inherit into */
		if (err) {
			walk_fail(w, path, strerror(err));
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
			walk_fail(w, path, "cannot compute the SD");
			goto next;
		}
		err = grant_set_dacl(path, nbuf, n);
		if (err) {
			walk_fail(w, path, strerror(err));
		} else {
			w->changed++;
			walk_progress(w, false);
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
static int acl_recurse(const char *cmd, const char *top_dir,
		       struct acl_edit *e)
{
	struct walk w = { .cmd = cmd, .tty = isatty(STDERR_FILENO),
			  .edit = e->op == ACL_REMOVE ? e : NULL };
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
	acl_propagate(&w, top_dir, &top);
	free(buf);
	walk_progress(&w, true);
	if (!w.failed)
		return EXIT_GRANTED;
	fprintf(stderr, "wtacl %s: %s changed and %lu below it; %lu failed %s\n",
		cmd, top_dir, w.changed, w.failed,
		"(listed above) and keep their old DACL");
	return EXIT_SYSTEM;
}

/* WHO of "WHO:RIGHTS" (grant, deny) or of "WHO" (remove) into @e->sid. */
static int acl_parse_spec(const char *cmd, const char *spec,
			  const struct sddl_domain *dom, struct acl_edit *e)
{
	const char *colon = e->op == ACL_REMOVE ? NULL : strrchr(spec, ':');
	char who[256];
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);

	if ((e->op != ACL_REMOVE && !colon) || !len || len >= sizeof(who)) {
		fprintf(stderr, "wtacl %s: expected %s, got '%s'\n", cmd,
			e->op == ACL_REMOVE ? "WHO" : "WHO:RIGHTS", spec);
		return -EINVAL;
	}
	memcpy(who, spec, len);
	who[len] = '\0';
	if (grant_sid(who, dom, &e->sid)) {
		fprintf(stderr, "wtacl %s: '%s' is no user, group or SID\n",
			cmd, who);
		return -EINVAL;
	}
	if (colon && grant_rights_parse(colon + 1, dom, &e->flags, &e->mask)) {
		fprintf(stderr, "wtacl %s: '%s' are not rights\n", cmd, colon + 1);
		return -EINVAL;
	}
	return 0;
}

/*
 * grant, deny and remove: change FILE's DACL as @op says, then with -R
 * push the change down the tree.
 */
static int acl_command(enum acl_op op, const char *cmd, int argc, char **argv)
{
	struct acl_edit e = { .op = op };
	struct wt_sd_view view;
	struct request r;
	struct stat st;
	struct cli c;
	const char *file;
	u8 *cur = NULL, *out = NULL;
	long n;
	int started, err, rc = EXIT_GRANTED;

	started = file_begin(cmd, argc, argv, &c, &r, 2);
	if (started >= 0)
		return started;
	e.remove = REMOVE_ALLOW | REMOVE_DENY;
	if (c.only && op == ACL_REMOVE && !strcmp(c.only, "grant")) {
		e.remove = REMOVE_ALLOW;
	} else if (c.only && op == ACL_REMOVE && !strcmp(c.only, "deny")) {
		e.remove = REMOVE_DENY;
	} else if (c.only) {
		fprintf(stderr, "wtacl %s: --only wants grant or deny, with remove\n",
			cmd);
		return EXIT_INPUT;
	}
	file = argv[optind];
	if (acl_parse_spec(cmd, argv[optind + 1], &r.dom, &e))
		return EXIT_INPUT;
	if (stat(file, &st))
		return file_error(cmd, file);
	if (op != ACL_REMOVE && c.recursive && S_ISDIR(st.st_mode) &&
	    !(e.flags & (WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE)))
		e.flags |= WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE;

	err = grant_get(file, WT_DACL_SECURITY_INFORMATION, &cur, &view);
	if (err) {
		errno = err;
		return file_error(cmd, file);
	}
	n = acl_build(&view.dacl, view.control & GRANT_DACL_CONTROL, &e, NULL, 0);
	out = n > 0 ? malloc(n) : NULL;
	if (!out || acl_build(&view.dacl, view.control & GRANT_DACL_CONTROL,
			      &e, out, n) != n) {
		fprintf(stderr, "wtacl %s: %s: the new DACL is too large\n",
			cmd, file);
		rc = EXIT_INPUT;
		goto out;
	}
	/* nothing to remove here: icacls says nothing either */
	err = op == ACL_REMOVE && !e.removed ? 0 : grant_set_dacl(file, out, n);
	if (err) {
		errno = err;
		rc = file_error(cmd, file);
		goto out;
	}
	if (c.recursive && S_ISDIR(st.st_mode))
		rc = acl_recurse(cmd, file, &e);
out:
	free(out);
	free(cur);
	return rc;
}

int cmd_grant(int argc, char **argv)
{
	return acl_command(ACL_GRANT, "grant", argc, argv);
}

int cmd_deny(int argc, char **argv)
{
	return acl_command(ACL_DENY, "deny", argc, argv);
}

int cmd_remove(int argc, char **argv)
{
	return acl_command(ACL_REMOVE, "remove", argc, argv);
}
