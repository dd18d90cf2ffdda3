// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - token handles: anon-inode file descriptors "[wintok-token]".
 *
 * A handle holds a reference to a token and the access it was granted
 * when opened, like a Windows handle. Handles are recognised by their
 * f_op (wt_token_fops); they can be passed between processes (SCM_RIGHTS)
 * and keep the rights they were opened with. An open handle pins the
 * module (the fops owner), so the module cannot be unloaded under it.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"

/*
 * What a process may open its own token for: the token's default DACL
 * grants its user GENERIC_ALL, i.e. TOKEN_ALL_ACCESS (not
 * ACCESS_SYSTEM_SECURITY, which needs SeSecurityPrivilege).
 */
#define WT_OWN_TOKEN_ACCESS WT_TOKEN_ALL_ACCESS

static void wt_put_sid(struct wt_sid_and_attributes *out,
		       const struct wt_sid *sid, u32 attributes)
{
	out->attributes = attributes;
	out->sid_size = wt_sid_size(sid);
	memcpy(out->sid, sid, out->sid_size);
}

/* Fill a struct wt_token_groups with the @n entries of @sids matching @want. */
static size_t wt_put_groups(u8 *out, const struct wt_sid_attr *sids, u32 n,
			    u32 want)
{
	struct wt_token_groups *g = (struct wt_token_groups *)out;
	u32 i, count = 0;

	for (i = 0; i < n; i++) {
		if ((sids[i].attributes & want) != want)
			continue;
		if (out)
			wt_put_sid(&g->groups[count], &sids[i].sid,
				   sids[i].attributes);
		count++;
	}
	if (out)
		g->count = count;
	return sizeof(*g) + (size_t)count * sizeof(g->groups[0]);
}

static bool wt_state_elevated(const struct wt_token_state *st)
{
	struct wt_sid admins;
	u32 i;

	wt_sid_well_known(&admins, WT_SID_BUILTIN_ADMINISTRATORS);
	for (i = 0; i < st->view.group_count; i++) {
		const struct wt_sid_attr *g = &st->view.groups[i];

		if (wt_sid_equal(&g->sid, &admins) &&
		    (g->attributes & WT_SE_GROUP_ENABLED) &&
		    !(g->attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY))
			return true;
	}
	return false;
}

static u32 wt_put_u32(u8 *out, u32 v)
{
	if (out)
		memcpy(out, &v, sizeof(v));
	return sizeof(v);
}

/*
 * Answer class @cls for @tok whose state is @st into @out, or only size
 * it when @out is NULL. @out is zeroed and large enough.
 *
 * Return: the size of the answer, -EINVAL (unknown class) or -ENODATA.
 */
