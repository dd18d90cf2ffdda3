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

static int file_error(const char *cmd, const char *file)
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
	int fd, rc;

	started = begin_command(argc, argv, &c, 1);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl get: %s\n", r.error);
		return EXIT_INPUT;
	}
	file = argv[optind];
	fd = open(file, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return file_error("get", file);
	sd = wt_get_file_security_alloc(-1, fd, sel, &len);
	close(fd);
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

	started = begin_command(argc, argv, &c, 2);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl set: %s\n", r.error);
		return EXIT_INPUT;
	}
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
static int grant_sid(const char *who, const struct sddl_domain *dom,
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

/*
 * A DACL-only SD: @dacl's ACEs with an allow ACE for @sid (@flags, @mask)
 * added after the explicit ACEs, or merged into an explicit allow ACE of
 * the same SID and flags. @control: the DACL's control bits to keep.
 */
static long grant_build(const struct wt_acl_view *dacl, u16 control,
			const struct wt_sid *sid, u8 flags, u32 mask, u8 *out,
			size_t size)
{
	struct wt_ace_view ace, add = { .type = WT_ACCESS_ALLOWED_ACE_TYPE,
					.flags = flags, .mask = mask,
					.sid = sid };
	struct wt_acl_mark mark;
	struct wt_ace_iter it;
	struct wt_writer w;
	bool ok, done = false;
	u32 dacl_off;

	wt_emit_init(&w, out, size);
	wt_emit_bytes(&w, NULL, WT_SD_HEADER_SIZE);
	dacl_off = (u32)w.pos;
	wt_emit_acl_begin(&w, &mark);
	for (ok = dacl->acl && wt_acl_first(dacl, &it, &ace); ok;
	     ok = wt_acl_next(&it, &ace)) {
		if (!done && (ace.flags & WT_INHERITED_ACE)) {
			wt_emit_ace(&w, &mark, &add);
			done = true;
		}
		if (!done && ace.type == WT_ACCESS_ALLOWED_ACE_TYPE &&
		    ace.flags == flags && wt_sid_equal(ace.sid, sid)) {
			ace.mask |= mask;
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

/*
 * Recompute the inherited ACEs of everything under the directory @dir,
 * whose SD is @parent: each child keeps its explicit ACEs and gets what
 * @parent passes on (a protected DACL keeps only its own), as Windows'
 * auto-inheritance does. Returns the number of failures (reported).
 */
static int grant_propagate(const char *dir, const struct wt_sd_view *parent)
{
	const u32 sel = WT_OWNER_SECURITY_INFORMATION |
			WT_GROUP_SECURITY_INFORMATION |
			WT_DACL_SECURITY_INFORMATION;
	struct wt_token_view tok;
	struct dirent *de;
	int failures = 0;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "wtacl grant: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	/* Owner and group come from each child; no label is added. */
	memset(&tok, 0, sizeof(tok));
	tok.integrity_level = WT_INTEGRITY_MEDIUM;
	while ((de = readdir(d))) {
		const struct wt_generic_mapping *map;
		struct wt_sd_view child, next;
		char path[4096];
		struct stat st;
		u8 *cbuf, *nbuf;
		u32 flags;
		long n;
		int err;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path) || lstat(path, &st) || S_ISLNK(st.st_mode))
			continue;
		err = grant_get(path, sel, &cbuf, &child);
		if (err == ENODATA)
			continue;	/* not governed: nothing to inherit into */
		if (err) {
			fprintf(stderr, "wtacl grant: %s: %s\n", path,
				strerror(err));
			failures++;
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
			fprintf(stderr, "wtacl grant: %s: cannot compute the SD\n",
				path);
			failures++;
			goto next;
		}
		err = grant_set_dacl(path, nbuf, n);
		if (err) {
			fprintf(stderr, "wtacl grant: %s: %s\n", path,
				strerror(err));
			failures++;
		} else if (S_ISDIR(st.st_mode)) {
			failures += grant_propagate(path, &next);
		}
next:
		free(nbuf);
		free(cbuf);
	}
	closedir(d);
	return failures;
}

int cmd_grant(int argc, char **argv)
{
	struct wt_sd_view view, top;
	struct request r;
	struct wt_sid sid;
	struct stat st;
	struct cli c;
	const char *file, *spec, *colon;
	char who[256];
	u8 *cur = NULL, *out = NULL, flags;
	long n;
	u32 mask;
	int started, err, rc = EXIT_GRANTED;

	started = begin_command(argc, argv, &c, 2);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl grant: %s\n", r.error);
		return EXIT_INPUT;
	}
	file = argv[optind];
	spec = argv[optind + 1];
	colon = strrchr(spec, ':');
	if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof(who)) {
		fprintf(stderr, "wtacl grant: expected WHO:RIGHTS, got '%s'\n",
			spec);
		return EXIT_INPUT;
	}
	memcpy(who, spec, colon - spec);
	who[colon - spec] = '\0';
	if (grant_sid(who, &r.dom, &sid)) {
		fprintf(stderr, "wtacl grant: '%s' is no user, group or SID\n",
			who);
		return EXIT_INPUT;
	}
	if (grant_rights_parse(colon + 1, &r.dom, &flags, &mask)) {
		fprintf(stderr, "wtacl grant: '%s' are not rights\n", colon + 1);
		return EXIT_INPUT;
	}
	if (stat(file, &st))
		return file_error("grant", file);
	if (c.recursive && S_ISDIR(st.st_mode) &&
	    !(flags & (WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE)))
		flags |= WT_OBJECT_INHERIT_ACE | WT_CONTAINER_INHERIT_ACE;

	err = grant_get(file, WT_DACL_SECURITY_INFORMATION, &cur, &view);
	if (err) {
		errno = err;
		return file_error("grant", file);
	}
	n = grant_build(&view.dacl, view.control & GRANT_DACL_CONTROL, &sid,
			flags, mask, NULL, 0);
	out = n > 0 ? malloc(n) : NULL;
	if (!out || grant_build(&view.dacl, view.control & GRANT_DACL_CONTROL,
				&sid, flags, mask, out, n) != n) {
		fprintf(stderr, "wtacl grant: %s: the new DACL is too large\n",
			file);
		rc = EXIT_INPUT;
		goto out;
	}
	err = grant_set_dacl(file, out, n);
	if (err) {
		errno = err;
		rc = file_error("grant", file);
		goto out;
	}
	if (c.recursive && S_ISDIR(st.st_mode)) {
		free(cur);
		cur = NULL;
		/* The whole SD: the children need the parent's owner too. */
		err = grant_get(file, WT_OWNER_SECURITY_INFORMATION |
				WT_GROUP_SECURITY_INFORMATION |
				WT_DACL_SECURITY_INFORMATION, &cur, &top);
		if (err) {
			errno = err;
			rc = file_error("grant", file);
		} else if (grant_propagate(file, &top)) {
			rc = EXIT_SYSTEM;
		}
	}
out:
	free(out);
	free(cur);
	return rc;
}
