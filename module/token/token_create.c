// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - tokens that do not come from Linux ids (NtCreateToken), and
 * opening another process's token: process access (process_access.c),
 * then an access check against the token's own security descriptor.
 * Assigning a primary token is in token_assign.c.
 */
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "wintok.h"
#include "token.h"
#include "token_ops.h"
#include "token_subject.h"
#include "audit.h"
#include "idmap.h"
#include "logon.h"
#include "process_access.h"
#include "token_pending.h"

/* ---- NtCreateToken ---- */

#define WT_GROUP_VALID_ATTRS						\
	(WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT |	\
	 WT_SE_GROUP_ENABLED | WT_SE_GROUP_OWNER |			\
	 WT_SE_GROUP_USE_FOR_DENY_ONLY | WT_SE_GROUP_RESOURCE |		\
	 WT_SE_GROUP_LOGON_ID)
#define WT_INTEGRITY_ATTRS (WT_SE_GROUP_INTEGRITY | WT_SE_GROUP_INTEGRITY_ENABLED)
#define WT_RESTRICTED_VALID_ATTRS \
	(WT_SE_GROUP_MANDATORY | WT_SE_GROUP_ENABLED_BY_DEFAULT | WT_SE_GROUP_ENABLED)
#define WT_PRIV_VALID_ATTRS \
	(WT_SE_PRIVILEGE_ENABLED | WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT)
#define WT_PRIV_COUNT (WT_SE_MAX_PRIVILEGE - WT_SE_MIN_PRIVILEGE + 1)

/* A token description, copied in. */
struct wt_create_in {
	struct wt_sid_attr *groups;
	struct wt_sid_attr *restricted;
	struct wt_luid_and_attributes *privs;
	u8 *dacl;
	struct wt_claims *claims;
};

static void wt_create_in_free(struct wt_create_in *in)
{
	kvfree(in->groups);
	kvfree(in->restricted);
	kfree(in->privs);
	kfree(in->dacl);
	wt_claims_put(in->claims);
}

/* Validate the groups; *@integrity gets the index + 1 of the integrity SID. */
static int wt_create_groups_check(const struct wt_sid_attr *g, u32 n,
				  u32 *integrity, u32 *level)
{
	u32 i, lvl;

	*integrity = 0;
	*level = WT_INTEGRITY_UNTRUSTED;
	for (i = 0; i < n; i++) {
		u32 a = g[i].attributes;
		bool is_label = wt_sid_is_integrity(&g[i].sid, &lvl);

		if (a & WT_INTEGRITY_ATTRS) {
			if (a != WT_INTEGRITY_ATTRS || !is_label || *integrity)
				return -EINVAL;
			*integrity = i + 1;
			*level = lvl;
			continue;
		}
		if (is_label || (a & ~WT_GROUP_VALID_ATTRS))
			return -EINVAL;
		/* Deny-only groups are never enabled; mandatory ones always. */
		if ((a & WT_SE_GROUP_USE_FOR_DENY_ONLY) &&
		    (a & (WT_SE_GROUP_ENABLED | WT_SE_GROUP_ENABLED_BY_DEFAULT |
			  WT_SE_GROUP_MANDATORY | WT_SE_GROUP_OWNER)))
			return -EINVAL;
		if ((a & WT_SE_GROUP_MANDATORY) && !(a & WT_SE_GROUP_ENABLED))
			return -EINVAL;
	}
	return 0;
}

static int wt_create_in_read(const struct wt_create_token *c,
			     struct wt_create_in *in, u32 *integrity, u32 *level)
{
	u64 seen = 0;
	u32 i;
	int err;

