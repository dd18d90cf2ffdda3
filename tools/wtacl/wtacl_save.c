// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl save and wtacl restore, as icacls /save and /restore: the SDs of
 * files (of trees, with -R) written to a text file, one path and its SDDL
 * a line, and put back later on the same relative paths. The format is
 * described in Documentation/tools/wtacl.rst ("Save files"); a path may
 * hold any byte, so the bytes that would break a line or are not UTF-8
 * are written as \xHH.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <stdio.h>
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libwintok.h"
#include "sddl.h"
#include "wt_access.h"
#include "wt_json.h"
#include "wt_utf8.h"
#include "wtacl.h"

/* The first line of a save file in the text format. */
#define SAVE_HEADER	"# wtacl save 1"

/*
 * @name as a save file writes it: spaces, control bytes, the backslash
 * and bytes that are not UTF-8 become \xHH, so the result is one UTF-8
 * word that unescape_path() turns back into @name. malloc()ed, or NULL.
 * *@utf8 tells whether @name itself was valid UTF-8.
 */
char *escape_path(const char *name, bool *utf8)
{
	const unsigned char *p = (const unsigned char *)name;
	char *out = malloc(4 * strlen(name) + 1), *o = out;
	size_t n;

	if (!out)
		return NULL;
	*utf8 = true;
	while (*p) {
		n = *p >= 0x80 ? wt_utf8_len(p) : 0;
		if (n) {
			memcpy(o, p, n);
			o += n;
			p += n;
			continue;
		}
		if (*p <= ' ' || *p == 0x7f || *p == '\\' || *p >= 0x80) {
			if (*p >= 0x80)
				*utf8 = false;
			o += sprintf(o, "\\x%02x", *p);
		} else {
			*o++ = (char)*p;
		}
		p++;
	}
	*o = '\0';
	return out;
}

/*
 * The name @text (a save file's path word) stands for, malloc()ed, or
 * NULL when @text is not one: a backslash that does not start \xHH, a
 * raw space or control byte, \x00.
 */
static char *unescape_path(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	char *out = malloc(strlen(text) + 1), *o = out;
	unsigned int byte;

	if (!out)
		return NULL;
	for (; *p; p++) {
		if (*p <= ' ' || *p == 0x7f) {
			free(out);
			return NULL;
		}
		if (*p != '\\') {
			*o++ = (char)*p;
			continue;
		}
		if (p[1] != 'x' || !isxdigit(p[2]) || !isxdigit(p[3]) ||
		    sscanf((const char *)p + 2, "%2x", &byte) != 1 || !byte) {
			free(out);
			return NULL;
		}
		*o++ = (char)byte;
		p += 3;
	}
	*o = '\0';
	return out;
}

/*
 * A path as JSON members: "path" (the name, or null when it is not
 * UTF-8: JSON strings cannot hold such bytes) and "path_escaped" (as a
 * save file writes it). 0, or -ENOMEM.
 */
int json_path(const char *name)
{
	bool utf8;
	char *esc = escape_path(name, &utf8);

	if (!esc)
		return -ENOMEM;
	printf("\"path\": ");
	if (utf8)
		json_write_string(stdout, name);
	else
		printf("null");
	printf(", \"path_escaped\": ");
	json_write_string(stdout, esc);
	free(esc);
	return 0;
}

/* ---- save ---- */

/**
 * struct save - a wtacl save run
 * @out: the save file
 * @json: write JSON lines instead of the text format
 * @dom: for the SDDL text
 * @recursive: descend into directories
 * @prog: counts and messages
 */
struct save {
	FILE *out;
	bool json;
	const struct sddl_domain *dom;
	bool recursive;
	struct progress prog;
};

/*
 * One line for the file at @path, named @rel in the save file. A file
 * without an SD is passed over: there is nothing to restore.
 */
