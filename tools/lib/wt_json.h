/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small strict JSON reader (RFC 8259) for the host tools: one document,
 * no trailing text, no duplicate object keys, no control characters in
 * strings, nesting at most JSON_MAX_DEPTH deep. Numbers are kept as text.
 */
#ifndef WT_TOOLS_JSON_H
#define WT_TOOLS_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

/**
 * struct json_value - a parsed value
 * @type: what it is
 * @text: JSON_STRING: the decoded UTF-8 (NUL-terminated, no NUL inside);
 *	JSON_NUMBER: the number as written
 * @count: JSON_ARRAY and JSON_OBJECT: number of members
 * @items: their values
 * @keys: JSON_OBJECT: their keys (decoded, NUL-terminated)
 */
struct json_value {
	enum json_type type;
	char *text;
	size_t count;
	struct json_value *items;
	char **keys;
};

/*
 * Parse @len bytes at @text into a new value. Returns NULL on error and
 * points *@error (if not NULL) at a static message.
 */
struct json_value *json_parse(const char *text, size_t len,
			      const char **error);
void json_free(struct json_value *v);

/* The member @key of object @obj, or NULL. */
const struct json_value *json_get(const struct json_value *obj,
				  const char *key);

/* Write @s as a JSON string literal, escaping what must be escaped. */
void json_write_string(FILE *f, const char *s);

#endif /* WT_TOOLS_JSON_H */
