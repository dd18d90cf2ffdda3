// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - AF_UNIX connections carry the client's token to the server.
 *
 * Like the security quality of service of a Windows named pipe, the
 * client decides how far its identity may travel: before connect(2) it
 * sets a level on its socket (%WT_IOC_SET_CONNECT_QOS); a client that set
 * nothing gets default_connect_level (Identification). At connect the
 * module copies the connecting thread's effective token (its
 * impersonation token, whose level then also caps this one) at that
 * level and binds the copy to the server's new socket; the server's
 * %WT_IOC_IMPERSONATE_PEER then impersonates it. The copy is a snapshot:
 * later changes to the client's token do not reach the server.
 *
 * The bindings live in an object map keyed by the struct sock address
 * (a loadable module cannot grow sk->sk_security), maintained from the
 * AF_UNIX hooks of enforce/unix_sd.c, which check the socket's SD first:
 * security_unix_stream_connect() (WT_HOOK_ATOMIC: called under the
 * listener's state spinlock, so GFP_ATOMIC; no memory fails the connect)
 * and security_sk_free() (WT_HOOK_OBSERVE; may run in softirq context,
 * hence an irqsafe map). Readers look up under RCU.
 */
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/af_unix.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "wintok.h"
#include "hook.h"
#include "token.h"
#include "impersonate.h"
#include "token_ops.h"
#include "objmap.h"

/**
 * struct wt_sock_entry - what wintok knows of one socket
 * @node: map linkage, keyed by the struct sock (never dereferenced
 *	through the map)
 * @qos_set: a client socket whose owner chose @qos_level and @qos_flags
 * @qos_level: the highest level the server may impersonate at
 * @qos_flags: WT_QOS_* flags
 * @client: a server socket: the client's token copied at connect (one
 *	reference), or NULL
 * @client_level: the level of @client
 * @client_flags: the client's WT_QOS_* flags
 * @rcu: frees the entry after readers are done
 */
struct wt_sock_entry {
	struct wt_objmap_node node;
	bool qos_set;
	u32 qos_level;
	u32 qos_flags;
	struct wt_token *client;
	u32 client_level;
	u32 client_flags;
	struct rcu_head rcu;
};

/*
 * sk_free may run in softirq: irqsafe. No bound of its own: one entry per
 * live socket.
 */
WT_OBJMAP_DEFINE(wt_sock_map, 10, 6, 0, WT_OBJMAP_IRQSAFE);
static struct kmem_cache *wt_sock_cache;
static atomic_long_t wt_sock_failures = ATOMIC_LONG_INIT(0);

/* ---- default_connect_level ---- */

static unsigned int wt_default_connect_level = WT_SECURITY_IDENTIFICATION;

static int wt_level_param_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, WT_SECURITY_ANONYMOUS,
				     WT_SECURITY_DELEGATION);
}

static const struct kernel_param_ops wt_level_param_ops = {
	.set = wt_level_param_set,
	.get = param_get_uint,
};

module_param_cb(default_connect_level, &wt_level_param_ops,
		&wt_default_connect_level, 0644);
MODULE_PARM_DESC(default_connect_level,
		 "impersonation level a server gets from a client that chose none (0-3, default 1 = Identification)");

/* The default level, read and set through netlink (netlink.c). */
u32 wt_connect_default_level(void)
{
	return READ_ONCE(wt_default_connect_level);
}

void wt_connect_set_default_level(u32 level)
{
	WRITE_ONCE(wt_default_connect_level, level);
}

/* ---- the map ---- */

/* Under rcu_read_lock() or the bucket's lock. */
static struct wt_sock_entry *wt_sock_find(const struct sock *sk)
{
	struct wt_objmap_node *n = wt_objmap_first(&wt_sock_map, sk);

	return n ? container_of(n, struct wt_sock_entry, node) : NULL;
}

static void wt_sock_entry_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(wt_sock_cache,
			container_of(head, struct wt_sock_entry, rcu));
}

/* Unlinked @e: drop its token and free it after readers are done. */
static void wt_sock_entry_release(struct wt_sock_entry *e)
{
	if (e->client)
		wt_token_put(e->client);
	call_rcu(&e->rcu, wt_sock_entry_free_rcu);
}

/*
 * Link @e for @sk, replacing an entry of the same socket (a stale one, or
 * the QoS of a socket being updated), whose QoS @e keeps when it sets none.
 */