static long wt_query(struct wt_token *tok, const struct wt_token_state *st,
		     u32 cls, u8 *out)
{
	const struct wt_token_view *v = &st->view;
	u32 i;

	switch (cls) {
	case WT_TOKEN_INFO_USER:
		if (out)
			wt_put_sid((void *)out, &v->user.sid, v->user.attributes);
		return sizeof(struct wt_sid_and_attributes);
	case WT_TOKEN_INFO_GROUPS:
		return wt_put_groups(out, v->groups, v->group_count, 0);
	case WT_TOKEN_INFO_RESTRICTED_SIDS:
		return wt_put_groups(out, v->restricted, v->restricted_count, 0);
	case WT_TOKEN_INFO_LOGON_SID:
		return wt_put_groups(out, v->groups, v->group_count,
				     WT_SE_GROUP_LOGON_ID);
	case WT_TOKEN_INFO_PRIVILEGES: {
		struct wt_token_privileges *p = (void *)out;
		u64 used = atomic64_read(&tok->privs_used);
		u32 count = 0;

		for (i = WT_SE_MIN_PRIVILEGE; i <= WT_SE_MAX_PRIVILEGE; i++) {
			u64 bit = 1ULL << i;
			u32 attrs = 0;

			if (!(st->privs_present & bit))
				continue;
			if (st->privs_default & bit)
				attrs |= WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
			if (v->privileges & bit)
				attrs |= WT_SE_PRIVILEGE_ENABLED;
			if (used & bit)
				attrs |= WT_SE_PRIVILEGE_USED_FOR_ACCESS;
			if (out) {
				p->privileges[count].luid = i;
				p->privileges[count].attributes = attrs;
			}
			count++;
		}
		if (out)
			p->count = count;
		return sizeof(*p) + (size_t)count * sizeof(p->privileges[0]);
	}
	case WT_TOKEN_INFO_OWNER:
		if (out)
			wt_put_sid((void *)out, wt_state_owner(st), 0);
		return sizeof(struct wt_sid_and_attributes);
	case WT_TOKEN_INFO_PRIMARY_GROUP:
		if (out)
			wt_put_sid((void *)out, &st->primary_group, 0);
		return sizeof(struct wt_sid_and_attributes);
	case WT_TOKEN_INFO_DEFAULT_DACL:
		if (!st->has_dacl)
			return 0;
		if (out)
			memcpy(out, st->dacl_sd.dacl.acl, st->dacl_sd.dacl.size);
		return st->dacl_sd.dacl.size;
	case WT_TOKEN_INFO_USER_CLAIMS:
	case WT_TOKEN_INFO_DEVICE_CLAIMS: {
		/* the claims buffer as it was given at creation */
		u32 n;
		const u8 *b = wt_claims_bytes(st->claims,
					      cls == WT_TOKEN_INFO_DEVICE_CLAIMS,
					      &n);

		if (out && n)
			memcpy(out, b, n);
		return n;
	}
	case WT_TOKEN_INFO_SOURCE: {
		struct wt_token_source *s = (void *)out;

		if (out) {
			memcpy(s->name, tok->source_name, sizeof(s->name));
			s->luid = tok->source_luid;
		}
		return sizeof(*s);
	}
	case WT_TOKEN_INFO_TYPE:
		return wt_put_u32(out, tok->type);
	case WT_TOKEN_INFO_IMPERSONATION_LEVEL:
		if (tok->type != WT_TOKEN_IMPERSONATION)
			return -ENODATA;
		return wt_put_u32(out, tok->level);
	case WT_TOKEN_INFO_STATISTICS: {
		struct wt_token_statistics *s = (void *)out;

		if (out) {
			s->token_id = tok->token_id;
			s->authentication_id = tok->auth_id;
			s->expiration_time = S64_MAX;
			s->token_type = tok->type;
			s->impersonation_level = tok->level;
			s->dynamic_charged = st->size;
			s->dynamic_available = 0;
			s->group_count = v->group_count;
			s->privilege_count = hweight64(st->privs_present);
			s->modified_id = st->modified_id;
		}
		return sizeof(*s);
	}
	case WT_TOKEN_INFO_SESSION_ID:
		return wt_put_u32(out, st->session_id);
	case WT_TOKEN_INFO_ORIGIN:
		if (out)
			memcpy(out, &tok->origin, sizeof(tok->origin));
		return sizeof(tok->origin);
	case WT_TOKEN_INFO_ELEVATION_TYPE:
		return wt_put_u32(out, tok->elevation_type);
	case WT_TOKEN_INFO_ELEVATION:
		return wt_put_u32(out, wt_state_elevated(st));
	case WT_TOKEN_INFO_HAS_RESTRICTIONS:
		return wt_put_u32(out, v->restricted_count > 0);
	case WT_TOKEN_INFO_INTEGRITY_LEVEL: {
		struct wt_sid sid;

		if (out) {
			wt_sid_init(&sid, 16, 1, &v->integrity_level);
			wt_put_sid((void *)out, &sid, WT_SE_GROUP_INTEGRITY |
				   WT_SE_GROUP_INTEGRITY_ENABLED);
		}
		return sizeof(struct wt_sid_and_attributes);
	}
	case WT_TOKEN_INFO_MANDATORY_POLICY:
		return wt_put_u32(out, v->mandatory_policy);
	case WT_TOKEN_INFO_LINUX: {
		struct wt_token_linux *l = (void *)out;

		if (out && (tok->flags & WT_TOKF_DERIVED)) {
			l->flags = WT_TOKEN_LINUX_DERIVED;
			l->uid = from_kuid(&init_user_ns, tok->uid);
			l->gid = from_kgid(&init_user_ns, tok->gid);
			l->ngroups = tok->ngroups;
		}
		return sizeof(*l);
	}
	default:
		return -EINVAL;
	}
}

