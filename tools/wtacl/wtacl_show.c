// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl show: a file's SD the way icacls lists it, one ACE a line as
 * "principal:(flags)(rights)", principals by name (--numeric: by SID), or
 * as one JSON object for scripts; wtacl find: the files of a tree whose
 * DACL names a principal.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <stdio.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libwintok.h"
#include "sddl.h"
#include "wt_access.h"
#include "wt_json.h"
#include "wtacl.h"

/* icacls' simple rights, the exact masks it names them for. */
static const struct {
	u32 mask;
	const char *name;
} simple_rights[] = {
	{ 0x1f01ff, "F" }, { 0x1301bf, "M" }, { 0x1200a9, "RX" },
	{ 0x120089, "R" }, { 0x120116, "W" }, { 0x10000, "D" },
	{ WT_GENERIC_ALL, "GA" }, { WT_GENERIC_READ, "GR" },
	{ WT_GENERIC_WRITE, "GW" }, { WT_GENERIC_EXECUTE, "GE" },
};

static void rights_text(u32 mask, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(simple_rights); i++)
		if (mask == simple_rights[i].mask) {
			snprintf(buf, size, "%s", simple_rights[i].name);
			return;
		}
	snprintf(buf, size, "0x%x", mask);
}

/* The ACE flags icacls shows, in its order. */
static const struct {
	u8 bit;
	const char *name;
} ace_flags[] = {
	{ WT_INHERITED_ACE, "I" }, { WT_OBJECT_INHERIT_ACE, "OI" },
	{ WT_CONTAINER_INHERIT_ACE, "CI" }, { WT_INHERIT_ONLY_ACE, "IO" },
	{ WT_NO_PROPAGATE_INHERIT_ACE, "NP" },
};

/* The principal as a name ("Unix User\alice"), or its SID if @numeric. */
static void principal(const struct wt_sid *sid, bool numeric, char *buf,
		      size_t size)
{
	char text[192];

	sddl_sid_string(sid, text);
	if (numeric || wt_sid_name(sid, wt_sid_size(sid), buf, size) < 0)
		snprintf(buf, size, "%s", text);
}

static const char *ace_type(u8 type)
{
	switch (type) {
	case WT_ACCESS_ALLOWED_ACE_TYPE: return "allow";
	case WT_ACCESS_DENIED_ACE_TYPE: return "deny";
	case WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE: return "label";
	default: return "other";
	}
}

/* {"name", "sid"}; with @numeric nothing is looked up: the name is null. */
static void json_sid(const char *key, const struct wt_sid *sid, bool numeric)
{
	char name[256], text[192];

	sddl_sid_string(sid, text);
	printf("\"%s\": {\"name\": ", key);
	if (numeric || wt_sid_name(sid, wt_sid_size(sid), name, sizeof(name)) < 0)
		printf("null");
	else
		json_write_string(stdout, name);
	printf(", \"sid\": \"%s\"}", text);
}

static void show_acl_json(const struct wt_acl_view *acl, bool numeric)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	char rights[16];
	bool ok, first = true, ffirst;
	size_t i;

	printf("[");
	for (ok = acl->acl && wt_acl_first(acl, &it, &ace); ok;
	     ok = wt_acl_next(&it, &ace)) {
		rights_text(ace.mask, rights, sizeof(rights));
		printf("%s\n  {\"type\": \"%s\", ", first ? "" : ",",
		       ace_type(ace.type));
		json_sid("principal", ace.sid, numeric);
		printf(", \"flags\": [");
		for (ffirst = true, i = 0; i < ARRAY_SIZE(ace_flags); i++) {
			if (!(ace.flags & ace_flags[i].bit))
				continue;
			printf("%s\"%s\"", ffirst ? "" : ", ", ace_flags[i].name);
			ffirst = false;
		}
		printf("], \"mask\": %u, \"rights\": \"%s\"}", ace.mask, rights);
		first = false;
	}
	printf("]");
}

/* "FILE principal:(flags)(rights)", the next ACEs indented, as icacls. */
static void show_acl_text(const char *file, const struct wt_acl_view *acl,
			  bool numeric, bool *first)
{
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	char name[256], rights[16];
	bool ok;
	size_t i;

	for (ok = acl->acl && wt_acl_first(acl, &it, &ace); ok;
	     ok = wt_acl_next(&it, &ace)) {
		principal(ace.sid, numeric, name, sizeof(name));
		rights_text(ace.mask, rights, sizeof(rights));
		printf("%*s %s:", *first ? 0 : (int)strlen(file),
		       *first ? file : "", name);
		*first = false;
		if (ace.type == WT_ACCESS_DENIED_ACE_TYPE)
			printf("(DENY)");
		else if (ace.type == WT_SYSTEM_MANDATORY_LABEL_ACE_TYPE)
			printf("(LABEL)");
		else if (ace.type != WT_ACCESS_ALLOWED_ACE_TYPE)
			printf("(TYPE %u)", ace.type);
		for (i = 0; i < ARRAY_SIZE(ace_flags); i++)
			if (ace.flags & ace_flags[i].bit)
				printf("(%s)", ace_flags[i].name);
		printf("(%s)\n", rights);
	}
}