static void wt_sock_insert(const struct sock *sk, struct wt_sock_entry *e)
{
	struct wt_sock_entry *old;
	unsigned long flags;

	wt_objmap_lock(&wt_sock_map, sk, &flags);
	old = wt_sock_find(sk);
	if (old) {
		if (!e->qos_set) {
			e->qos_set = old->qos_set;
			e->qos_level = old->qos_level;
			e->qos_flags = old->qos_flags;
		}
		if (!e->client && old->client) {
			e->client = wt_token_get(old->client);
			e->client_level = old->client_level;
			e->client_flags = old->client_flags;
		}
		wt_objmap_replace(&wt_sock_map, &old->node, &e->node);
	} else {
		wt_objmap_add_unbounded(&wt_sock_map, &e->node, sk);
	}
	wt_objmap_unlock(&wt_sock_map, sk, flags);
	if (old)
		wt_sock_entry_release(old);
}

/* ---- what the AF_UNIX hooks (enforce/unix_sd.c) record ---- */

/**
 * wt_connect_record() - bind the client's token to a new connection
 * @sock: the client's socket
 * @newsk: the server's end of the new connection
 *
 * The connecting thread's effective token, copied at the level @sock's
 * QoS (or default_connect_level) allows, for the server's
 * %WT_IOC_IMPERSONATE_PEER.
 *
 * Context: security_unix_stream_connect(), in the connecting thread under
 * unix_state_lock() of the listener: never sleeps.
 * Return: 0, or -ENOMEM (counted, logged): the connect must then fail.
 */
int wt_connect_record(struct sock *sock, struct sock *newsk)
{
	u32 level = READ_ONCE(wt_default_connect_level), qos_flags = 0;
	struct wt_sock_entry *e;
	struct wt_token *tok, *snap;

	rcu_read_lock();
	e = wt_sock_find(sock);
	if (e && e->qos_set) {
		level = e->qos_level;
		qos_flags = e->qos_flags;
	}
	rcu_read_unlock();

	tok = wt_cred_effective_token(current_cred(), GFP_ATOMIC | __GFP_NOWARN);
	if (IS_ERR(tok))
		goto fail;
	/* A service passes its client on, never beyond its own level. */
	if (tok->type == WT_TOKEN_IMPERSONATION && tok->level < level)
		level = tok->level;
	snap = wt_token_duplicate_as(tok, WT_TOKEN_IMPERSONATION, level,
				     GFP_ATOMIC | __GFP_NOWARN);
	wt_token_put(tok);
	if (IS_ERR(snap))
		goto fail;
	e = kmem_cache_zalloc(wt_sock_cache, GFP_ATOMIC | __GFP_NOWARN);
	if (!e) {
		wt_token_put(snap);
		goto fail;
	}
	e->client = snap;
	e->client_level = level;
	e->client_flags = qos_flags;
	wt_sock_insert(newsk, e);
	return 0;
fail:
	/* Fail closed: a connection whose client is unknown is refused. */
	atomic_long_inc(&wt_sock_failures);
	pr_warn_ratelimited("unix connect refused: no memory for the client's token\n");
	return -ENOMEM;
}

/**
 * wt_connect_forget() - drop what is recorded for a socket being freed
 * @sk: the socket
 *
 * Context: security_sk_free(); any context, softirq included.
 */
void wt_connect_forget(struct sock *sk)
{
	struct wt_sock_entry *e;
	unsigned long flags;

	if (!wt_objmap_count(&wt_sock_map))
		return;
	wt_objmap_lock(&wt_sock_map, sk, &flags);
	e = wt_sock_find(sk);
	if (e)
		wt_objmap_del(&wt_sock_map, &e->node);
	wt_objmap_unlock(&wt_sock_map, sk, flags);
	if (e)
		wt_sock_entry_release(e);
}

/* ---- ioctls ---- */

/*
 * The connection-oriented AF_UNIX socket behind @fd, with a reference
 * (sockfd_put()), or ERR_PTR(-EBADF), -ENOTSOCK or -EOPNOTSUPP.
 */
static struct socket *wt_unix_socket(int fd)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return ERR_PTR(err);
	if (!sock->sk || sock->sk->sk_family != AF_UNIX ||
	    (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)) {
		sockfd_put(sock);
		return ERR_PTR(-EOPNOTSUPP);
	}
	return sock;
}