static long wt_ioctl_query_token(struct wt_token_handle *h, void __user *arg)
{
	struct wt_token *tok = h->token;
	struct wt_token_state *st;
	struct wt_token_query q;
	u8 *kbuf = NULL;
	u32 usize, need;
	long len;
	int err;

	err = wt_copy_arg_in(&q, sizeof(q), arg, WT_TOKEN_QUERY_SIZE_VER0, &usize);
	if (err)
		return err;
	if (q.flags)
		return -EINVAL;
	/* Size the answer first: an unknown class is EINVAL before EACCES. */
	rcu_read_lock();
	len = wt_query(tok, wt_token_state(tok), q.info_class, NULL);
	rcu_read_unlock();
	if (len == -EINVAL)
		return len;
	need = q.info_class == WT_TOKEN_INFO_SOURCE ? WT_TOKEN_QUERY_SOURCE :
						       WT_TOKEN_QUERY;
	if (!(h->granted & need))
		return -EACCES;
	if (len < 0)
		return len;

	/* The state cannot change while the lock is held. */
	mutex_lock(&tok->lock);
	st = wt_token_state(tok);
	len = wt_query(tok, st, q.info_class, NULL);
	if (len > q.length) {
		mutex_unlock(&tok->lock);
		q.length = len;
		err = wt_copy_arg_out(&q, sizeof(q), arg, usize);
		return err ? err : -ERANGE;
	}
	if (len) {
		kbuf = kvzalloc(len, GFP_KERNEL);
		if (!kbuf) {
			mutex_unlock(&tok->lock);
			return -ENOMEM;
		}
		wt_query(tok, st, q.info_class, kbuf);
	}
	mutex_unlock(&tok->lock);
	err = 0;
	if (len && copy_to_user(u64_to_user_ptr(q.buffer), kbuf, len))
		err = -EFAULT;
	kvfree(kbuf);
	if (err)
		return err;
	q.length = len;
	return wt_copy_arg_out(&q, sizeof(q), arg, usize);
}

/* Attributes a caller may give one privilege of an adjust request. */
#define WT_ADJUST_VALID_ATTRS (WT_SE_PRIVILEGE_ENABLED | WT_SE_PRIVILEGE_REMOVED)
#define WT_ADJUST_MAX 64

static bool wt_priv_listed(const struct wt_luid_and_attributes *list, u32 n,
			   u64 luid)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (list[i].luid == luid)
			return true;
	return false;
}

/* Attributes of privilege @bit in @st, as the query reports them. */
static u32 wt_priv_attrs(const struct wt_token_state *st, u64 bit)
{
	u32 attrs = 0;

	if (st->privs_default & bit)
		attrs |= WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT;
	if (st->view.privileges & bit)
		attrs |= WT_SE_PRIVILEGE_ENABLED;
	return attrs;
}

/*
 * Apply the @n requests at @req (or disable all) to the copy @st of the
 * current state @cur; record the previous attributes of what changed in
 * @prev (room for WT_ADJUST_MAX) and their number in @nprev.
 *
 * Return: true when a named privilege is not held.
 */
static bool wt_adjust_apply(const struct wt_token_state *cur,
			    struct wt_token_state *st,
			    const struct wt_luid_and_attributes *req, u32 n,
			    bool disable_all,
			    struct wt_luid_and_attributes *prev, u32 *nprev)
{
	bool not_all = false;
	u32 i;

