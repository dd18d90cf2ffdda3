// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - who may connect or send to an AF_UNIX socket.
 *
 * A pathname socket is governed by the SD of its socket file: connecting
 * to a stream or seqpacket socket, or sending to a datagram socket, needs
 * FILE_WRITE_DATA on it, as opening a named pipe for writing does on
 * Windows. An abstract socket has no file: unless the module parameter
 * abstract_socket_sd is cleared, it gets an SD at bind from the binder's
 * effective token (owner, primary group, default DACL, as a named pipe
 * created without an explicit SD), kept in a map keyed by the struct sock
 * address and dropped when the socket is freed; connecting or sending
 * needs FILE_WRITE_DATA on that. Its owner reads and replaces it with
 * WT_IOC_GET_FILE_SECURITY / WT_IOC_SET_FILE_SECURITY on the socket's
 * descriptor, as SetSecurityInfo() on a pipe handle.
 *
 * The decisions are made where the kernel has found the receiver, under
 * its state spinlock, so they read only cached SDs:
 * security_unix_stream_connect() (owned by imp_connect.c, which calls
 * wt_unix_connect_check() first; IPMODIFY is exclusive per function) and
 * security_unix_may_send() for datagrams. Socket files get cached where
 * sleeping is allowed: at connect(2) (security_socket_connect) for the
 * file the name resolves to, at listen(2) (security_socket_listen) for
 * the listener's own file, which covers kernel-internal connects, and at
 * each datagram send (unix_dgram_sendmsg) for the file the address
 * resolves to or the connected peer's file. A connection or datagram that
 * reaches a socket file whose SD is not cached is refused (fail closed).
 *
 * Design: Documentation/design/enforcement.rst.
 */
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/net.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
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
#include "decision.h"
#include "audit.h"
#include "objmap.h"

#define WT_USOCK_GFP		(GFP_ATOMIC | __GFP_NOWARN)

/**
 * struct wt_usock_entry - the SD of one abstract socket
 * @node: map linkage, keyed by the struct sock (never dereferenced
 *	through the entry)
 * @len: bytes at @sd
 * @view: @sd parsed
 * @rcu: frees the entry after readers are done
 * @decisions: recent decisions on @view (decision.h)
 * @sd: canonical self-relative SD
 */
struct wt_usock_entry {
	struct wt_objmap_node node;
	u32 len;
	struct wt_sd_view view;
	struct rcu_head rcu;
	struct wt_decision_cache decisions;
	u8 sd[] __aligned(8);
};

/*
 * Whether a bind to an abstract name gives the socket an SD. On by
 * default; clearing it is an opt-out for systems whose services listen
 * on abstract names for other users and have not yet given their sockets
 * a DACL that admits them (the binder's default DACL admits only its own
 * user and SYSTEM). Sockets bound while it was set keep their SD.
 */
static bool wt_abstract_sd = true;
module_param_named(abstract_socket_sd, wt_abstract_sd, bool, 0644);
MODULE_PARM_DESC(abstract_socket_sd,
		 "give abstract AF_UNIX sockets an SD from the binder's token at bind (default on)");

/*
 * The SD of each abstract socket. sk_free may run in softirq: irqsafe.
 * No bound of its own: one entry per live socket.
 */
WT_OBJMAP_DEFINE(wt_usock_map, 8, 5, 0, WT_OBJMAP_IRQSAFE);
static atomic_long_t wt_usock_errors = ATOMIC_LONG_INIT(0);
/* Serialises WT_IOC_SET_FILE_SECURITY on sockets (read, merge, replace). */
static DEFINE_MUTEX(wt_usock_set_lock);

static int wt_usock_fail(const char *what, int err)
{
	atomic_long_inc(&wt_usock_errors);
	pr_warn_ratelimited("unix %s: denied on internal error %d\n", what, err);
	return err == -ENOMEM ? -ENOMEM : -EACCES;
}

/* Under rcu_read_lock() or the bucket's lock. */
static struct wt_usock_entry *wt_usock_find(const struct sock *sk)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_usock_map, sk);

	return n ? container_of(n, struct wt_usock_entry, node) : NULL;
}

/* How wt_usock_set() publishes an entry. */
enum wt_usock_how {
	WT_USOCK_DROP,		/* remove @sk's entry (@e is NULL) */
	WT_USOCK_ADD,		/* publish @e only if @sk has no entry */
	WT_USOCK_REPLACE,	/* publish @e only in place of @sk's entry */
};

/*
 * Publish @e for @sk as @how says. An entry that is not published is
 * freed here. Return: whether @sk had an entry. Any context (sk_free may
 * run in softirq).
 */
