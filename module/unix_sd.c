// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - who may connect to an AF_UNIX stream or seqpacket socket.
 *
 * A pathname socket is governed by the SD of its socket file: connecting
 * needs FILE_WRITE_DATA on it, as opening a named pipe for writing does
 * on Windows. An abstract socket has no file; when the module parameter
 * abstract_socket_sd is set, it gets an SD at bind from the binder's
 * effective token (owner, primary group, default DACL, as a named pipe
 * created without an explicit SD), kept in a map keyed by the struct sock
 * address, and connecting needs FILE_WRITE_DATA on that.
 *
 * The decision is made in security_unix_stream_connect(), which
 * imp_connect.c owns (IPMODIFY is exclusive per function) and which calls
 * wt_unix_connect_check() first. It runs under the listener's state
 * spinlock, so it reads only cached SDs. Socket files get cached where
 * sleeping is allowed: at connect(2) (security_socket_connect) for the
 * file the name resolves to, and at listen(2) (security_socket_listen)
 * for the listener's own file, which covers kernel-internal connects.
 * A connection that reaches a socket file whose SD is not cached is
 * refused (fail closed).
 *
 * Design: Documentation/design/enforcement.rst.
 */
#include <linux/hash.h>
#include <linux/moduleparam.h>
#include <linux/namei.h>
#include <linux/net.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/un.h>
#include <net/af_unix.h>
#include <net/sock.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "file_sd.h"
#include "impersonate.h"
#include "unix_sd.h"
#include "wt_genl.h"

#define WT_USOCK_HASH_BITS	8
#define WT_USOCK_LOCK_BITS	5
#define WT_USOCK_GFP		(GFP_ATOMIC | __GFP_NOWARN)

/**
 * struct wt_usock_entry - the SD of one abstract socket
 * @node: bucket linkage
 * @sk: the key; never dereferenced through the entry
 * @len: bytes at @sd
 * @view: @sd parsed
 * @rcu: frees the entry after readers are done
 * @sd: canonical self-relative SD
 */
struct wt_usock_entry {
	struct hlist_node node;
	const struct sock *sk;
	u32 len;
	struct wt_sd_view view;
	struct rcu_head rcu;
	u8 sd[] __aligned(8);
};

/*
 * Whether a bind to an abstract name gives the socket an SD. Off by
 * default: there is no interface yet for a service to give its socket a
 * DACL that admits its clients, and the binder's default DACL admits only
 * its own user and SYSTEM, which would refuse every other user's connect
 * to, e.g., a service listening on an abstract name.
 */
static bool wt_abstract_sd;
module_param_named(abstract_socket_sd, wt_abstract_sd, bool, 0644);
MODULE_PARM_DESC(abstract_socket_sd,
		 "give abstract AF_UNIX sockets an SD from the binder's token at bind (default off)");

static struct hlist_head wt_usock_hash[1 << WT_USOCK_HASH_BITS];
static spinlock_t wt_usock_locks[1 << WT_USOCK_LOCK_BITS];
static atomic_long_t wt_usock_count = ATOMIC_LONG_INIT(0);
static atomic_long_t wt_usock_errors = ATOMIC_LONG_INIT(0);

static int wt_usock_fail(const char *what, int err)
{
	atomic_long_inc(&wt_usock_errors);
	pr_warn_ratelimited("unix %s: denied on internal error %d\n", what, err);
	return err == -ENOMEM ? -ENOMEM : -EACCES;
}

static u32 wt_usock_bucket(const struct sock *sk)
{
	return hash_ptr((void *)sk, WT_USOCK_HASH_BITS);
}

static spinlock_t *wt_usock_lock(u32 bucket)
{
	return &wt_usock_locks[bucket & ((1 << WT_USOCK_LOCK_BITS) - 1)];
}

/* Under rcu_read_lock() or the bucket's lock. */
static struct wt_usock_entry *wt_usock_find(const struct sock *sk)
{
	u32 bucket = wt_usock_bucket(sk);
	struct wt_usock_entry *e;

	hlist_for_each_entry_rcu(e, &wt_usock_hash[bucket], node,
				 lockdep_is_held(wt_usock_lock(bucket)))
		if (e->sk == sk)
			return e;
	return NULL;
}

/*
 * Publish @e for @sk, or (@e NULL) drop @sk's entry. A bind always passes
 * here, so an entry left by a freed socket whose address a new socket
 * reuses is replaced or dropped before the new socket can listen.
 */