static void save_one(struct save *s, const char *path, const char *rel)
{
	char *text = NULL, *esc;
	__u32 len;
	bool utf8;
	void *sd;
	int rc;

	sd = file_sd_alloc(path, SHOWN_SD_PARTS, &len);
	if (!sd) {
		if (errno != ENODATA)
			progress_fail(&s->prog, path, strerror(errno));
		return;
	}
	rc = sddl_from_sd(sd, len, s->dom, &text);
	free(sd);
	if (rc || strchr(text, '\n')) {
		progress_fail(&s->prog, path, "the SD cannot be written as SDDL");
		free(text);
		return;
	}
	esc = escape_path(rel, &utf8);
	if (!esc) {
		progress_fail(&s->prog, path, strerror(ENOMEM));
	} else if (s->json) {
		fprintf(s->out, "{\"path\": ");
		if (utf8)
			json_write_string(s->out, rel);
		else
			fprintf(s->out, "null");
		fprintf(s->out, ", \"path_escaped\": ");
		json_write_string(s->out, esc);
		fprintf(s->out, ", \"sddl\": ");
		json_write_string(s->out, text);
		fprintf(s->out, "}\n");
		progress_step(&s->prog);
	} else {
		fprintf(s->out, "%s %s\n", esc, text);
		progress_step(&s->prog);
	}
	free(esc);
	free(text);
}