static bool wt_usock_set(const struct sock *sk, struct wt_usock_entry *e,
			 enum wt_usock_how how)
{
	struct wt_usock_entry *old, *unused = NULL;
	unsigned long flags;

	wt_objmap_lock(&wt_usock_map, sk, &flags);
	old = wt_usock_find(sk);
	if (how == WT_USOCK_DROP && old)
		wt_objmap_del(&wt_usock_map, &old->node);
	else if (how == WT_USOCK_REPLACE && old)
		wt_objmap_replace(&wt_usock_map, &old->node, &e->node);
	else if (how == WT_USOCK_ADD && !old)
		wt_objmap_add_unbounded(&wt_usock_map, &e->node, sk);
	else
		unused = e;
	wt_objmap_unlock(&wt_usock_map, sk, flags);
	kfree(unused);	/* never published: no reader can hold it */
	if (old && how != WT_USOCK_ADD)
		kfree_rcu(old, rcu);
	return old;
}

/* A new, unpublished entry holding a copy of @len bytes at @sd. */
static struct wt_usock_entry *wt_usock_entry_new(const u8 *sd, u32 len,
						 gfp_t gfp)
{
	struct wt_usock_entry *e;

	e = kzalloc(struct_size(e, sd, len), gfp);
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->len = len;
	memcpy(e->sd, sd, len);
	if (wt_sd_parse(e->sd, e->len, &e->view)) {
		kfree(e);
		return ERR_PTR(-EINVAL);
	}
	wt_decision_cache_init(&e->decisions, &e->view);
	return e;
}

/*
 * security_sk_free(): forget the SD of a socket being freed, and the
 * client token bound to it (imp/imp_connect.c). Any context, softirq
 * included; never sleeps.
 */
static int wt_hook_sk_free(struct sock *sk)
{
	struct wt_usock_entry *e;

	/* Every socket of every family is freed here, TCP in softirq too. */
	if (sk->sk_family != AF_UNIX)
		return 0;
	wt_connect_forget(sk);
	if (!wt_objmap_count(&wt_usock_map))
		return 0;
	rcu_read_lock();
	e = wt_usock_find(sk);
	rcu_read_unlock();
	if (e)
		wt_usock_set(sk, NULL, WT_USOCK_DROP);
	return 0;
}

/* Is @sk bound to a file (a pathname socket)? Under its state lock. */
static struct dentry *wt_unix_dentry(struct sock *sk)
{
	return unix_sk(sk)->path.dentry;
}

/*
 * May the caller write to the receiving socket @other (connect to it,
 * send it a datagram)? Under unix_state_lock(@other); never sleeps.
 */
static int wt_unix_write_check(struct sock *other, const char *what)
{
	struct wt_access_request req = { .desired = WT_FILE_WRITE_DATA,
					 .mapping = &wt_file_mapping };
	const struct wt_audit_object obj = { .sk = other };
	const struct wt_token_view *view;
	enum wt_access_status status;
	struct wt_access_result res;
	struct wt_usock_entry *e;
	struct dentry *dentry;
	struct wt_token *tok;
	int err;

	dentry = wt_unix_dentry(other);
	if (dentry)
		return wt_audit_unix_path(wt_file_cached_access(d_backing_inode(dentry),
					     WT_FILE_WRITE_DATA, what), other, what);

	if (!wt_objmap_count(&wt_usock_map))
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
	/*
	 * Entries go only with their socket, which is alive: one that is
	 * gone fails closed. The hot path reads the credential map's view
	 * of the token, without a reference.
	 */
	status = WT_STATUS_INVALID_PARAMETER;
	rcu_read_lock();
	e = wt_usock_find(other);
	view = e ? wt_cred_effective_view(current_cred()) : NULL;
	if (view) {
		status = wt_cached_access_check(&e->decisions, &e->view, view,
						&req, &res);
		wt_audit_access(what, &obj, &e->view, view, &req, &res);
	}
	rcu_read_unlock();
	if (!e || view)
		goto decided;

	tok = wt_effective_token(WT_USOCK_GFP);
	if (IS_ERR(tok))
		return wt_usock_fail(what, PTR_ERR(tok));
	rcu_read_lock();
	e = wt_usock_find(other);
	if (e) {
		view = &wt_token_state(tok)->view;
		status = wt_cached_access_check(&e->decisions, &e->view, view,
						&req, &res);
		wt_audit_access(what, &obj, &e->view, view, &req, &res);
	}
	rcu_read_unlock();
	wt_token_put(tok);
decided:
	if (status == WT_STATUS_OK)
		return 0;
	if (status == WT_STATUS_ACCESS_DENIED)
		return wt_audit_unix_denied(other, WT_FILE_WRITE_DATA, what);
	return wt_usock_fail(what, -EINVAL);
}