/**
 * wt_ioctl_set_connect_qos() - %WT_IOC_SET_CONNECT_QOS
 * @arg: user pointer to &struct wt_socket_qos
 *
 * Return: 0 or a negative errno.
 */
long wt_ioctl_set_connect_qos(void __user *arg)
{
	struct wt_sock_entry *e;
	struct wt_socket_qos q;
	struct socket *sock;
	u32 usize;
	int err;

	err = wt_copy_arg_in(&q, sizeof(q), arg, WT_SOCKET_QOS_SIZE_VER0, &usize);
	if (err)
		return err;
	if ((q.flags & ~WT_QOS_EFFECTIVE_ONLY) || q.reserved ||
	    q.level > WT_SECURITY_DELEGATION)
		return -EINVAL;
	sock = wt_unix_socket(q.fd);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	switch (READ_ONCE(sock->sk->sk_state)) {
	case TCP_CLOSE:
		err = 0;
		break;
	case TCP_LISTEN:
		err = -EINVAL;
		break;
	default:
		err = -EISCONN;
	}
	if (!err) {
		e = kmem_cache_zalloc(wt_sock_cache, GFP_KERNEL);
		if (e) {
			e->qos_set = true;
			e->qos_level = q.level;
			e->qos_flags = q.flags;
			wt_sock_insert(sock->sk, e);
		} else {
			err = -ENOMEM;
		}
	}
	sockfd_put(sock);
	return err;
}

/* Is the other end of the connected socket @sk still there? */
static bool wt_unix_peer_alive(struct sock *sk)
{
	struct sock *peer = unix_peer_get(sk);
	bool alive = peer && !sock_flag(peer, SOCK_DEAD);

	if (peer)
		sock_put(peer);
	return alive;
}

/**
 * wt_connection_client() - the client token bound to an accepted socket
 * @fd: the server's end of an AF_UNIX stream or seqpacket connection
 * @level: out: the level the client allowed
 *
 * Context: process context; may sleep.
 * Return: an impersonation token with one reference (a copy of what the
 * client enabled when it asked for %WT_QOS_EFFECTIVE_ONLY), or
 * ERR_PTR(-EBADF), -ENOTSOCK, -EOPNOTSUPP, -ENOTCONN (not connected,
 * listening, or the client has closed), -ENOENT (no client token: the
 * connection predates the module, or @fd is the client's end) or -ENOMEM.
 */
struct wt_token *wt_connection_client(int fd, u32 *level)
{
	struct wt_token *tok = NULL, *eff;
	struct wt_sock_entry *e;
	struct socket *sock;
	u32 flags = 0;
	int err = 0;

	sock = wt_unix_socket(fd);
	if (IS_ERR(sock))
		return ERR_CAST(sock);
	if (READ_ONCE(sock->sk->sk_state) != TCP_ESTABLISHED ||
	    !wt_unix_peer_alive(sock->sk))
		err = -ENOTCONN;
	if (!err) {
		rcu_read_lock();
		e = wt_sock_find(sock->sk);
		if (e && e->client) {
			tok = wt_token_tryget(e->client);
			*level = e->client_level;
			flags = e->client_flags;
		}
		rcu_read_unlock();
		if (!tok)
			err = -ENOENT;
	}
	sockfd_put(sock);
	if (err)
		return ERR_PTR(err);
	if (!(flags & WT_QOS_EFFECTIVE_ONLY))
		return tok;
	eff = wt_token_effective_only(tok, *level);
	wt_token_put(tok);
	return eff;
}

/**
 * wt_connect_init() - set up the socket map
 *
 * Before the AF_UNIX hooks that fill it are installed (wt_unix_init()).
 *
 * Return: 0 or a negative errno.
 */
int wt_connect_init(void)
{
	wt_objmap_init(&wt_sock_map);
	wt_sock_cache = KMEM_CACHE(wt_sock_entry, 0);
	return wt_sock_cache ? 0 : -ENOMEM;
}

static void wt_sock_node_release(struct wt_objmap_node *n)
{
	wt_sock_entry_release(container_of(n, struct wt_sock_entry, node));
}

/**
 * wt_connect_exit() - empty the map, once the AF_UNIX hooks are removed
 * (wt_unix_exit())
 */
void wt_connect_exit(void)
{
	wt_objmap_drain(&wt_sock_map, wt_sock_node_release);
	rcu_barrier();
	kmem_cache_destroy(wt_sock_cache);
}