/* Everything below the directory @path (@rel); links are not followed. */
static void save_walk(struct save *s, const char *path, const char *rel)
{
	char child[PATH_MAX], crel[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(path);

	if (!d) {
		progress_fail(&s->prog, path, strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", path, de->d_name) >=
		    (int)sizeof(child) ||
		    snprintf(crel, sizeof(crel), "%s/%s", rel, de->d_name) >=
		    (int)sizeof(crel)) {
			progress_fail(&s->prog, path, "a name below is too long, skipped");
			continue;
		}
		if (lstat(child, &st) || S_ISLNK(st.st_mode))
			continue;
		save_one(s, child, crel);
		if (S_ISDIR(st.st_mode))
			save_walk(s, child, crel);
	}
	closedir(d);
}

/*
 * The name PATH has in a save file: its last component, as icacls names
 * what it saves relative to the directory it is restored into. ".", ".."
 * and the like are resolved first. 0, or -EINVAL for "/".
 */
static int save_name(const char *path, char *rel, size_t size)
{
	char buf[PATH_MAX], *slash;
	size_t n;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (n = strlen(buf); n > 1 && buf[n - 1] == '/'; n--)
		buf[n - 1] = '\0';
	slash = strrchr(buf, '/');
	slash = slash ? slash + 1 : buf;
	if (!*slash || !strcmp(slash, ".") || !strcmp(slash, "..")) {
		if (!realpath(path, buf))
			return -errno;
		slash = strrchr(buf, '/') + 1;
		if (!*slash)
			return -EINVAL;
	}
	if (snprintf(rel, size, "%s", slash) >= (int)size)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * save [-R] [--json] FILE PATH...: the SD of each PATH (and with -R of
 * everything below) into FILE ("-": standard output).
 */
int cmd_save(int argc, char **argv)
{
	struct save s = { .out = NULL };
	char rel[PATH_MAX];
	struct request r;
	struct stat st;
	struct cli c;
	const char *file;
	int started, i, err;

	started = file_begin("save", argc, argv, &c, &r, 2, -1);
	if (started >= 0)
		return started;
	file = argv[optind];
	for (i = optind + 1; i < argc; i++) {
		err = save_name(argv[i], rel, sizeof(rel));
		if (err) {
			fprintf(stderr, "wtacl save: %s: %s\n", argv[i], err == -EINVAL ?
				"has no name to save it under (give the paths below it)" :
				strerror(-err));
			return EXIT_INPUT;
		}
	}
	s.out = strcmp(file, "-") ? fopen(file, "we") : stdout;
	if (!s.out) {
		fprintf(stderr, "wtacl save: %s: %s\n", file, strerror(errno));
		return EXIT_SYSTEM;
	}
	s.json = c.json;
	s.dom = &r.dom;
	s.recursive = c.recursive;
	progress_start(&s.prog, "wtacl", "save", "saved");
	if (!s.json)
		fprintf(s.out, "%s\n", SAVE_HEADER);
	for (i = optind + 1; i < argc; i++) {
		save_name(argv[i], rel, sizeof(rel));
		if (stat(argv[i], &st)) {
			progress_fail(&s.prog, argv[i], strerror(errno));
			continue;
		}
		save_one(&s, argv[i], rel);
		if (s.recursive && S_ISDIR(st.st_mode))
			save_walk(&s, argv[i], rel);
	}
	if (s.out == stdout ? fflush(stdout) : fclose(s.out)) {
		fprintf(stderr, "wtacl save: %s: %s\n", file, strerror(errno));
		return EXIT_SYSTEM;
	}
	return progress_end(&s.prog, "not saved") ? EXIT_SYSTEM : EXIT_GRANTED;
}

/* ---- restore ---- */

/**
 * struct entry - one line of a save file, checked, not yet applied
 * @line: its line number, for messages
 * @shown: its path as the file writes it (one word, for messages)
 * @name: the path, relative to the directory restored into
 * @sd, @len: the SD the line's SDDL encodes
 * @sel: the parts it sets: those it names, and always the label (save
 *	writes the whole SD a file has, so no label means none)
 */
struct entry {
	unsigned long line;
	char *shown;
	char *name;
	u8 *sd;
	size_t len;
	u32 sel;
};

/* A relative path without ".." components: it stays below the target. */
static bool path_below(const char *name)
{
	const char *p = name;
	size_t n;

	if (!*name || *name == '/')
		return false;
	for (; *p; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		if (n == 2 && !strncmp(p, "..", 2))
			return false;
	}
	return true;
}

/*
 * Parse one line (the path word and SDDL, or a JSON object) into @e.
 * NULL, or the reason it is not an entry.
 */
static const char *entry_parse(char *line, bool json,
			       const struct sddl_domain *dom, struct entry *e)
{
	struct sddl_error err = { 0, NULL };
	const struct json_value *p, *sddl;
	struct json_value *v = NULL;
	const char *why = NULL, *word, *text;
	struct wt_sd_view view;
	char *space;

	if (json) {
		v = json_parse(line, strlen(line), NULL);
		p = v ? json_get(v, "path_escaped") : NULL;
		sddl = v ? json_get(v, "sddl") : NULL;
		if (!p || p->type != JSON_STRING || !sddl ||
		    sddl->type != JSON_STRING) {
			json_free(v);
			return "not a JSON object with path_escaped and sddl";
		}
		word = p->text;
		text = sddl->text;
	} else {
		space = strchr(line, ' ');
		if (!space)
			return "expected a path, a space and SDDL";
		*space = '\0';
		word = line;
		text = space + 1;
	}
	e->shown = strdup(word);
	e->name = unescape_path(word);
	if (!e->shown || !e->name || !path_below(e->name))
		why = "the path is not a relative path as save writes it";
	else if (sddl_to_sd(text, dom, &e->sd, &e->len, &err) ||
		 wt_sd_parse(e->sd, e->len, &view))
		why = err.message ? err.message : "not a valid SD";
	else	/* a line without a label removes one; audit ACEs stay */
		e->sel = (sd_parts(&view) & ~WT_SACL_SECURITY_INFORMATION) |
			 WT_LABEL_SECURITY_INFORMATION;
	json_free(v);
	return why;
}

static void entries_free(struct entry *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].shown);
		free(list[i].name);
		free(list[i].sd);
	}
	free(list);
}

/*
 * Every entry of the save file @f, all checked before anything is
 * changed. 0 with *@out, *@n; else the exit status (each bad line named).
 */
static int entries_read(const char *file, FILE *f, const struct sddl_domain *dom,
			struct entry **out, size_t *n)
{
	struct entry *list = NULL, *grown;
	size_t cap = 0, lcap = 0, count = 0;
	unsigned long lineno = 0;
	char *line = NULL;
	const char *why;
	bool json = false, bad = false;
	ssize_t len;