/*
 * security_unix_stream_connect(sock, other, newsk): may the caller connect
 * to @other, then the client's token is bound to @newsk, the server's end
 * of the new connection (imp/imp_connect.c). Runs in the connecting
 * thread under unix_state_lock(@other): never sleeps.
 *
 * Return: 0, -EACCES, -ENOMEM or -%WT_EBADIMPLEVEL.
 */
static int wt_hook_unix_stream_connect(struct sock *sock, struct sock *other,
				       struct sock *newsk)
{
	int err = wt_unix_write_check(other, "unix connect");

	return err ? err : wt_connect_record(sock, newsk);
}

/* The socket types whose receivers wintok governs. */
static bool wt_unix_governed_type(const struct socket *sock)
{
	return sock->sk && sock->sk->sk_family == AF_UNIX &&
	       (sock->type == SOCK_STREAM || sock->type == SOCK_SEQPACKET ||
		sock->type == SOCK_DGRAM);
}

/*
 * bind(2): an abstract name (or an autobind, which picks one) gets an SD
 * from the binder's effective token. An entry is only ever added here,
 * never replaced or dropped: two binds racing on one socket (the check of
 * its address below is not under the kernel's bind lock) must not reset
 * an SD its owner has set, nor leave a bound abstract socket without one.
 * So the first bind attempt's SD stays with the socket until it is freed;
 * a pathname socket is decided by its file, whatever entry it has.
 * WT_HOOK_ATOMIC: nothing here needs to sleep.
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

	if (!wt_unix_governed_type(sock) || READ_ONCE(unix_sk(sock->sk)->addr))
		return 0;
	if (!READ_ONCE(wt_abstract_sd) ||
	    (addrlen > off && ((struct sockaddr_un *)addr)->sun_path[0]))
		return 0;
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
	/* Kept as long as the socket: charged to the binder, as the socket is. */
	e = wt_usock_entry_new(sd, len, WT_USOCK_GFP | __GFP_ACCOUNT);
	kfree(sd);
	if (IS_ERR(e))
		return wt_usock_fail("bind", PTR_ERR(e));
	wt_usock_set(sock->sk, e, WT_USOCK_ADD);
	return 0;
}

/*
 * Cache the SD of the socket file an AF_UNIX address names, so that the
 * atomic checks find it. The kernel resolves the name again; if that
 * reaches another file (renamed in between), its SD is not cached and the
 * connection or datagram is refused.
 */