	if (c->group_count) {
		in->groups = wt_sid_attrs_in(c->groups, c->group_count);
		if (IS_ERR(in->groups)) {
			err = PTR_ERR(in->groups);
			in->groups = NULL;
			return err;
		}
	}
	err = wt_create_groups_check(in->groups, c->group_count, integrity, level);
	if (err)
		return err;
	if (c->restricted_count) {
		in->restricted = wt_sid_attrs_in(c->restricted_sids,
						 c->restricted_count);
		if (IS_ERR(in->restricted)) {
			err = PTR_ERR(in->restricted);
			in->restricted = NULL;
			return err;
		}
		for (i = 0; i < c->restricted_count; i++)
			if (in->restricted[i].attributes & ~WT_RESTRICTED_VALID_ATTRS)
				return -EINVAL;
	}
	if (c->privilege_count) {
		in->privs = memdup_user(u64_to_user_ptr(c->privileges),
					array_size(c->privilege_count,
						   sizeof(*in->privs)));
		if (IS_ERR(in->privs)) {
			err = PTR_ERR(in->privs);
			in->privs = NULL;
			return err;
		}
		for (i = 0; i < c->privilege_count; i++) {
			const struct wt_luid_and_attributes *p = &in->privs[i];

			if (p->luid < WT_SE_MIN_PRIVILEGE ||
			    p->luid > WT_SE_MAX_PRIVILEGE || p->reserved ||
			    (p->attributes & ~WT_PRIV_VALID_ATTRS) ||
			    (seen & (1ULL << p->luid)))
				return -EINVAL;
			seen |= 1ULL << p->luid;
		}
	}
	if (c->dacl_length) {
		in->dacl = memdup_user(u64_to_user_ptr(c->default_dacl),
				       c->dacl_length);
		if (IS_ERR(in->dacl)) {
			err = PTR_ERR(in->dacl);
			in->dacl = NULL;
			return err;
		}
		err = wt_dacl_check(in->dacl, c->dacl_length);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Owner index (0: user, 1 + i: group i) and primary group of the
 * description; -EINVAL when they are not the token's own SIDs.
 */
static int wt_create_owner_pg(const struct wt_create_token *c,
			      const struct wt_sid *user,
			      const struct wt_sid_attr *g, u32 *owner_index,
			      struct wt_sid *pg)
{
	struct wt_sid owner;
	bool found = false;
	u32 i;

	if (c->owner.attributes || c->primary_group.attributes)
		return -EINVAL;
	*owner_index = 0;
	if (c->owner.sid_size) {
		if (wt_sid_from_user(&c->owner, &owner))
			return -EINVAL;
		if (wt_sid_equal(&owner, user)) {
			if (c->user.attributes & WT_SE_GROUP_USE_FOR_DENY_ONLY)
				return -EINVAL;
		} else {
			for (i = 0; i < c->group_count && !*owner_index; i++)
				if ((g[i].attributes & WT_SE_GROUP_OWNER) &&
				    wt_sid_equal(&g[i].sid, &owner))
					*owner_index = i + 1;
			if (!*owner_index)
				return -EINVAL;
		}
	}
	if (wt_sid_from_user(&c->primary_group, pg))
		return -EINVAL;
	found = wt_sid_equal(pg, user);
	for (i = 0; i < c->group_count && !found; i++)
		found = !(g[i].attributes & WT_INTEGRITY_ATTRS) &&
			wt_sid_equal(&g[i].sid, pg);
	return found ? 0 : -EINVAL;
}

/* Build the token of a validated description. */
static struct wt_token *wt_create_build(const struct wt_create_token *c,
					const struct wt_create_in *in,
					const struct wt_sid *user,
					u32 owner_index, const struct wt_sid *pg,
					u32 level)
{
	struct wt_token_state *st;
	struct wt_token *tok;
	u32 dacl_len = c->dacl_length ? wt_dacl_sd_size(c->dacl_length) : 0;
	u32 i;
	int err;

	tok = wt_token_alloc(0, GFP_KERNEL_ACCOUNT);
	if (!tok)
		return ERR_PTR(-ENOMEM);
	tok->type = c->type;
	tok->level = c->level;
	tok->auth_id = c->authentication_id ? c->authentication_id :
					      wt_luid_alloc();
	err = wt_logon_session_join(tok->auth_id, WT_LOGON_INTERACTIVE, user,
				    GFP_KERNEL);
	if (err) {
		tok->auth_id = 0;	/* joined nothing: nothing to leave */
		wt_token_put(tok);
		return ERR_PTR(err);
	}
	memcpy(tok->source_name, c->source.name, sizeof(tok->source_name));
	tok->source_luid = c->source.luid;

	st = wt_state_alloc(c->group_count, c->restricted_count, dacl_len,
			    GFP_KERNEL_ACCOUNT);
	if (!st) {
		wt_token_put(tok);
		return ERR_PTR(-ENOMEM);
	}
	wt_state_set_claims(st, wt_claims_get(in->claims));
	st->view.user.sid = *user;
	st->view.user.attributes = c->user.attributes;
	if (c->group_count)
		memcpy(wt_state_groups(st), in->groups,
		       array_size(c->group_count, sizeof(*in->groups)));
	if (c->restricted_count)
		memcpy(wt_state_groups(st) + c->group_count, in->restricted,
		       array_size(c->restricted_count, sizeof(*in->restricted)));
	for (i = 0; i < c->privilege_count; i++) {
		u64 bit = 1ULL << in->privs[i].luid;

		st->privs_present |= bit;
		if (in->privs[i].attributes & WT_SE_PRIVILEGE_ENABLED)
			st->view.privileges |= bit;
		if (in->privs[i].attributes & WT_SE_PRIVILEGE_ENABLED_BY_DEFAULT)
			st->privs_default |= bit;
	}
	st->view.integrity_level = level;
	st->view.mandatory_policy = c->mandatory_policy;
	st->owner_index = owner_index;
	st->primary_group = *pg;
	st->session_id = c->session_id;
	if (dacl_len)
		wt_dacl_sd_write(wt_state_dacl_area(st), in->dacl, c->dacl_length);
	return wt_token_install_new(tok, st, dacl_len, 0);
}

/**
 * wt_ioctl_create_token() - %WT_IOC_CREATE_TOKEN
 * @arg: user pointer to &struct wt_create_token
 *
 * Return: the new token fd, or a negative errno.
 */
long wt_ioctl_create_token(void __user *arg)
{
	struct wt_create_in in = {};
	struct wt_create_token c;
	struct wt_new_handle nh;
	struct wt_token *tok;
	struct wt_sid user, pg;
	u32 usize, granted, integrity, level, owner_index;
	int err;

	BUILD_BUG_ON(WT_PRIV_COUNT != 35);

	err = wt_copy_arg_in(&c, sizeof(c), arg, WT_CREATE_TOKEN_SIZE_VER0, &usize);
	if (err)
		return err;
	if (c.flags || c.reserved)
		return -EINVAL;
	err = wt_caller_privilege(WT_SE_CREATE_TOKEN_PRIVILEGE);
	if (err <= 0)
		return err ? err : -EPERM;

	if (c.group_count > WT_TOKEN_MAX_GROUPS ||
	    c.restricted_count > WT_TOKEN_MAX_RESTRICTED ||
	    c.privilege_count > WT_PRIV_COUNT || c.dacl_length > WT_TOKEN_MAX_DACL)
		return -E2BIG;
	if (c.type == WT_TOKEN_PRIMARY ? c.level != 0 :
	    c.type != WT_TOKEN_IMPERSONATION || c.level > WT_SECURITY_DELEGATION)
		return -EINVAL;
	if (c.mandatory_policy & ~(WT_TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
				   WT_TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN))
		return -EINVAL;
	if ((c.user.attributes & ~WT_SE_GROUP_USE_FOR_DENY_ONLY) ||
	    wt_sid_from_user(&c.user, &user))
		return -EINVAL;
	err = wt_token_grant(c.desired_access, WT_TOKEN_ALL_ACCESS, &granted);
	if (err)
		return err;
	err = wt_create_in_read(&c, &in, &integrity, &level);
	if (!err)
		err = wt_create_owner_pg(&c, &user, in.groups, &owner_index, &pg);
	if (!err) {
		in.claims = wt_claims_in(c.user_claims, c.user_claims_length,
					 c.device_claims,
					 c.device_claims_length);
		if (IS_ERR(in.claims)) {
			err = PTR_ERR(in.claims);
			in.claims = NULL;
		}
	}
	if (err)
		goto out;

	tok = wt_create_build(&c, &in, &user, owner_index, &pg, level);
	if (IS_ERR(tok)) {
		err = PTR_ERR(tok);
		goto out;
	}
	err = wt_token_handle_reply(tok, granted, &c.granted_access, &c,
				    sizeof(c), arg, usize, &nh);
	if (err)
		goto out;
	wt_audit_privilege("create_token", WT_SE_CREATE_TOKEN_PRIVILEGE);
	wt_audit_token("create", tok);
	err = wt_token_handle_commit(&nh);
out:
	wt_create_in_free(&in);
	return err;
}

/* ---- opening another process's token ---- */

/*
 * The struct pid of a pidfd, or NULL when @file is not one. The pidfd's
 * f_op is not exported: recognise it by its file system (pidfs from 6.9,
 * which keeps the pid in the inode) or, before, by the anon inode name
 * pidfd_create() gives it (the pid is the file's private data).
 */
static struct pid *wt_pidfd_pid(struct file *file)
{
#ifdef PID_FS_MAGIC
	if (file_inode(file)->i_sb->s_magic == PID_FS_MAGIC)
		return file_inode(file)->i_private;
#else
	if (file_inode(file)->i_sb->s_magic == ANON_INODE_FS_MAGIC &&
	    !strcmp(file->f_path.dentry->d_name.name, "[pidfd]"))
		return file->private_data;
#endif
	return NULL;
}

/* The task @ot names, with a reference; or an ERR_PTR. */
static struct task_struct *wt_open_target(const struct wt_open_token *ot)
{
	struct task_struct *task;
	struct file *file;
	struct pid *pid;

	if (ot->process > INT_MAX)
		return ERR_PTR(ot->flags & WT_OPEN_TOKEN_PID ? -ESRCH : -EBADF);
	if (ot->flags & WT_OPEN_TOKEN_PID) {
		pid = find_get_pid(ot->process);
		task = get_pid_task(pid, PIDTYPE_TGID);
		put_pid(pid);
		return task ? task : ERR_PTR(-ESRCH);
	}
	file = fget(ot->process);
	if (!file)
		return ERR_PTR(-EBADF);
	pid = wt_pidfd_pid(file);
	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	fput(file);
	if (!pid)
		return ERR_PTR(-EBADFD);
	return task ? task : ERR_PTR(-ESRCH);
}

/*
 * Map the GENERIC_* bits of every ACE of the validated ACL at @acl (@len
 * bytes) with the token mapping, as creating an object from a default DACL
 * does: the access check compares ACE masks with specific rights.
 */
static void wt_acl_map_generic(u8 *acl, u32 len)
{
	u32 off = WT_ACL_HEADER_SIZE, mask;
	__le16 raw_size;
	__le32 raw_mask;
	u16 ace_size;

	while (off + 8 <= len) {
		memcpy(&raw_size, acl + off + 2, sizeof(raw_size));
		ace_size = le16_to_cpu(raw_size);
		if (ace_size < 8 || ace_size > len - off)
			break;
		memcpy(&raw_mask, acl + off + 4, sizeof(raw_mask));
		mask = le32_to_cpu(raw_mask);
		wt_map_generic(&mask, &wt_token_mapping);
		raw_mask = cpu_to_le32(mask);
		memcpy(acl + off + 4, &raw_mask, sizeof(raw_mask));
		off += ace_size;
	}
}

/*
 * The security descriptor of @tok: its default owner and primary group,
 * and its default DACL with generic rights mapped (none: a NULL DACL,
 * everyone allowed).
 */
static u8 *wt_token_sd(struct wt_token *tok, u32 *len)
{
	const struct wt_token_state *st;
	const struct wt_sid *owner;
	__le16 control;
	__le32 off;
	u32 olen, glen, dlen;
	u8 *buf;

	mutex_lock(&tok->lock);
	st = wt_token_state(tok);
	owner = wt_state_owner(st);
	olen = wt_sid_size(owner);
	glen = wt_sid_size(&st->primary_group);
	dlen = st->has_dacl ? st->dacl_sd.dacl.size : 0;
	*len = WT_SD_HEADER_SIZE + olen + glen + dlen;
	buf = kzalloc(*len, GFP_KERNEL);
	if (buf) {
		buf[0] = 1;
		control = cpu_to_le16(WT_SE_SELF_RELATIVE |
				      (dlen ? WT_SE_DACL_PRESENT : 0));
		memcpy(buf + 2, &control, sizeof(control));
		off = cpu_to_le32(WT_SD_HEADER_SIZE);
		memcpy(buf + 4, &off, sizeof(off));
		memcpy(buf + WT_SD_HEADER_SIZE, owner, olen);
		off = cpu_to_le32(WT_SD_HEADER_SIZE + olen);
		memcpy(buf + 8, &off, sizeof(off));
		memcpy(buf + WT_SD_HEADER_SIZE + olen, &st->primary_group, glen);
		if (dlen) {
			off = cpu_to_le32(WT_SD_HEADER_SIZE + olen + glen);
			memcpy(buf + 16, &off, sizeof(off));
			memcpy(buf + WT_SD_HEADER_SIZE + olen + glen,
			       st->dacl_sd.dacl.acl, dlen);
			wt_acl_map_generic(buf + WT_SD_HEADER_SIZE + olen + glen,
					   dlen);
		}
	}
	mutex_unlock(&tok->lock);
	return buf;
}

/**
 * wt_token_access_allowed() - the rights the caller may have on a token
 * @tok: the token
 * @allowed: out: TOKEN_* rights
 *
 * The access check of the caller's effective token against @tok's SD
 * with MAXIMUM_ALLOWED; SeDebugPrivilege enabled gives them all.
 *
 * Return: 0, -ENOMEM, or the error of wt_effective_token() (-ENOKEY for
 * a thread impersonating below Impersonation).
 */
int wt_token_access_allowed(struct wt_token *tok, u32 *allowed)
{
	struct wt_access_request req = {
		.desired = WT_MAXIMUM_ALLOWED,
		.mapping = &wt_token_mapping,
	};
	const struct wt_token_view *view;
	struct wt_access_result res = {};
	struct wt_token *caller;
	struct wt_sd_view sd;
	u64 used = 0;
	u32 len;
	u8 *buf;
	int err;

	buf = wt_token_sd(tok, &len);
	if (!buf)
		return -ENOMEM;
	err = wt_sd_parse(buf, len, &sd);
	if (WARN_ON_ONCE(err))
		goto out;
	caller = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(caller)) {
		err = PTR_ERR(caller);
		goto out;
	}
	rcu_read_lock();
	view = &wt_token_state(caller)->view;
	if (wt_token_has_privilege(view, WT_SE_DEBUG_PRIVILEGE)) {
		*allowed = WT_TOKEN_ALL_ACCESS;
		used = 1ULL << WT_SE_DEBUG_PRIVILEGE;
	} else {
		wt_access_check(&sd, view, &req, &res);
		*allowed = res.status == WT_STATUS_OK ?
			   res.granted & WT_TOKEN_ALL_ACCESS : 0;
		used = *allowed ? res.privileges_used : 0;
	}
	rcu_read_unlock();
	if (used)
		atomic64_or(used, &caller->privs_used);
	wt_token_put(caller);
out:
	kfree(buf);
	return err;
}

/**
 * wt_open_other_process_token() - %WT_IOC_OPEN_PROCESS_TOKEN with a flag
 * @ot: the argument, copied in; @ot->flags is not 0
 * @arg: the user's argument, for the answer
 * @usize: the size the user gave
 *
 * Return: a new token fd, or a negative errno.
 */
long wt_open_other_process_token(struct wt_open_token *ot, void __user *arg,
				 u32 usize)
{
	struct task_struct *task;
	const struct cred *cred;
	struct wt_new_handle nh;
	struct wt_token *tok;
	u32 allowed, granted;
	int err;

	if ((ot->flags & ~(WT_OPEN_TOKEN_PID | WT_OPEN_TOKEN_PIDFD)) ||
	    ot->flags == (WT_OPEN_TOKEN_PID | WT_OPEN_TOKEN_PIDFD) ||
	    (ot->desired_access & ~WT_TOKEN_VALID_ACCESS))
		return -EINVAL;
	task = wt_open_target(ot);
	if (IS_ERR(task))
		return PTR_ERR(task);
	/*
	 * OpenProcess() first: the process object's access, which Linux
	 * gives only to the same principal (ids, dumpability) and wintok
	 * only to a token that dominates the target's. Then the token's own
	 * security descriptor.
	 */
	/*
	 * An exec (of a set-id program) between the check and reading the
	 * credentials would hand over a process the check never saw: hold
	 * it off as mm_access() does.
	 */
	err = down_read_killable(&task->signal->exec_update_lock);
	if (err) {
		put_task_struct(task);
		return err;
	}
	err = wt_process_access_allowed(task);
	cred = err ? NULL : get_task_cred(task);
	up_read(&task->signal->exec_update_lock);
	put_task_struct(task);
	if (err)
		return err;
	/* The target's primary token: its objective credentials. */
	tok = wt_cred_token(cred, GFP_KERNEL);
	put_cred(cred);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	err = wt_token_access_allowed(tok, &allowed);
	if (!err)
		err = wt_token_grant(ot->desired_access, allowed, &granted);
	if (!err && (ot->desired_access & WT_MAXIMUM_ALLOWED) && !granted)
		err = -EACCES;
	if (err) {
		wt_token_put(tok);
		return err;
	}
	err = wt_token_handle_reply(tok, granted, &ot->granted_access, ot,
				    sizeof(*ot), arg, usize, &nh);
	return err ?: wt_token_handle_commit(&nh);
}
