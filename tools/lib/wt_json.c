// SPDX-License-Identifier: GPL-2.0
/*
 * Strict JSON reader for the host tools (see wt_json.h).
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "wt_json.h"
#include "wt_utf8.h"

struct json_parser {
	const char *p;
	const char *end;
	const char *error;
	unsigned int depth;
};

static void json_skip_ws(struct json_parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
				   *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static bool json_fail(struct json_parser *ps, const char *msg)
{
	if (!ps->error)
		ps->error = msg;
	return false;
}

static bool json_literal(struct json_parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n))
		return json_fail(ps, "invalid literal");
	ps->p += n;
	return true;
}

/* Growable byte buffer for decoded strings. */
struct json_buf {
	char *s;
	size_t len;
	size_t cap;
};

static bool json_buf_add(struct json_buf *b, const char *bytes, size_t n)
{
	char *s;

	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;

		while (cap < b->len + n + 1)
			cap *= 2;
		s = realloc(b->s, cap);
		if (!s)
			return false;
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, bytes, n);
	b->len += n;
	b->s[b->len] = '\0';
	return true;
}

static int json_hex4(const char *p)
{
	int v = 0, i, d;

	for (i = 0; i < 4; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			d = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			d = p[i] - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* \uXXXX (and its low surrogate); @p points after the 'u'. */
static bool json_unicode_escape(struct json_parser *ps, struct json_buf *b)
{
	char utf8[4];
	int hi, lo;
	uint32_t cp;

	hi = ps->end - ps->p < 4 ? -1 : json_hex4(ps->p);
	if (hi < 0)
		return json_fail(ps, "bad \\u escape");
	ps->p += 4;
	cp = hi;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return json_fail(ps, "lone low surrogate");
	if (hi >= 0xd800 && hi <= 0xdbff) {
		lo = -1;
		if (ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u')
			lo = json_hex4(ps->p + 2);
		if (lo < 0xdc00 || lo > 0xdfff)
			return json_fail(ps, "lone high surrogate");
		ps->p += 6;
		cp = 0x10000 + ((uint32_t)(hi - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return json_fail(ps, "NUL in string");
	return json_buf_add(b, utf8, wt_utf8_encode(utf8, cp)) ||
	       json_fail(ps, "out of memory");
}

static bool json_escape(struct json_parser *ps, struct json_buf *b)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *hit;

	if (ps->p == ps->end)
		return json_fail(ps, "unterminated string");
	if (*ps->p == 'u') {
		ps->p++;
		return json_unicode_escape(ps, b);
	}
	hit = memchr(from, *ps->p, sizeof(from) - 1);
	if (!hit)
		return json_fail(ps, "bad escape");
	ps->p++;
	return json_buf_add(b, &to[hit - from], 1) ||
	       json_fail(ps, "out of memory");
}

/* A string literal at the cursor; returns the decoded text or NULL. */
static char *json_string(struct json_parser *ps)
{
	struct json_buf b = { NULL, 0, 0 };
	const char *run;
	bool ok = json_buf_add(&b, "", 0);

	if (ps->p == ps->end || *ps->p != '"') {
		json_fail(ps, "expected a string");
		ok = false;
	} else {
		ps->p++;
	}
	while (ok) {
		run = ps->p;
		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
		       (unsigned char)*ps->p >= 0x20)
			ps->p++;
		ok = json_buf_add(&b, run, ps->p - run);
		if (!ok || ps->p == ps->end) {
			ok = json_fail(ps, "unterminated string");
			break;
		}
		if (*ps->p == '"') {
			ps->p++;
			return b.s;
		}
		if (*ps->p != '\\') {
			ok = json_fail(ps, "control character in string");
			break;
		}
		ps->p++;
		ok = json_escape(ps, &b);
	}
	free(b.s);
	return NULL;
}

static bool json_digits(struct json_parser *ps)
{
	const char *start = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > start || json_fail(ps, "bad number");
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool json_number(struct json_parser *ps, struct json_value *v)
{
	const char *start = ps->p;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (!json_digits(ps))
		return false;
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!json_digits(ps))
			return false;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!json_digits(ps))
			return false;
	}
	v->type = JSON_NUMBER;
	v->text = strndup(start, ps->p - start);
	return v->text || json_fail(ps, "out of memory");
}

static bool json_value_at(struct json_parser *ps, struct json_value *v);

/* Append a member to an array or object (key NULL for arrays). */
static bool json_add_member(struct json_parser *ps, struct json_value *c,
			    char *key)
{
	struct json_value *items;
	char **keys;
	size_t i;

	if (key) {
		for (i = 0; i < c->count; i++)
			if (!strcmp(c->keys[i], key))
				return json_fail(ps, "duplicate key");
		keys = realloc(c->keys, (c->count + 1) * sizeof(*keys));
		if (!keys)
			return json_fail(ps, "out of memory");
		c->keys = keys;
	}
	items = realloc(c->items, (c->count + 1) * sizeof(*items));
	if (!items)
		return json_fail(ps, "out of memory");
	c->items = items;
	memset(&items[c->count], 0, sizeof(*items));
	if (key)
		c->keys[c->count] = key;
	c->count++;
	return json_value_at(ps, &items[c->count - 1]);
}

/* Array or object body after its opening bracket. */
static bool json_container(struct json_parser *ps, struct json_value *v,
			   bool object)
{
	char close = object ? '}' : ']';
	char *key = NULL;

	v->type = object ? JSON_OBJECT : JSON_ARRAY;
	if (++ps->depth > JSON_MAX_DEPTH)
		return json_fail(ps, "nested too deeply");
	json_skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		ps->depth--;
		return true;
	}
	for (;;) {
		json_skip_ws(ps);
		if (object) {
			key = json_string(ps);
			if (!key)
				return false;
			json_skip_ws(ps);
			if (ps->p == ps->end || *ps->p != ':') {
				free(key);
				return json_fail(ps, "expected ':'");
			}
			ps->p++;
		}
		if (!json_add_member(ps, v, key)) {
			if (key && (!v->count || v->keys[v->count - 1] != key))
				free(key);
			return false;
		}
		json_skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			ps->depth--;
			return true;
		}
		return json_fail(ps, object ? "expected ',' or '}'" :
					      "expected ',' or ']'");
	}
}