static void wt_usock_set(const struct sock *sk, struct wt_usock_entry *e)
{
	u32 bucket = wt_usock_bucket(sk);
	struct wt_usock_entry *old;
	unsigned long flags;

	spin_lock_irqsave(wt_usock_lock(bucket), flags);
	old = wt_usock_find(sk);
	if (old && e)
		hlist_replace_rcu(&old->node, &e->node);
	else if (old)
		hlist_del_rcu(&old->node);
	else if (e)
		hlist_add_head_rcu(&e->node, &wt_usock_hash[bucket]);
	if (old && !e)
		atomic_long_dec(&wt_usock_count);
	if (!old && e)
		atomic_long_inc(&wt_usock_count);
	spin_unlock_irqrestore(wt_usock_lock(bucket), flags);
	if (old)
		kfree_rcu(old, rcu);
}

/* Is @sk bound to a file (a pathname socket)? Under its state lock. */
static struct dentry *wt_unix_dentry(struct sock *sk)
{
	return unix_sk(sk)->path.dentry;
}

/**
 * wt_unix_connect_check() - may the caller connect to @other?
 * @sk: the connecting socket
 * @other: the listener
 *
 * Context: security_unix_stream_connect(), under unix_state_lock(@other);
 * never sleeps.
 *
 * Return: 0, -EACCES, -ENOMEM or -%WT_EBADIMPLEVEL.
 */
int wt_unix_connect_check(struct sock *sk, struct sock *other)
{
	struct wt_access_request req = { .desired = WT_FILE_WRITE_DATA,
					 .mapping = &wt_file_mapping };
	enum wt_access_status status = WT_STATUS_OK;
	struct wt_access_result res;
	struct wt_usock_entry *e;
	struct dentry *dentry;
	struct wt_token *tok;
	int err;

	dentry = wt_unix_dentry(other);
	if (dentry)
		return wt_audit_unix_path(wt_file_cached_access(d_backing_inode(dentry),
					     WT_FILE_WRITE_DATA, "unix connect"), other);

	if (!atomic_long_read(&wt_usock_count))
		return 0;
	rcu_read_lock();
	e = wt_usock_find(other);
	rcu_read_unlock();
	if (!e)
		return 0;	/* no SD: not governed */
	/*
	 * Only a decision by an SD needs a token the thread may use: a
	 * service impersonating at Identification may still pass its client
	 * on to an ungoverned socket (imp_connect.c caps the level).
	 */
	err = wt_imp_level_denies();
	if (err)
		return err;
	tok = wt_effective_token(WT_USOCK_GFP);
	if (IS_ERR(tok))
		return wt_usock_fail("connect", PTR_ERR(tok));
	rcu_read_lock();
	e = wt_usock_find(other);
	if (e)
		status = wt_access_check(&e->view, &wt_token_state(tok)->view,
					 &req, &res);
	rcu_read_unlock();
	wt_token_put(tok);
	if (status == WT_STATUS_OK)
		return 0;
	if (status == WT_STATUS_ACCESS_DENIED)
		return wt_audit_unix_denied(other, WT_FILE_WRITE_DATA);
	return wt_usock_fail("connect", -EINVAL);
}

static bool wt_unix_connected_type(const struct socket *sock)
{
	return sock->sk && sock->sk->sk_family == AF_UNIX &&
	       (sock->type == SOCK_STREAM || sock->type == SOCK_SEQPACKET);
}

/*
 * bind(2): an abstract name (or an autobind, which picks one) gets an SD
 * from the binder's effective token; a pathname bind drops any entry.
 * WT_HOOK_ATOMIC: nothing here needs to sleep. A bind that fails later
 * (name in use) leaves an entry that only counts if the socket listens,
 * which needs a successful bind, which replaces it.
 */
static int wt_hook_socket_bind(struct socket *sock, struct sockaddr *addr,
			       int addrlen)
{
	const int off = offsetof(struct sockaddr_un, sun_path);
	struct wt_usock_entry *e;
	struct wt_token *tok;
	u32 len;
	u8 *sd;
	int err;

	if (!wt_unix_connected_type(sock))
		return 0;
	if (!READ_ONCE(wt_abstract_sd) ||
	    (addrlen > off && ((struct sockaddr_un *)addr)->sun_path[0])) {
		wt_usock_set(sock->sk, NULL);
		return 0;
	}
	err = wt_imp_level_denies();
	if (err)
		return err;
	tok = wt_effective_token(WT_USOCK_GFP);
	if (IS_ERR(tok))
		return wt_usock_fail("bind", PTR_ERR(tok));
	sd = wt_sd_new_object(tok, &wt_file_mapping, WT_USOCK_GFP, &len);
	wt_token_put(tok);
	if (IS_ERR(sd))
		return wt_usock_fail("bind", PTR_ERR(sd));
	e = kzalloc(struct_size(e, sd, len), WT_USOCK_GFP);
	if (!e) {
		kfree(sd);
		return wt_usock_fail("bind", -ENOMEM);
	}
	e->sk = sock->sk;
	e->len = len;
	memcpy(e->sd, sd, len);
	kfree(sd);
	if (wt_sd_parse(e->sd, e->len, &e->view)) {
		kfree(e);
		return wt_usock_fail("bind", -EINVAL);
	}
	wt_usock_set(sock->sk, e);
	return 0;
}

