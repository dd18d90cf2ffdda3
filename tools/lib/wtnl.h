/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * wtnl - the "wintok" generic netlink family over libmnl, for the tools
 * and the selftests.
 *
 * Functions return 0 or a positive value on success and -1 with errno set
 * on failure. A request the kernel refused sets errno to the kernel's
 * error and leaves its extended ACK message in wtnl.errmsg.
 */
#ifndef WTNL_H
#define WTNL_H

#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/wintok.h>

/*
 * Receive buffer: large enough for a token of 1024 groups and for an id
 * map of WT_IDMAP_MAX_ENTRIES entries of the longest SIDs.
 */
#define WTNL_BUF_SIZE (512 * 1024)

/*
 * Room for a WT_CMD_SET_IDMAP request of WT_IDMAP_MAX_ENTRIES entries: at
 * most 92 bytes each (nest, the longest SID, kind, id) and the headers.
 */
#define WTNL_IDMAP_MSG_SIZE (WT_IDMAP_MAX_ENTRIES * 96 + 4096)

/**
 * wtnl_idmap_put() - add an entry to a WT_CMD_SET_IDMAP request
 * @nlh: the request (in a buffer of WTNL_IDMAP_MSG_SIZE bytes)
 * @list: the open WT_A_IDMAP list, NULL before the first entry; updated
 * @sid: binary SID (at most WT_SID_MAX_BYTES)
 * @len: its length
 * @kind: WT_IDMAP_UID or WT_IDMAP_GID
 * @id: the uid or gid
 *
 * An attribute holds at most 64 KiB: a new WT_A_IDMAP list is started
 * when the open one is nearly full (version 2 of the family takes the
 * entries of every list).
 */
void wtnl_idmap_put(struct nlmsghdr *nlh, struct nlattr **list,
		    const void *sid, uint32_t len, uint32_t kind, uint32_t id);

/**
 * wtnl_idmap_end() - end the entries of a WT_CMD_SET_IDMAP request
 * @nlh: the request
 * @list: the open list, or NULL (no entry: an empty list, which clears)
 */
void wtnl_idmap_end(struct nlmsghdr *nlh, struct nlattr *list);

/* Send buffer asked for: a full id map (the kernel caps it at wmem_max * 2). */
#define WTNL_SNDBUF_SIZE (512 * 1024)

/**
 * struct wtnl - a netlink socket bound to the wintok family
 * @sock: the libmnl socket
 * @family: the family id
 * @version: the family version the kernel reported
 * @audit_group: the id of the "audit" multicast group, 0 when absent
 * @seq: sequence number of the last request
 * @portid: the socket's port id
 * @errmsg: the extended ACK message of the last failed request, or ""
 * @buf: the receive buffer (WTNL_BUF_SIZE bytes)
 */
struct wtnl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t version;
	uint32_t audit_group;
	uint32_t seq;
	uint32_t portid;
	char errmsg[256];
	char *buf;
};

/* Called for each reply message; return MNL_CB_OK or MNL_CB_ERROR. */
typedef int (*wtnl_reply_cb)(const struct nlmsghdr *nlh, void *data);

/**
 * wtnl_open() - open a socket and resolve the family
 * @nl: filled in
 *
 * Return: 0, or -1 with errno (ENOENT: the module is not loaded).
 */
int wtnl_open(struct wtnl *nl);

/** wtnl_close() - close the socket */
void wtnl_close(struct wtnl *nl);

/**
 * wtnl_msg() - start a request in @buf (at least MNL_SOCKET_BUFFER_SIZE)
 * @nl: the socket
 * @buf: where the message is built
 * @cmd: a WT_CMD_* command
 *
 * Return: the message, for mnl_attr_put*() and wtnl_call().
 */
struct nlmsghdr *wtnl_msg(struct wtnl *nl, void *buf, uint8_t cmd);

/**
 * wtnl_dump_msg() - start a dump request (NLM_F_DUMP), as wtnl_msg()
 * @nl: the socket
 * @buf: where the message is built
 * @cmd: a WT_CMD_* command that dumps
 *
 * Return: the message; wtnl_call() then calls back for every part.
 */
struct nlmsghdr *wtnl_dump_msg(struct wtnl *nl, void *buf, uint8_t cmd);

/**
 * wtnl_call() - send a request and wait for its answer
 * @nl: the socket
 * @nlh: the request (from wtnl_msg())
 * @cb: called for each reply message, or NULL
 * @data: for @cb
 *
 * Multicast messages (audit events) that arrive meanwhile are read and
 * dropped: follow the audit group on a socket of its own.
 *
 * Return: 0, or -1 with errno set to the kernel's error (and
 * @nl->errmsg to its message).
 */
int wtnl_call(struct wtnl *nl, struct nlmsghdr *nlh, wtnl_reply_cb cb,
	      void *data);

/**
 * wtnl_join_audit() - join the "audit" multicast group
 * @nl: the socket
 *
 * Return: 0, or -1 with errno (EPERM without CAP_SYS_ADMIN, ENOENT when
 * the module offers no group).
 */
int wtnl_join_audit(struct wtnl *nl);

/**
 * wtnl_attrs() - index the attributes of a reply (top level)
 * @nlh: a wintok message
 * @tb: WT_A_MAX + 1 slots, filled (NULL: absent)
 */
void wtnl_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb);

/**
 * wtnl_nested() - index the attributes nested in @nest
 * @nest: a nested attribute
 * @tb: @max + 1 slots, filled
 * @max: the highest attribute type kept
 */
void wtnl_nested(const struct nlattr *nest, const struct nlattr **tb,
		 unsigned int max);

/**
 * wtnl_object() - index the one object a reply carries
 * @nlh: a wintok message
 * @outer: the top-level nested attribute that holds it (WT_A_TOKEN...)
 * @tb: @max + 1 slots, filled
 * @max: the highest attribute type kept
 * @required: the types that must be present, ended by 0 (type 0 is
 *	UNSPEC in every wintok attribute set)
 *
 * Return: 0, or -1 when @outer or a required member is missing: the
 * reply is not what the tool understands.
 */
int wtnl_object(const struct nlmsghdr *nlh, unsigned int outer,
		const struct nlattr **tb, unsigned int max,
		const unsigned int *required);

#endif /* WTNL_H */
