// SPDX-License-Identifier: GPL-2.0
/*
 * The Windows SD corpus: every file of the directory given as argv[1]
 * (../shared/oracles/windows-sd-bytes/) is one JSON object mapping an SDDL
 * string to the self-relative bytes Windows made of it. Per entry:
 *
 *   - our bytes for the string equal Windows' bytes (where Windows' ACLs
 *     carry slack, which no text expresses: equal Windows' bytes without
 *     the slack, at the ACL revision the text implies);
 *   - where the string is Windows' own output (every file but the one the
 *     README names), our text for Windows' bytes equals the string.
 *
 * One TAP line per file with the counts; each failing entry is printed as
 * a TAP comment. Every entry counts, conditional and resource attribute
 * ACEs included. The one deliberate difference, ACL slack, is handled below and described in
 * Documentation/sddl.rst.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include "sddl.h"
#include "wt_json.h"

/* The account domain of the Windows machine the corpus was made on. */
#define CORPUS_DOMAIN "S-1-5-21-2457507606-2709100691-398136650"

/* The one file whose keys are the input strings, not Windows' output. */
#define CORPUS_INPUT_KEYS "conditional_aces.txt.json"

/* Failing entries printed per file and check. */
#define CORPUS_SHOW 10

struct corpus_counts {
	unsigned int entries;
	unsigned int bytes_ok;
	unsigned int text_ok;
	unsigned int text_checked;
	unsigned int slack;
	unsigned int failed;
	unsigned int shown;
};

static struct wt_sid corpus_domain_sid;
static const struct sddl_domain corpus_domain = { &corpus_domain_sid, NULL };

static unsigned int test_count, test_failed;

/* Does an ACL of the raw bytes have AclSize beyond its last ACE? */
static bool has_acl_slack(const u8 *sd, size_t len)
{
	unsigned int i, n, off, count, pos, size;

	if (len < 20)
		return false;
	for (i = 12; i <= 16; i += 4) {
		off = sd[i] | sd[i + 1] << 8 | sd[i + 2] << 16 |
		      (u32)sd[i + 3] << 24;
		if (!off || off + 8 > len)
			continue;
		size = sd[off + 2] | sd[off + 3] << 8;
		count = sd[off + 4] | sd[off + 5] << 8;
		pos = 8;
		for (n = 0; n < count && off + pos + 4 <= len; n++)
			pos += sd[off + pos + 2] | sd[off + pos + 3] << 8;
		if (pos < size)
			return true;
	}
	return false;
}

/*
 * Windows' bytes as our SDDL writes them when its ACLs carry slack: the
 * text says nothing of the slack, nor of the revision 4 Windows gave those
 * ACLs, so the canonical form without slack, at the revision the text
 * implies (2 without object ACEs). NULL when Windows' bytes do not parse.
 */
static u8 *without_slack(const u8 *want, size_t want_len, size_t *len)
{
	struct wt_acl_view *acls[2];
	struct wt_sd_view v, out_v;
	struct wt_ace_iter it;
	struct wt_ace_view ace;
	bool more, object;
	u8 *in, *out;
	long n;
	int i;

	in = aligned_alloc(4, (want_len + 4) & ~(size_t)3);
	if (!in)
		return NULL;
	memcpy(in, want, want_len);
	n = wt_sd_parse(in, want_len, &v) ? -EINVAL :
	    wt_sd_canonicalize(&v, NULL, 0);
	out = n > 0 ? aligned_alloc(4, (n + 3) & ~3L) : NULL;
	if (!out || wt_sd_canonicalize(&v, out, n) != n ||
	    wt_sd_parse(out, n, &out_v)) {
		free(in);
		free(out);
		return NULL;
	}
	acls[0] = &out_v.sacl;
	acls[1] = &out_v.dacl;
	for (i = 0; i < 2; i++) {
		object = false;
		for (more = wt_acl_first(acls[i], &it, &ace); more;
		     more = wt_acl_next(&it, &ace))
			object |= wt_ace_type_is_object(ace.type);
		if (acls[i]->acl && !object)
			out[acls[i]->acl - out] = WT_ACL_REVISION;
	}
	free(in);
	*len = n;
	return out;
}

/* The JSON array of byte values as bytes (4-byte aligned for the parser). */
static u8 *json_bytes(const struct json_value *v, size_t *len)
{
	u8 *buf;
	size_t i;
	char *end;
	long b;

	if (v->type != JSON_ARRAY)
		return NULL;
	buf = aligned_alloc(4, (v->count + 4) & ~(size_t)3);
	if (!buf)
		return NULL;
	for (i = 0; i < v->count; i++) {
		if (v->items[i].type != JSON_NUMBER)
			goto bad;
		b = strtol(v->items[i].text, &end, 10);
		if (*end || b < 0 || b > 255)
			goto bad;
		buf[i] = (u8)b;
	}
	*len = v->count;
	return buf;
bad:
	free(buf);
	return NULL;
}

static void show(struct corpus_counts *c, const char *file, const char *key,
		 const char *what, const char *detail)
{
	if (c->shown++ < CORPUS_SHOW)
		printf("# %s: %s: %.300s\n#   %.300s\n", file, what, key,
		       detail ? detail : "");
}

static void hex_of(const u8 *b, size_t n, char *out, size_t size)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 3 < size; i++)
		k += snprintf(out + k, size - k, "%02x", b[i]);
	out[k] = '\0';
}