static bool json_value_at(struct json_parser *ps, struct json_value *v)
{
	json_skip_ws(ps);
	if (ps->p == ps->end)
		return json_fail(ps, "unexpected end of input");
	switch (*ps->p) {
	case '{':
	case '[':
		ps->p++;
		return json_container(ps, v, ps->p[-1] == '{');
	case '"':
		v->type = JSON_STRING;
		v->text = json_string(ps);
		return !!v->text;
	case 't':
		v->type = JSON_TRUE;
		return json_literal(ps, "true");
	case 'f':
		v->type = JSON_FALSE;
		return json_literal(ps, "false");
	case 'n':
		v->type = JSON_NULL;
		return json_literal(ps, "null");
	default:
		return json_number(ps, v);
	}
}

static void json_free_members(struct json_value *v)
{
	size_t i;

	for (i = 0; i < v->count; i++) {
		json_free_members(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
}

void json_free(struct json_value *v)
{
	if (v) {
		json_free_members(v);
		free(v);
	}
}

struct json_value *json_parse(const char *text, size_t len,
			      const char **error)
{
	struct json_parser ps = { text, text + len, NULL, 0 };
	struct json_value *v = calloc(1, sizeof(*v));

	if (!v) {
		if (error)
			*error = "out of memory";
		return NULL;
	}
	if (json_value_at(&ps, v)) {
		json_skip_ws(&ps);
		if (ps.p != ps.end)
			json_fail(&ps, "trailing text after the value");
	}
	if (ps.error) {
		if (error)
			*error = ps.error;
		json_free(v);
		return NULL;
	}
	return v;
}

const struct json_value *json_get(const struct json_value *obj,
				  const char *key)
{
	size_t i;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->count; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	return NULL;
}

/*
 * A JSON text is UTF-8 (RFC 8259, section 8.1), but file names and other
 * strings from the system are bytes: each byte that does not start a
 * well-formed sequence is written as \ufffd, so that a reader never gets
 * an invalid document. Tools that must give such a name back exactly write
 * it escaped as well (wtacl's "path_escaped").
 */
void json_write_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	fputc('"', f);
	while (*p) {
		len = wt_utf8_len(p);
		if (!len) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fwrite(p, 1, len, f);
		p += len;
	}
	fputc('"', f);
}