	while ((len = getline(&line, &lcap, f)) >= 0) {
		lineno++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		/* the text format's header, or JSON lines (no header) */
		if (lineno == 1 && line[0] == '{') {
			json = true;
		} else if (lineno == 1 && strcmp(line, SAVE_HEADER)) {
			fprintf(stderr, "wtacl restore: %s: %s (no '%s' line)\n",
				file, "not a save file", SAVE_HEADER);
			bad = true;
			break;
		}
		if (!len || (!json && line[0] == '#'))
			continue;
		if (count == cap) {
			cap = cap ? 2 * cap : 64;
			grown = realloc(list, cap * sizeof(*list));
			if (!grown) {
				fprintf(stderr, "wtacl restore: %s\n", strerror(ENOMEM));
				bad = true;
				break;
			}
			list = grown;
		}
		memset(&list[count], 0, sizeof(list[count]));
		list[count].line = lineno;
		why = entry_parse(line, json, dom, &list[count]);
		count++;
		if (why) {
			fprintf(stderr, "wtacl restore: %s:%lu: %s\n", file, lineno, why);
			bad = true;
		}
	}
	if (!bad && ferror(f)) {
		fprintf(stderr, "wtacl restore: %s: %s\n", file, strerror(errno));
		bad = true;
	}
	if (!bad && !lineno) {
		fprintf(stderr, "wtacl restore: %s: empty, not a save file\n", file);
		bad = true;
	}
	free(line);
	if (bad) {
		entries_free(list, count);
		return EXIT_INPUT;
	}
	*out = list;
	*n = count;
	return 0;
}

/*
 * Set @e's SD on @path. The owner and group are set as the caller may;
 * when the module refuses them (EPERM: someone else as owner, a label
 * above the caller's level), once SeRestorePrivilege is enabled, if held,
 * as icacls /restore does. 0 or the errno.
 */
static int entry_apply(const struct entry *e, const char *path, bool *restore)
{
	int fd = open(path, O_PATH | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (wt_set_file_security(-1, fd, e->sel, e->sd, e->len)) {
		err = errno;
		if (err == EPERM && !*restore && !enable_restore()) {
			*restore = true;
			err = 0;
			if (wt_set_file_security(-1, fd, e->sel, e->sd, e->len))
				err = errno;
		}
	}
	close(fd);
	return err;
}

/*
 * restore FILE [DIR]: every SD of the save file FILE put back on the same
 * path below DIR (default: the current directory). A bad line anywhere
 * and nothing is changed; a path that is missing or whose SD is refused
 * is named with the reason and the rest go on.
 */
int cmd_restore(int argc, char **argv)
{
	struct progress prog;
	struct entry *list = NULL;
	char path[PATH_MAX];
	struct request r;
	struct cli c;
	const char *file, *dir;
	bool restore = false;
	size_t n, i;
	int started, rc, err;
	FILE *f;

	started = file_begin("restore", argc, argv, &c, &r, 1, 2);
	if (started >= 0)
		return started;
	file = argv[optind];
	dir = optind + 1 < argc ? argv[optind + 1] : ".";
	f = strcmp(file, "-") ? fopen(file, "re") : stdin;
	if (!f) {
		fprintf(stderr, "wtacl restore: %s: %s\n", file, strerror(errno));
		return EXIT_INPUT;
	}
	rc = entries_read(file, f, &r.dom, &list, &n);
	if (f != stdin)
		fclose(f);
	if (rc) {
		fprintf(stderr, "wtacl restore: nothing was changed\n");
		return rc;
	}
	progress_start(&prog, "wtacl", "restore", "restored");
	for (i = 0; i < n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, list[i].name) >=
		    (int)sizeof(path)) {
			progress_fail(&prog, list[i].shown, strerror(ENAMETOOLONG));
			continue;
		}
		err = entry_apply(&list[i], path, &restore);
		if (err)
			progress_fail(&prog, list[i].shown, strerror(err));
		else
			progress_step(&prog);
	}
	entries_free(list, n);
	return progress_end(&prog, "not restored") ? EXIT_SYSTEM : EXIT_GRANTED;
}