/*
 * connect(2): cache the SD of the socket file the name resolves to, so
 * that the atomic check in security_unix_stream_connect() finds it. The
 * kernel resolves the name again; if that reaches another file (renamed
 * in between), its SD is not cached and the connect is refused.
 */
static int wt_hook_socket_connect(struct socket *sock, struct sockaddr *addr,
				  int addrlen)
{
	const int off = offsetof(struct sockaddr_un, sun_path);
	struct sockaddr_un *sun = (struct sockaddr_un *)addr;
	char name[UNIX_PATH_MAX + 1];
	struct path path;
	int len, err;

	if (!wt_unix_connected_type(sock) || addrlen <= off ||
	    sun->sun_family != AF_UNIX || !sun->sun_path[0])
		return 0;
	len = min_t(int, addrlen - off, UNIX_PATH_MAX);
	memcpy(name, sun->sun_path, len);
	name[len] = '\0';
	if (kern_path(name, LOOKUP_FOLLOW, &path))
		return 0;	/* the kernel reports the lookup error itself */
	err = 0;
	if (S_ISSOCK(d_backing_inode(path.dentry)->i_mode))
		err = wt_file_prime(path.dentry);
	path_put(&path);
	return err;
}

/* listen(2): cache the SD of the listener's own socket file. */
static int wt_hook_socket_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u;
	struct path path = {};
	int err = 0;

	if (!wt_unix_connected_type(sock))
		return 0;
	u = unix_sk(sock->sk);
	mutex_lock(&u->bindlock);
	if (u->path.dentry) {
		path = u->path;
		path_get(&path);
	}
	mutex_unlock(&u->bindlock);
	if (path.dentry) {
		err = wt_file_prime(path.dentry);
		path_put(&path);
	}
	return err;
}

static struct wt_hook wt_unix_hooks[] = {
	{ .func = "security_socket_bind", .check = wt_hook_socket_bind,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_socket_connect", .check = wt_hook_socket_connect,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_socket_listen", .check = wt_hook_socket_listen,
	  .mode = WT_HOOK_SLEEPABLE },
};

module_param_cb(unix_abstract_sds, &wt_atomic_counter_ops, &wt_usock_count, 0444);
MODULE_PARM_DESC(unix_abstract_sds, "abstract AF_UNIX sockets with a security descriptor");
module_param_cb(unix_errors, &wt_atomic_counter_ops, &wt_usock_errors, 0444);
MODULE_PARM_DESC(unix_errors, "AF_UNIX binds or connects denied because of an internal error");

/**
 * wt_unix_init() - set up the abstract socket map and install the hooks
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_unix_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(wt_usock_locks); i++)
		spin_lock_init(&wt_usock_locks[i]);
	for (i = 0; i < ARRAY_SIZE(wt_usock_hash); i++)
		INIT_HLIST_HEAD(&wt_usock_hash[i]);
	return wt_hooks_install(wt_unix_hooks, ARRAY_SIZE(wt_unix_hooks));
}

/**
 * wt_unix_exit() - remove the hooks, then empty the map
 *
 * Call after the connection hooks are gone (wt_connect_exit()): they call
 * wt_unix_connect_check().
 */
void wt_unix_exit(void)
{
	struct wt_usock_entry *e;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int i;

	wt_hooks_remove(wt_unix_hooks, ARRAY_SIZE(wt_unix_hooks));
	for (i = 0; i < ARRAY_SIZE(wt_usock_hash); i++) {
		spin_lock_irqsave(wt_usock_lock(i), flags);
		hlist_for_each_entry_safe(e, tmp, &wt_usock_hash[i], node) {
			hlist_del_rcu(&e->node);
			atomic_long_dec(&wt_usock_count);
			kfree_rcu(e, rcu);
		}
		spin_unlock_irqrestore(wt_usock_lock(i), flags);
	}
	rcu_barrier();
}