	*nprev = 0;
	if (disable_all) {
		for (i = WT_SE_MIN_PRIVILEGE; i <= WT_SE_MAX_PRIVILEGE; i++) {
			u64 bit = 1ULL << i;

			if (!(st->view.privileges & bit))
				continue;
			prev[*nprev].luid = i;
			prev[*nprev].attributes = wt_priv_attrs(cur, bit);
			(*nprev)++;
			st->view.privileges &= ~bit;
		}
		return false;
	}
	for (i = 0; i < n; i++) {
		u64 bit = 1ULL << req[i].luid;

		if (!(st->privs_present & bit)) {
			not_all = true;
			continue;
		}
		if (req[i].attributes & WT_SE_PRIVILEGE_REMOVED) {
			st->privs_present &= ~bit;
			st->privs_default &= ~bit;
			st->view.privileges &= ~bit;
		} else if (req[i].attributes & WT_SE_PRIVILEGE_ENABLED) {
			if (st->view.privileges & bit)
				continue;
			st->view.privileges |= bit;
		} else {
			if (!(st->view.privileges & bit))
				continue;
			st->view.privileges &= ~bit;
		}
		/* Each privilege is reported once, with its original state. */
		if (!wt_priv_listed(prev, *nprev, req[i].luid)) {
			prev[*nprev].luid = req[i].luid;
			prev[*nprev].attributes = wt_priv_attrs(cur, bit);
			(*nprev)++;
		}
	}
	return not_all;
}

static long wt_ioctl_adjust_privileges(struct wt_token_handle *h,
				       void __user *arg)
{
	struct wt_luid_and_attributes *req = NULL, *prev = NULL;
	struct wt_token *tok = h->token;
	struct wt_token_state *st;
	struct wt_adjust_privileges a;
	bool disable_all, not_all;
	u32 usize, nprev, i;
	int err;

	BUILD_BUG_ON(WT_SE_MAX_PRIVILEGE >= WT_ADJUST_MAX);

	err = wt_copy_arg_in(&a, sizeof(a), arg, WT_ADJUST_PRIVILEGES_SIZE_VER0,
			     &usize);
	if (err)
		return err;
	if ((a.flags & ~WT_ADJUST_DISABLE_ALL) || a.result || a.reserved ||
	    a.count > WT_ADJUST_MAX)
		return -EINVAL;
	disable_all = a.flags & WT_ADJUST_DISABLE_ALL;
	if (disable_all ? a.count != 0 : a.count == 0)
		return -EINVAL;

	prev = kcalloc(WT_ADJUST_MAX, sizeof(*prev), GFP_KERNEL);
	if (!prev)
		return -ENOMEM;
	if (a.count) {
		req = memdup_user(u64_to_user_ptr(a.privileges),
				  array_size(a.count, sizeof(*req)));
		if (IS_ERR(req)) {
			err = PTR_ERR(req);
			req = NULL;
			goto out;
		}
	}
	for (i = 0; i < a.count; i++) {
		if (req[i].luid < WT_SE_MIN_PRIVILEGE ||
		    req[i].luid > WT_SE_MAX_PRIVILEGE ||
		    req[i].reserved ||
		    (req[i].attributes & ~WT_ADJUST_VALID_ATTRS) ||
		    req[i].attributes == WT_ADJUST_VALID_ATTRS) {
			err = -EINVAL;
			goto out;
		}
	}
	/* A malformed request is EINVAL whatever the handle's rights. */
	if (!(h->granted & WT_TOKEN_ADJUST_PRIVILEGES)) {
		err = -EACCES;
		goto out;
	}

	/* Read, change and publish under one hold of the lock. */
	mutex_lock(&tok->lock);
	st = wt_state_copy(wt_token_state(tok), GFP_KERNEL_ACCOUNT);
	if (!st) {
		mutex_unlock(&tok->lock);
		err = -ENOMEM;
		goto out;
	}
	not_all = wt_adjust_apply(wt_token_state(tok), st, req, a.count,
				  disable_all, prev, &nprev);
	if (a.previous && nprev > a.previous_count) {
		mutex_unlock(&tok->lock);
		wt_state_free(st);
		a.previous_count = nprev;
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize);
		err = err ? err : -ERANGE;
		goto out;
	}
	/* Disabling or removing SeChangeNotify needs the traverse check. */
	err = nprev ? wt_state_require_traverse(st) : 0;
	if (err) {
		mutex_unlock(&tok->lock);
		wt_state_free(st);
		goto out;
	}
	if (nprev) {
		st->modified_id = wt_luid_alloc();
		wt_token_publish_locked(tok, st);
	} else {
		wt_state_free(st);
	}
	mutex_unlock(&tok->lock);

	a.result = not_all ? WT_ADJUST_NOT_ALL_ASSIGNED : 0;
	err = wt_prev_out(a.previous, prev, nprev, sizeof(*prev),
			  &a.previous_count);
	if (!err)
		err = wt_copy_arg_out(&a, sizeof(a), arg, usize);