/* Both checks for one entry; true when every check that ran agreed. */
static bool corpus_entry(struct corpus_counts *c, const char *file,
			 const char *key, const u8 *want, size_t want_len,
			 bool key_is_output)
{
	struct sddl_error err = { 0, NULL };
	char detail[700], *text = NULL;
	const u8 *want_bytes = want;
	size_t want_bytes_len = want_len, slack_len = 0;
	u8 *got = NULL, *slack_free = NULL;
	size_t len = 0;
	bool ok = true;
	int rc;

	if (has_acl_slack(want, want_len)) {
		slack_free = without_slack(want, want_len, &slack_len);
		if (!slack_free) {
			show(c, file, key, "Windows' bytes refused", NULL);
			return false;
		}
		c->slack++;
		want_bytes = slack_free;
		want_bytes_len = slack_len;
	}
	rc = sddl_to_sd(key, &corpus_domain, &got, &len, &err);
	if (rc) {
		snprintf(detail, sizeof(detail), "refused (%d) at %zu: %s",
			 rc, err.offset, err.message ? err.message : "?");
		ok = false;
	} else if (len != want_bytes_len || memcmp(got, want_bytes, len)) {
		char hex[600];

		hex_of(got, len, hex, sizeof(hex));
		snprintf(detail, sizeof(detail), "got bytes %s", hex);
		ok = false;
	} else {
		c->bytes_ok++;
	}
	if (!ok)
		show(c, file, key, "bytes differ", detail);
	free(got);
	free(slack_free);
	if (!key_is_output)
		return ok;
	c->text_checked++;
	rc = sddl_from_sd(want, want_len, &corpus_domain, &text);
	if (rc) {
		snprintf(detail, sizeof(detail), "Windows' bytes refused (%d)",
			 rc);
		show(c, file, key, "text differs", detail);
		return false;
	}
	if (strcmp(text, key)) {
		show(c, file, key, "text differs", text);
		free(text);
		return false;
	}
	c->text_ok++;
	free(text);
	return ok;
}

/* Everything @fd gives until EOF, NUL-terminated; NULL on failure. */
static char *read_fd(int fd, size_t *len)
{
	size_t cap = 1 << 16;
	char *buf = malloc(cap), *p;
	ssize_t n;

	*len = 0;
	while (buf && (n = read(fd, buf + *len, cap - *len - 1)) > 0) {
		*len += n;
		if (*len + 1 == cap) {
			p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				return NULL;
			}
			buf = p;
			cap *= 2;
		}
	}
	if (buf && n < 0) {
		free(buf);
		return NULL;
	}
	if (buf)
		buf[*len] = '\0';
	return buf;
}

/* The file @name of @dir, through gzip -dc when it ends in .gz. */
static char *read_all(const char *dir, const char *name, size_t *len)
{
	size_t l = strlen(name);
	char path[4096], *text;
	int fd, pfd[2], status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (l < 3 || strcmp(name + l - 3, ".gz")) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return NULL;
		text = read_fd(fd, len);
		close(fd);
		return text;
	}
	if (pipe(pfd))
		return NULL;
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		execlp("gzip", "gzip", "-dc", "--", path, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	text = pid > 0 ? read_fd(pfd[0], len) : NULL;
	close(pfd[0]);
	if (pid > 0 && (waitpid(pid, &status, 0) != pid ||
			!WIFEXITED(status) || WEXITSTATUS(status))) {
		free(text);
		text = NULL;
	}
	return text;
}

static void corpus_file(const char *dir, const char *name)
{
	struct corpus_counts c = { 0 };
	const char *jerr = NULL;
	struct json_value *v;
	bool key_is_output = strcmp(name, CORPUS_INPUT_KEYS) != 0;
	bool ok;
	size_t len, i, blen;
	char *text;
	u8 *bytes;

	text = read_all(dir, name, &len);
	v = text ? json_parse(text, len, &jerr) : NULL;
	free(text);
	test_count++;
	if (!v || v->type != JSON_OBJECT) {
		test_failed++;
		printf("not ok %u %s: cannot read (%s)\n", test_count, name,
		       jerr ? jerr : "not a JSON object");
		json_free(v);
		return;
	}
	for (i = 0; i < v->count; i++) {
		c.entries++;
		bytes = json_bytes(&v->items[i], &blen);
		if (!bytes) {
			c.failed++;
			show(&c, name, v->keys[i], "not a byte array", NULL);
			continue;
		}
		ok = corpus_entry(&c, name, v->keys[i], bytes, blen,
				  key_is_output);
		if (!ok)
			c.failed++;
		free(bytes);
	}
	if (c.failed)
		test_failed++;
	printf("%s %u %s: %u entries; bytes equal %u, text equal %u of %u; ",
	       c.failed ? "not ok" : "ok", test_count, name, c.entries,
	       c.bytes_ok, c.text_ok, c.text_checked);
	printf("%u with ACL slack; %u differences\n", c.slack, c.failed);
	json_free(v);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	char **names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;

	wt_sid_from_string(&corpus_domain_sid, CORPUS_DOMAIN);
	d = argc > 1 ? opendir(argv[1]) : NULL;
	if (!d) {
		printf("1..0 # SKIP no corpus directory (%s)\n",
		       argc > 1 ? argv[1] : "none given");
		return 0;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if ((l > 5 && !strcmp(de->d_name + l - 5, ".json")) ||
		    (l > 8 && !strcmp(de->d_name + l - 8, ".json.gz"))) {
			names = realloc(names, (n + 1) * sizeof(*names));
			if (!names)
				return 1;
			names[n++] = strdup(de->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		corpus_file(argv[1], names[i]);
		free(names[i]);
	}
	free(names);
	test_count++;
	if (!n)
		test_failed++;
	printf("%s %u %zu corpus files read\n", n ? "ok" : "not ok",
	       test_count, n);
	printf("1..%u\n", test_count);
	return test_failed ? 1 : 0;
}
