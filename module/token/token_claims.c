// SPDX-License-Identifier: GPL-2.0
/*
 * User and device claims of a token: read from a claims buffer at token
 * creation, validated claim by claim, kept in one immutable reference-
 * counted object that every state derived from the token shares, and
 * answered back byte for byte by the query classes.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/refcount.h>
#include <linux/overflow.h>

#include "token.h"
#include "wt_cond.h"

/**
 * struct wt_claims - a token's claims
 * @ref: one per token state pointing at it
 * @count: claims per set (0: user, 1: device)
 * @len: bytes of each set's buffer
 * @blobs: @count[0] user claims, then @count[1] device claims
 * @data: the user buffer, then the device buffer, as given
 */
struct wt_claims {
	refcount_t ref;
	u32 count[2];
	u32 len[2];
	struct wt_claim_blob *blobs;
	u8 *data;
};

/*
 * Walk the records of @buf (@len bytes): with @out NULL count them, else
 * fill @out. Return: the number of claims, or -EINVAL/-E2BIG.
 */
static int wt_claims_walk(const u8 *buf, u32 len, struct wt_claim_blob *out)
{
	u32 off = 0, rlen, n = 0;
	__le32 raw;

	while (off < len) {
		if (len - off < 4)
			return -EINVAL;
		memcpy(&raw, buf + off, sizeof(raw));
		rlen = le32_to_cpu(raw);
		if (rlen < 4 + 16 || rlen % 4 || rlen > len - off)
			return -EINVAL;
		if (!wt_claim_valid(buf + off + 4, rlen - 4))
			return -EINVAL;
		if (n == WT_CLAIMS_MAX_COUNT)
			return -E2BIG;
		if (out) {
			out[n].data = buf + off + 4;
			out[n].len = rlen - 4;
		}
		n++;
		off += rlen;
	}
	return n;
}

/**
 * wt_claims_in() - read and validate the claims of a new token
 * @uuser: user pointer to the user claims buffer
 * @ulen: its length (0: none)
 * @udev: user pointer to the device claims buffer
 * @dlen: its length (0: none)
 *
 * Return: the claims (one reference), NULL when both are empty, or an
 * ERR_PTR: -E2BIG (a buffer over %WT_CLAIMS_MAX_LENGTH or with too many
 * claims), -EINVAL (a record that does not parse), -EFAULT, -ENOMEM.
 */
struct wt_claims *wt_claims_in(u64 uuser, u32 ulen, u64 udev, u32 dlen)
{
	struct wt_claims *c;
	int n[2], err = 0;
	size_t size;

	if (!ulen && !dlen)
		return NULL;
	if (ulen > WT_CLAIMS_MAX_LENGTH || dlen > WT_CLAIMS_MAX_LENGTH)
		return ERR_PTR(-E2BIG);
	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return ERR_PTR(-ENOMEM);
	refcount_set(&c->ref, 1);
	c->len[0] = ulen;
	c->len[1] = dlen;
	c->data = kvmalloc(ulen + dlen, GFP_KERNEL_ACCOUNT);
	if (!c->data) {
		err = -ENOMEM;
		goto fail;
	}
	if (copy_from_user(c->data, u64_to_user_ptr(uuser), ulen) ||
	    copy_from_user(c->data + ulen, u64_to_user_ptr(udev), dlen)) {
		err = -EFAULT;
		goto fail;
	}
	n[0] = wt_claims_walk(c->data, ulen, NULL);
	n[1] = wt_claims_walk(c->data + ulen, dlen, NULL);
	if (n[0] < 0 || n[1] < 0) {
		err = n[0] < 0 ? n[0] : n[1];
		goto fail;
	}
	size = array_size(n[0] + n[1], sizeof(*c->blobs));
	c->blobs = kvmalloc(size ? size : 1, GFP_KERNEL_ACCOUNT);
	if (!c->blobs) {
		err = -ENOMEM;
		goto fail;
	}
	c->count[0] = n[0];
	c->count[1] = n[1];
	wt_claims_walk(c->data, ulen, c->blobs);
	wt_claims_walk(c->data + ulen, dlen, c->blobs + n[0]);
	return c;
fail:
	kvfree(c->data);
	kfree(c);
	return ERR_PTR(err);
}

/**
 * wt_claims_get() - another reference
 * @c: claims, or NULL
 *
 * Return: @c.
 */
struct wt_claims *wt_claims_get(struct wt_claims *c)
{
	if (c)
		refcount_inc(&c->ref);
	return c;
}

/**
 * wt_claims_put() - drop a reference, freeing the claims with the last
 * @c: claims, or NULL
 *
 * Called from RCU callbacks: never sleeps.
 */
void wt_claims_put(struct wt_claims *c)
{
	if (!c || !refcount_dec_and_test(&c->ref))
		return;
	kvfree(c->blobs);
	kvfree(c->data);
	kfree(c);
}

/**
 * wt_state_set_claims() - give a state its claims
 * @st: an unpublished state without claims
 * @c: the claims (the state takes over this reference), or NULL
 */
void wt_state_set_claims(struct wt_token_state *st, struct wt_claims *c)
{
	st->claims = c;
	st->view.user_claims = c ? c->blobs : NULL;
	st->view.user_claim_count = c ? c->count[0] : 0;
	st->view.device_claims = c ? c->blobs + c->count[0] : NULL;
	st->view.device_claim_count = c ? c->count[1] : 0;
}

/**
 * wt_claims_bytes() - a claims buffer as it was given
 * @c: claims, or NULL
 * @device: the device claims, else the user claims
 * @len: out: its length (0 for none)
 *
 * Return: the bytes, or NULL when there are none.
 */
const u8 *wt_claims_bytes(const struct wt_claims *c, bool device, u32 *len)
{
	*len = c ? c->len[device] : 0;
	if (!*len)
		return NULL;
	return device ? c->data + c->len[0] : c->data;
}