out:
	kfree(req);
	kfree(prev);
	return err;
}

static long wt_token_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct wt_token_handle *h = file->private_data;

	switch (cmd) {
	case WT_IOC_QUERY_TOKEN:
		return wt_ioctl_query_token(h, (void __user *)arg);
	case WT_IOC_ADJUST_PRIVILEGES:
		return wt_ioctl_adjust_privileges(h, (void __user *)arg);
	case WT_IOC_DUPLICATE_TOKEN:
		return wt_ioctl_duplicate_token(h, (void __user *)arg);
	case WT_IOC_ADJUST_GROUPS:
		return wt_ioctl_adjust_groups(h, (void __user *)arg);
	case WT_IOC_CREATE_RESTRICTED_TOKEN:
		return wt_ioctl_create_restricted_token(h, (void __user *)arg);
	case WT_IOC_SET_TOKEN_INFORMATION:
		return wt_ioctl_set_token_information(h, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static int wt_token_release(struct inode *inode, struct file *file)
{
	struct wt_token_handle *h = file->private_data;

	wt_token_put(h->token);
	kfree(h);
	return 0;
}

static void wt_token_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct wt_token_handle *h = file->private_data;

	seq_printf(m, "wt-token-id:\t%llx\nwt-access:\t%#x\n",
		   h->token->token_id, h->granted);
}

const struct file_operations wt_token_fops = {
	.owner = THIS_MODULE,
	.release = wt_token_release,
	.unlocked_ioctl = wt_token_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.show_fdinfo = wt_token_show_fdinfo,
	.llseek = noop_llseek,
};

/**
 * wt_token_handle_prepare() - make a handle for a token, not yet visible
 * @tok: the token; the caller's reference moves to the handle (or is
 *	dropped on failure)
 * @granted: the TOKEN_* rights the handle carries
 * @nh: out: the reserved descriptor and its file
 *
 * The caller reports the descriptor to user space, then makes it visible
 * with wt_token_handle_commit() or undoes everything with
 * wt_token_handle_abort().
 *
 * Return: 0 or a negative errno.
 */
int wt_token_handle_prepare(struct wt_token *tok, u32 granted,
			    struct wt_new_handle *nh)
{
	struct wt_token_handle *h;
	int err;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);	/* lives with the fd */
	if (!h) {
		wt_token_put(tok);
		return -ENOMEM;
	}
	h->token = tok;
	h->granted = granted;
	nh->fd = get_unused_fd_flags(O_CLOEXEC);
	if (nh->fd < 0) {
		err = nh->fd;
		goto fail;
	}
	nh->file = anon_inode_getfile("[wintok-token]", &wt_token_fops, h, O_RDONLY);
	if (IS_ERR(nh->file)) {
		put_unused_fd(nh->fd);
		err = PTR_ERR(nh->file);
		goto fail;
	}
	return 0;
fail:
	wt_token_put(tok);
	kfree(h);
	return err;
}

/**
 * wt_token_handle_commit() - make a prepared handle visible
 * @nh: from wt_token_handle_prepare()
 *
 * Return: the file descriptor.
 */
int wt_token_handle_commit(struct wt_new_handle *nh)
{
	fd_install(nh->fd, nh->file);
	return nh->fd;
}

/**
 * wt_token_handle_abort() - drop a prepared handle and its token reference
 * @nh: from wt_token_handle_prepare()
 */
void wt_token_handle_abort(struct wt_new_handle *nh)
{
	put_unused_fd(nh->fd);
	fput(nh->file);		/* releases the handle and the token */
}

/**
 * wt_token_handle_reply() - prepare a handle and report it to the caller
 * @tok: the token; the caller's reference moves to the handle (or is
 *	dropped on failure)
 * @granted: the TOKEN_* rights the handle carries
 * @granted_out: the granted_access field of @karg, set to @granted
 * @karg: the ioctl argument, copied back to user space
 * @ksize: its kernel size
 * @uarg: the user's argument
 * @usize: its user size
 * @nh: out: the prepared handle
 *
 * The descriptor is written to user space before it becomes visible, so a
 * failed copy leaves no descriptor behind. On success the caller records
 * its audit events and makes the handle visible with
 * wt_token_handle_commit(); on failure there is nothing to undo.
 *
 * Return: 0 or a negative errno.
 */
