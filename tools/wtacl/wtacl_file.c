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
 * The start of every file command: its options and @min to @max operands
 * (as for begin_command()), --help, --domain into @r. Returns -1 to go
 * on, else the exit status.
 */
int file_begin(const char *cmd, int argc, char **argv, struct cli *c,
	       struct request *r, int min, int max)
{
	int started = begin_command(argc, argv, c, min, max);

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
	const u32 sel = SHOWN_SD_PARTS;
	struct request r;
	struct cli c;
	int started;
	const char *file;
	char *text = NULL;
	void *sd;
	__u32 len;
	int rc;

	started = file_begin("get", argc, argv, &c, &r, 1, 1);
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
	if (c.json) {
		printf("{");
		rc = json_path(file);
		printf(", \"sddl\": ");
		json_write_string(stdout, text);
		printf("}\n");
	} else {
		printf("%s\n", text);
	}
	free(text);
	return rc || fflush(stdout) ? EXIT_SYSTEM : EXIT_GRANTED;
}

/* The parts of an SD an SDDL string names, as SetSecurityInfo() wants. */
u32 sd_parts(const struct wt_sd_view *view)
{
	u32 sel = 0;

	if (view->owner)
		sel |= WT_OWNER_SECURITY_INFORMATION;
	if (view->group)
		sel |= WT_GROUP_SECURITY_INFORMATION;
	if (view->control & WT_SE_DACL_PRESENT)
		sel |= WT_DACL_SECURITY_INFORMATION;
	if (view->control & WT_SE_SACL_PRESENT)
		sel |= WT_SACL_SECURITY_INFORMATION |
		       WT_LABEL_SECURITY_INFORMATION;
	return sel;
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
	u32 sel;
	int fd, rc;

	started = file_begin("set", argc, argv, &c, &r, 2, 2);
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
	sel = sd_parts(&view);
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
	int n;

	if (pw) {
		wt_sid_from_uid(sid, pw->pw_uid);
		return 0;
	}
	if (gr) {
		wt_sid_from_gid(sid, gr->gr_gid);
		return 0;
	}
	if (grant_lookup_file(who, false, &id)) {
		wt_sid_from_uid(sid, id);
		return 0;
	}
	if (grant_lookup_file(who, true, &id)) {
		wt_sid_from_gid(sid, id);
		return 0;
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
long acl_build(const struct wt_acl_view *dacl, u16 control,
	       struct acl_edit *e, u8 *out, size_t size)
{
	u8 type = e->op == ACL_DENY ? WT_ACCESS_DENIED_ACE_TYPE :
				      WT_ACCESS_ALLOWED_ACE_TYPE;
	struct wt_ace_view ace, add = { .type = type, .flags = e->flags,
					.mask = e->mask, .sid = &e->sid };
	struct wt_acl_mark mark;
	struct wt_ace_iter it;
	struct wt_writer w;
	bool ok, done = e->op >= ACL_REMOVE;	/* nothing to add */
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
		if (e->op == ACL_PROTECT_DROP && (ace.flags & WT_INHERITED_ACE))
			continue;
		if (e->op == ACL_PROTECT_COPY)
			ace.flags &= ~WT_INHERITED_ACE;
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

/* Set the DACL of the SD at @sd on @file. 0 or the errno. */
int grant_set_dacl(const char *file, const u8 *sd, size_t len)
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
int grant_get(const char *file, u32 sel, u8 **buf,
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
 * Rewrite @file's DACL as @e says, with the control bits @set added (and
 * the DACL's own kept). Nothing is written when remove finds nothing to
 * remove: icacls says nothing either. 0 or the errno.
 */
static int acl_edit_file(const char *file, u16 set, struct acl_edit *e)
{
	struct wt_sd_view view;
	u8 *cur = NULL, *out = NULL;
	u16 control;
	long n;
	int err;

	err = grant_get(file, WT_DACL_SECURITY_INFORMATION, &cur, &view);
	if (err)
		return err;
	control = (view.control & GRANT_DACL_CONTROL) | set;
	n = acl_build(&view.dacl, control, e, NULL, 0);
	out = n > 0 ? malloc(n) : NULL;
	if (!out || acl_build(&view.dacl, control, e, out, n) != n)
		err = n > 0 ? ENOMEM : EOVERFLOW;	/* more than an ACL holds */
	else if (e->op != ACL_REMOVE || e->removed)
		err = grant_set_dacl(file, out, n);
	free(out);
	free(cur);
	return err;
}

/*
 * grant, deny and remove: change FILE's DACL as @op says, then with -R
 * push the change down the tree.
 */
static int acl_command(enum acl_op op, const char *cmd, int argc, char **argv)
{
	struct acl_edit e = { .op = op };
	struct request r;
	struct stat st;
	struct cli c;
	const char *file;
	int started, err;

	started = file_begin(cmd, argc, argv, &c, &r, 2, 2);
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

	err = acl_edit_file(file, 0, &e);
	if (err) {
		errno = err;
		return file_error(cmd, file);
	}
	if (c.recursive && S_ISDIR(st.st_mode))
		return acl_recurse(cmd, file, &e);
	return EXIT_GRANTED;
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

/*
 * inheritance FILE enable: the DACL stops being protected and gets again
 * what its parent passes on, computed as the -R walk does for a child;
 * its explicit ACEs stay. A parent without an SD passes on nothing.
 */
static int inherit_enable(const char *file, const struct stat *st)
{
	const u32 sel = WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION;
	struct wt_sd_view parent, child, none;
	struct wt_token_view tok;
	char dir[4096], *slash;
	u8 *pbuf = NULL, *cbuf = NULL, *nbuf = NULL;
	long n;
	int err;

	if (snprintf(dir, sizeof(dir), "%s", file) >= (int)sizeof(dir)) {
		err = ENAMETOOLONG;
		goto out;
	}
	slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	err = grant_get(dir, sel, &pbuf, &parent);
	if (err == ENODATA) {
		memset(&none, 0, sizeof(none));	/* nothing to inherit */
		err = 0;
	}
	if (!err)
		err = grant_get(file, sel, &cbuf, &child);
	if (err)
		goto out;
	child.control &= ~WT_SE_DACL_PROTECTED;
	child.control |= WT_SE_DACL_AUTO_INHERIT_REQ;
	memset(&tok, 0, sizeof(tok));
	tok.integrity_level = WT_INTEGRITY_MEDIUM;
	n = wt_sd_inherit(pbuf ? &parent : &none, &child, &tok,
			  S_ISDIR(st->st_mode) ? &wt_directory_mapping :
			  &wt_file_mapping,
			  S_ISDIR(st->st_mode) ? WT_INHERIT_IS_CONTAINER : 0,
			  NULL, 0);
	nbuf = n > 0 ? malloc(n) : NULL;
	if (!nbuf || wt_sd_inherit(pbuf ? &parent : &none, &child, &tok,
				   S_ISDIR(st->st_mode) ?
				   &wt_directory_mapping : &wt_file_mapping,
				   S_ISDIR(st->st_mode) ?
				   WT_INHERIT_IS_CONTAINER : 0, nbuf, n) != n)
		err = EINVAL;
	else
		err = grant_set_dacl(file, nbuf, n);
out:
	free(pbuf);
	free(cbuf);
	free(nbuf);
	return err;
}

/*
 * inheritance FILE enable|disable|remove (icacls /inheritance:e|d|r),
 * then with -R the tree below inherits the result.
 */
int cmd_inheritance(int argc, char **argv)
{
	struct acl_edit e = { .op = ACL_PROTECT_COPY };
	struct request r;
	struct stat st;
	struct cli c;
	const char *file, *how;
	int started, err, rc = EXIT_GRANTED;

	started = file_begin("inheritance", argc, argv, &c, &r, 2, 2);
	if (started >= 0)
		return started;
	file = argv[optind];
	how = argv[optind + 1];
	if (strcmp(how, "enable") && strcmp(how, "e") &&
	    strcmp(how, "disable") && strcmp(how, "d") &&
	    strcmp(how, "remove") && strcmp(how, "r")) {
		fprintf(stderr, "wtacl inheritance: '%s' is not enable, disable or remove\n",
			how);
		return EXIT_INPUT;
	}
	if (stat(file, &st))
		return file_error("inheritance", file);
	if (how[0] == 'e') {
		err = inherit_enable(file, &st);
	} else {
		if (how[0] == 'r')
			e.op = ACL_PROTECT_DROP;
		err = acl_edit_file(file, WT_SE_DACL_PROTECTED, &e);
	}
	if (err) {
		errno = err;
		rc = file_error("inheritance", file);
	} else if (c.recursive && S_ISDIR(st.st_mode)) {
		rc = acl_recurse("inheritance", file, &e);
	}
	return rc;
}