int cmd_show(int argc, char **argv)
{
	const u32 sel = SHOWN_SD_PARTS;
	struct wt_sd_view view;
	struct cli c;
	const char *file;
	char name[256];
	bool first = true;
	__u32 len;
	void *sd;
	int started;

	started = begin_command(argc, argv, &c, 1, 1);
	if (started >= 0)
		return started;
	file = argv[optind];
	sd = file_sd_alloc(file, sel, &len);
	if (!sd)
		return file_error("show", file);
	if (wt_sd_parse(sd, len, &view)) {
		fprintf(stderr, "wtacl show: %s: %s\n", file,
			"the module returned an SD that does not parse");
		free(sd);
		return EXIT_SYSTEM;
	}
	if (c.json) {
		printf("{");
		if (json_path(file)) {
			free(sd);
			return EXIT_SYSTEM;
		}
		printf(",\n ");
		if (view.owner)
			json_sid("owner", view.owner, c.numeric);
		else
			printf("\"owner\": null");
		printf(",\n ");
		if (view.group)
			json_sid("group", view.group, c.numeric);
		else
			printf("\"group\": null");
		printf(",\n \"dacl_present\": %s, \"protected\": %s,\n \"dacl\": ",
		       view.control & WT_SE_DACL_PRESENT ? "true" : "false",
		       view.control & WT_SE_DACL_PROTECTED ? "true" : "false");
		show_acl_json(&view.dacl, c.numeric);
		printf(",\n \"label\": ");
		show_acl_json(&view.sacl, c.numeric);
		printf("}\n");
	} else {
		if (!(view.control & WT_SE_DACL_PRESENT))
			printf("%s NULL DACL: everyone has full access\n", file);
		else if (!view.dacl.acl || !view.dacl.count)
			printf("%s empty DACL: no access for anyone\n", file);
		first = (view.control & WT_SE_DACL_PRESENT) && view.dacl.count;
		show_acl_text(file, &view.dacl, c.numeric, &first);
		show_acl_text(file, &view.sacl, c.numeric, &first);
		if (view.owner) {
			principal(view.owner, c.numeric, name, sizeof(name));
			printf("%*s owner: %s\n", (int)strlen(file), "", name);
		}
		if (view.control & WT_SE_DACL_PROTECTED)
			printf("%*s inheritance disabled\n", (int)strlen(file), "");
	}
	free(sd);
	return fflush(stdout) ? EXIT_SYSTEM : EXIT_GRANTED;
}

/**
 * struct find - a wtacl find walk
 * @sid: the principal looked for
 * @json: print JSON lines
 * @found: files whose DACL names it
 * @failed: files whose SD could not be read (each reported)
 */
struct find {
	struct wt_sid sid;
	bool json;
	unsigned long found;
	unsigned long failed;
};

/*
 * One file found (@why NULL) or failed: on standard output the path (or
 * with --json an object, with "error" for a failure); a failure is named
 * on standard error as well.
 */
static void find_report(struct find *f, const char *path, const char *why)
{
	if (why) {
		fprintf(stderr, "wtacl find: %s: %s\n", path, why);
		f->failed++;
	} else {
		f->found++;
	}
	if (!f->json) {
		if (!why)
			printf("%s\n", path);
		return;
	}
	printf("{");
	json_path(path);
	if (why) {
		printf(", \"error\": ");
		json_write_string(stdout, why);
	}
	printf("}\n");
}

/* Print @path when its DACL has an ACE for @f->sid. */
static void find_one(struct find *f, const char *path)
{
	struct wt_sd_view view;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	__u32 len;
	void *sd;
	bool ok;

	sd = file_sd_alloc(path, WT_DACL_SECURITY_INFORMATION, &len);
	if (!sd) {
		if (errno != ENODATA)	/* not governed: nothing to find */
			find_report(f, path, strerror(errno));
		return;
	}
	if (wt_sd_parse(sd, len, &view)) {
		find_report(f, path, "the SD does not parse");
		free(sd);
		return;
	}
	for (ok = view.dacl.acl && wt_acl_first(&view.dacl, &it, &ace); ok;
	     ok = wt_acl_next(&it, &ace))
		if (wt_sid_equal(ace.sid, &f->sid)) {
			find_report(f, path, NULL);
			break;
		}
	free(sd);
}

/* Every file and directory below @dir; symbolic links are not followed. */
static void find_walk(struct find *f, const char *dir)
{
	struct dirent *de;
	char path[4096];
	struct stat st;
	DIR *d = opendir(dir);

	if (!d) {
		find_report(f, dir, strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path)) {
			find_report(f, dir, "a name below is too long");
			continue;
		}
		if (lstat(path, &st) || S_ISLNK(st.st_mode))
			continue;
		find_one(f, path);
		if (S_ISDIR(st.st_mode))
			find_walk(f, path);
	}
	closedir(d);
}

/*
 * find DIR WHO (icacls /findsid): the files at and below DIR whose DACL
 * has an ACE for WHO, one path a line. Exit status 0 when some were
 * found, 1 when none, 3 when some SD could not be read.
 */
int cmd_find(int argc, char **argv)
{
	struct find f = { .found = 0 };
	struct request r;
	struct stat st;
	struct cli c;
	const char *dir;
	int started;

	started = file_begin("find", argc, argv, &c, &r, 2, 2);
	if (started >= 0)
		return started;
	dir = argv[optind];
	f.json = c.json;
	if (grant_sid(argv[optind + 1], &r.dom, &f.sid)) {
		fprintf(stderr, "wtacl find: '%s' is no user, group or SID\n",
			argv[optind + 1]);
		return EXIT_INPUT;
	}
	if (stat(dir, &st))
		return file_error("find", dir);
	find_one(&f, dir);
	if (S_ISDIR(st.st_mode))
		find_walk(&f, dir);
	if (fflush(stdout))
		return EXIT_SYSTEM;
	return f.failed ? EXIT_SYSTEM : f.found ? EXIT_GRANTED : EXIT_DENIED;
}