int wt_token_handle_reply(struct wt_token *tok, u32 granted, u32 *granted_out,
			  void *karg, size_t ksize, void __user *uarg,
			  u32 usize, struct wt_new_handle *nh)
{
	int err;

	err = wt_token_handle_prepare(tok, granted, nh);
	if (err)
		return err;
	*granted_out = granted;
	err = wt_copy_arg_out(karg, ksize, uarg, usize);
	if (err)
		wt_token_handle_abort(nh);
	return err;
}

/**
 * wt_token_handle_fdget() - the token handle behind a file descriptor
 * @fd: the descriptor
 * @f: out: the file, to be released with fput() when done with the handle
 *
 * Return: the handle, or ERR_PTR(-EBADF) (not an open descriptor) or
 * ERR_PTR(-EBADFD) (not a token handle).
 */
struct wt_token_handle *wt_token_handle_fdget(int fd, struct file **f)
{
	struct file *file = fget(fd);

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op != &wt_token_fops) {
		fput(file);
		return ERR_PTR(-EBADFD);
	}
	*f = file;
	return file->private_data;
}

/**
 * wt_token_grant() - the rights a handle gets for a desired access mask
 * @desired: TOKEN_*, GENERIC_* and %WT_MAXIMUM_ALLOWED bits asked for
 * @allowed: what the caller may have on the token
 * @granted: out: the rights to grant
 *
 * Return: 0, -EINVAL (bits that mean nothing for a token) or -EACCES
 * (a right outside @allowed, %WT_ACCESS_SYSTEM_SECURITY included).
 */
int wt_token_grant(u32 desired, u32 allowed, u32 *granted)
{
	if (desired & ~WT_TOKEN_VALID_ACCESS)
		return -EINVAL;
	wt_map_generic(&desired, &wt_token_mapping);
	if (desired & ~(allowed | WT_MAXIMUM_ALLOWED))
		return -EACCES;
	*granted = desired & WT_MAXIMUM_ALLOWED ? allowed : desired;
	return 0;
}

/*
 * Open a handle to @tok (the caller's reference moves to the handle) and
 * report it through @out/@uarg before the descriptor becomes visible.
 */
static long wt_token_open_fd(struct wt_token *tok, u32 granted,
			     struct wt_open_token *out, void __user *uarg,
			     u32 usize)
{
	struct wt_new_handle nh;
	int err;

	err = wt_token_handle_reply(tok, granted, &out->granted_access, out,
				    sizeof(*out), uarg, usize, &nh);
	return err ?: wt_token_handle_commit(&nh);
}

/**
 * wt_ioctl_open_process_token() - %WT_IOC_OPEN_PROCESS_TOKEN
 * @arg: user pointer to &struct wt_open_token
 *
 * Return: a new token file descriptor, or a negative errno.
 */
long wt_ioctl_open_process_token(void __user *arg)
{
	struct wt_open_token ot;
	struct wt_token *tok;
	u32 usize, granted, allowed;
	int err;

	err = wt_copy_arg_in(&ot, sizeof(ot), arg, WT_OPEN_TOKEN_SIZE_VER0, &usize);
	if (err)
		return err;
	/* Since version 6 a flag names another process in @process. */
	if (ot.flags)
		return wt_open_other_process_token(&ot, arg, usize);
	if (ot.reserved)
		return -EINVAL;

	/* The process token: the objective credentials of the caller. */
	tok = wt_cred_token(current_real_cred(), GFP_KERNEL);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	/*
	 * A thread that impersonates asks as its client, as on Windows:
	 * the token's own SD decides, not the process's ownership.
	 */
	allowed = WT_OWN_TOKEN_ACCESS;
	err = 0;
	if (wt_cred_imp_level(current_cred()) >= 0)
		err = wt_token_access_allowed(tok, &allowed);
	if (!err)
		err = wt_token_grant(ot.desired_access, allowed, &granted);
	if (err) {
		wt_token_put(tok);
		return err;
	}
	return wt_token_open_fd(tok, granted, &ot, arg, usize);
}