static int wt_unix_prime_name(const struct sockaddr *addr, int addrlen)
{
	const int off = offsetof(struct sockaddr_un, sun_path);
	const struct sockaddr_un *sun = (const struct sockaddr_un *)addr;
	char name[UNIX_PATH_MAX + 1];
	struct path path;
	int len, err;

	if (!sun || addrlen <= off || sun->sun_family != AF_UNIX ||
	    !sun->sun_path[0])
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

/* connect(2), stream, seqpacket or datagram: prime the target's file. */
static int wt_hook_socket_connect(struct socket *sock, struct sockaddr *addr,
				  int addrlen)
{
	if (!wt_unix_governed_type(sock))
		return 0;
	return wt_unix_prime_name(addr, addrlen);
}

/* listen(2): cache the SD of the listener's own socket file. */
static int wt_hook_socket_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u;
	struct path path = {};
	int err = 0;

	if (!wt_unix_governed_type(sock) || sock->type == SOCK_DGRAM)
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

/*
 * unix_dgram_sendmsg(): every datagram, whatever the system call or
 * kernel caller, passes here before the kernel looks the receiver up and
 * calls security_unix_may_send(). Prime the file the address names, or,
 * without an address, the connected peer's file (the entry may have been
 * dropped by an SD change since connect(2)). Seqpacket sends also come
 * here but are connections, decided at connect.
 */
static int wt_hook_dgram_sendmsg(struct socket *sock, struct msghdr *msg,
				 size_t size)
{
	struct path path = {};
	struct sock *peer;
	int err = 0;

	if (sock->type != SOCK_DGRAM || !sock->sk)
		return 0;
	if (msg->msg_namelen)
		return wt_unix_prime_name(msg->msg_name, msg->msg_namelen);
	peer = unix_peer_get(sock->sk);
	if (!peer)
		return 0;
	unix_state_lock(peer);
	if (unix_sk(peer)->path.dentry) {
		path = unix_sk(peer)->path;
		path_get(&path);
	}
	unix_state_unlock(peer);
	sock_put(peer);
	if (path.dentry) {
		err = wt_file_prime(path.dentry);
		path_put(&path);
	}
	return err;
}

/*
 * security_unix_may_send(sock, other): a datagram from @sock to @other,
 * at connect(2) and at every send, under unix_state_lock(@other->sk).
 */
static int wt_hook_unix_may_send(struct socket *sock, struct socket *other)
{
	if (unlikely(!other || !other->sk))
		return wt_usock_fail("send", -EINVAL);
	return wt_unix_write_check(other->sk, "unix send");
}

static struct wt_hook wt_unix_hooks[] = {
	{ .func = "security_unix_stream_connect",
	  .check = wt_hook_unix_stream_connect, .mode = WT_HOOK_ATOMIC },
	{ .func = "security_sk_free", .check = wt_hook_sk_free,
	  .mode = WT_HOOK_OBSERVE },
	{ .func = "security_socket_bind", .check = wt_hook_socket_bind,
	  .mode = WT_HOOK_ATOMIC },
	{ .func = "security_socket_connect", .check = wt_hook_socket_connect,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_socket_listen", .check = wt_hook_socket_listen,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "unix_dgram_sendmsg", .check = wt_hook_dgram_sendmsg,
	  .mode = WT_HOOK_SLEEPABLE },
	{ .func = "security_unix_may_send", .check = wt_hook_unix_may_send,
	  .mode = WT_HOOK_ATOMIC },
};

/* ---- WT_IOC_GET_FILE_SECURITY / WT_IOC_SET_FILE_SECURITY on sockets ---- */

/**
 * wt_unix_is_socket() - is @file a socket, for the file SD ioctls?
 * @file: the descriptor passed in &struct wt_file_security
 *
 * An O_PATH descriptor of a socket file is not: it names the file.
 */
bool wt_unix_is_socket(struct file *file)
{
	return sock_from_file(file);
}

/* The AF_UNIX socket behind @file, or ERR_PTR(-EOPNOTSUPP). */
static struct sock *wt_unix_sd_sock(struct file *file)
{
	struct socket *sock = sock_from_file(file);

	if (!sock || !sock->sk || sock->sk->sk_family != AF_UNIX)
		return ERR_PTR(-EOPNOTSUPP);
	return sock->sk;
}

/*
 * A parsed copy of @sk's SD: @*buf (kvfree() it) and @view. The entry may
 * be replaced while the copy is allocated: retry with its new size.
 * Return: 0, -ENODATA (no SD) or -ENOMEM.
 */
static int wt_usock_snapshot(const struct sock *sk, u8 **buf,
			     struct wt_sd_view *view)
{
	struct wt_usock_entry *e;
	u32 cap = 0, len;
	u8 *copy = NULL;

	for (;;) {
		rcu_read_lock();
		e = wt_usock_find(sk);
		len = e ? e->len : 0;
		if (e && copy && len <= cap)
			memcpy(copy, e->sd, len);
		rcu_read_unlock();
		if (!e) {
			kvfree(copy);
			return -ENODATA;
		}
		if (copy && len <= cap)
			break;
		kvfree(copy);
		copy = kvmalloc(len, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
		cap = len;
	}
	/* Only valid SDs are published. */
	if (wt_sd_parse(copy, len, view)) {
		kvfree(copy);
		atomic_long_inc(&wt_usock_errors);
		return -EIO;
	}
	*buf = copy;
	return 0;
}

static int wt_usock_eval(const struct wt_sd_view *sd, struct wt_token *tok,
			 u32 desired)
{
	struct wt_access_request req = { .desired = desired,
					 .mapping = &wt_file_mapping };
	struct wt_access_result res;
	enum wt_access_status status;

	rcu_read_lock();
	status = wt_access_check(sd, &wt_token_state(tok)->view, &req, &res);
	rcu_read_unlock();
	return wt_sd_errno(status);
}

/**
 * wt_unix_get_security() - %WT_IOC_GET_FILE_SECURITY on a socket
 * @file: a socket (wt_unix_is_socket())
 * @a: the validated argument
 * @uarg: where it came from
 * @usize: its size as the caller knows it
 *
 * Return: 0 or a negative errno (see Documentation/userspace-api/wintok.rst).
 */
long wt_unix_get_security(struct file *file, struct wt_file_security *a,
			  void __user *uarg, u32 usize)
{
	struct wt_sd_view view;
	struct wt_token *tok;
	u8 *sd = NULL;
	struct sock *sk;
	int err;

	sk = wt_unix_sd_sock(file);
	if (IS_ERR(sk))
		return PTR_ERR(sk);
	tok = wt_effective_token(GFP_KERNEL);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	err = wt_usock_snapshot(sk, &sd, &view);
	if (err)
		goto out;
	err = wt_usock_eval(&view, tok, wt_sd_read_access(a->selectors));
	if (err)
		goto out;
	err = wt_sd_arg_out(&view, a->selectors, a->buffer, &a->length);
	if (!err || err == -ERANGE)
		err = wt_copy_arg_out(a, sizeof(*a), uarg, usize) ?: err;
out:
	kvfree(sd);
	wt_token_put(tok);
	return err;
}

/**
 * wt_unix_set_security() - %WT_IOC_SET_FILE_SECURITY on a socket
 * @file: a socket (wt_unix_is_socket())
 * @a: the validated argument
 *
 * The same rights, owner and label rules as on a file; only a socket that
 * has an SD (an abstract one bound while abstract_socket_sd was set) has
 * one to change. The new SD applies to the next connect or datagram.
 *
 * Return: 0 or a negative errno (see Documentation/userspace-api/wintok.rst).
 */
long wt_unix_set_security(struct file *file, const struct wt_file_security *a)
{
	struct wt_usock_entry *e;
	struct wt_sd_change c;
	struct wt_sd_view old;
	u8 *sd = NULL;
	struct sock *sk;
	long len;
	int err;

	sk = wt_unix_sd_sock(file);
	if (IS_ERR(sk))
		return PTR_ERR(sk);
	err = wt_sd_change_begin(&c, a->buffer, a->length, a->selectors);
	if (err)
		return err;

	mutex_lock(&wt_usock_set_lock);
	err = wt_usock_snapshot(sk, &sd, &old);
	if (err)
		goto out_unlock;
	len = wt_sd_change_merge(&c, &old, &wt_file_mapping,
				 &(struct wt_audit_object){ .path = &file->f_path });
	if (len < 0) {
		err = len;
		goto out_unlock;
	}
	/* Charged to the caller: each socket may hold up to WT_SD_MAX_SIZE. */
	e = wt_usock_entry_new(c.out, len, GFP_KERNEL_ACCOUNT);
	if (IS_ERR(e)) {
		err = PTR_ERR(e);
		goto out_unlock;
	}
	/* The caller holds the socket: its entry cannot go away. */
	err = wt_usock_set(sk, e, WT_USOCK_REPLACE) ? 0 : -ENODATA;
out_unlock:
	mutex_unlock(&wt_usock_set_lock);
	wt_sd_change_end(&c);
	kvfree(sd);
	return err;
}

module_param_cb(unix_abstract_sds, &wt_atomic_counter_ops, &wt_usock_map_counts.count, 0444);
MODULE_PARM_DESC(unix_abstract_sds, "abstract AF_UNIX sockets with a security descriptor");
module_param_cb(unix_errors, &wt_atomic_counter_ops, &wt_usock_errors, 0444);
MODULE_PARM_DESC(unix_errors, "AF_UNIX binds, connects or sends denied because of an internal error");

/**
 * wt_unix_map_init() - set up the abstract socket map
 *
 * Before the AF_UNIX hooks that fill and read it (wt_unix_init()).
 */
void wt_unix_map_init(void)
{
	wt_objmap_init(&wt_usock_map);
}

/**
 * wt_unix_init() - install the AF_UNIX hooks
 *
 * After the socket maps are set up (wt_unix_map_init(), wt_connect_init()).
 * The bind and connect hooks add entries to them and the sk_free observer
 * of the same table removes them; a table's observers go live first, so a
 * socket bound or connected now cannot be freed unseen and leave its
 * entry to whatever socket later gets its address.
 *
 * Return: 0 or a negative errno (the module must then refuse to load).
 */
int wt_unix_init(void)
{
	return wt_hooks_install(wt_unix_hooks, ARRAY_SIZE(wt_unix_hooks));
}

/**
 * wt_unix_exit() - remove the AF_UNIX hooks
 *
 * Before the socket maps are emptied (wt_connect_exit(),
 * wt_unix_map_exit()).
 */
void wt_unix_exit(void)
{
	wt_hooks_remove(wt_unix_hooks, ARRAY_SIZE(wt_unix_hooks));
}

static void wt_usock_entry_release(struct wt_objmap_node *n)
{
	kfree_rcu(container_of(n, struct wt_usock_entry, node), rcu);
}

/**
 * wt_unix_map_exit() - empty the abstract socket map
 *
 * Call once no hook can reach it: after wt_unix_exit() and
 * wt_connect_exit().
 */
void wt_unix_map_exit(void)
{
	wt_objmap_drain(&wt_usock_map, wt_usock_entry_release);
	rcu_barrier();
}
