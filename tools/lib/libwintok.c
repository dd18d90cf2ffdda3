// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libwintok - device access, the version query, token handles and
 * their queries, SID and privilege names.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "libwintok.h"
#include "wt_lib.h"
#include "wt_sid.h"

int wt_open_device(void)
{
	return open("/dev/" WT_DEVICE_NAME, O_RDWR | O_CLOEXEC);
}

int wt_device_ioctl(int devfd, unsigned long cmd, void *arg)
{
	int fd = devfd;
	int ret, saved;

	if (fd < 0) {
		fd = wt_open_device();
		if (fd < 0)
			return -1;
	}
	ret = ioctl(fd, cmd, arg);
	saved = errno;
	if (devfd < 0)
		close(fd);
	errno = saved;
	return ret;
}

int wt_get_version(int devfd, struct wt_version *version)
{
	memset(version, 0, sizeof(*version));
	version->size = sizeof(*version);
	return wt_device_ioctl(devfd, WT_IOC_GET_VERSION, version);
}

int wt_open_process_token(int devfd, __u32 desired_access,
			  __u32 *granted_access)
{
	/* No flag: the caller's own token (process stays 0, as it must). */
	return wt_open_process_token_pid(devfd, 0, 0, desired_access,
					 granted_access);
}

int wt_get_token_information(int tokfd, __u32 info_class, void *buf,
			     __u32 len, __u32 *return_length)
{
	struct wt_token_query q;
	int ret;

	wt_arg_init(&q, sizeof(q));
	q.info_class = info_class;
	q.length = len;
	q.buffer = (uintptr_t)buf;
	ret = ioctl(tokfd, WT_IOC_QUERY_TOKEN, &q);
	if ((ret == 0 || errno == ERANGE) && return_length)
		*return_length = q.length;
	return ret ? -1 : 0;
}

int wt_adjust_token_privileges(int tokfd, int disable_all,
			       const struct wt_luid_and_attributes *new_state,
			       __u32 count,
			       struct wt_luid_and_attributes *previous,
			       __u32 *previous_count, int *not_all_assigned)
{
	struct wt_adjust_privileges a;
	int ret;

	wt_arg_init(&a, sizeof(a));
	a.flags = disable_all ? WT_ADJUST_DISABLE_ALL : 0;
	a.count = count;
	a.privileges = (uintptr_t)new_state;
	if (previous && previous_count) {
		a.previous = (uintptr_t)previous;
		a.previous_count = *previous_count;
	}
	ret = ioctl(tokfd, WT_IOC_ADJUST_PRIVILEGES, &a);
	if ((ret == 0 || errno == ERANGE) && previous && previous_count)
		*previous_count = a.previous_count;
	if (ret == 0 && not_all_assigned)
		*not_all_assigned = !!(a.result & WT_ADJUST_NOT_ALL_ASSIGNED);
	return ret ? -1 : 0;
}

void *wt_get_token_information_alloc(int tokfd, __u32 info_class, __u32 *len)
{
	__u32 need = 0;
	void *buf;
	int tries;

	/* The contents may grow between the probe and the read: retry. */
	for (tries = 0; tries < 8; tries++) {
		if (wt_get_token_information(tokfd, info_class, NULL, 0, &need) == 0)
			need = 0;
		else if (errno != ERANGE)
			return NULL;
		buf = calloc(1, need ? need : 1);
		if (!buf)
			return NULL;
		if (need == 0 ||
		    wt_get_token_information(tokfd, info_class, buf, need, &need) == 0) {
			if (len)
				*len = need;
			return buf;
		}
		free(buf);
		if (errno != ERANGE)
			return NULL;
	}
	errno = EAGAIN;
	return NULL;
}

/*
 * The binary SID at @sid (@sid_size bytes, maybe unaligned, maybe with
 * bytes past its end) as the core's struct wt_sid, so that libwintok reads
 * and writes SID text through the one parser and formatter the module and
 * SDDL use. Returns 0, or -1 with errno EINVAL.
 */
static int wt_sid_load(const void *sid, size_t sid_size, struct wt_sid *out)
{
	size_t used;

	if (wt_sid_validate(sid, sid_size, &used)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(out, sid, used);
	return 0;
}

int wt_sid_string(const void *sid, size_t sid_size, char *buf, size_t size)
{
	struct wt_sid s;
	int len;

	if (wt_sid_load(sid, sid_size, &s))
		return -1;
	len = wt_sid_to_string(&s, buf, size);
	if (len < 0) {
		errno = ERANGE;
		return -1;
	}
	return len;
}

/* One ACCESS_ALLOWED ACE of @mask for @sid at @p; returns its size. */
static size_t wt_put_allow_ace(unsigned char *p, unsigned int mask,
			       const void *sid, size_t sid_size)
{
	size_t len = 8 + sid_size;

	p[0] = WT_ACCESS_ALLOWED_ACE_TYPE;
	p[1] = 0;
	p[2] = len & 0xff;
	p[3] = len >> 8;
	p[4] = mask & 0xff;
	p[5] = (mask >> 8) & 0xff;
	p[6] = (mask >> 16) & 0xff;
	p[7] = mask >> 24;
	memcpy(p + 8, sid, sid_size);
	return len;
}

int wt_logon_default_dacl(const void *user, size_t user_size, void *acl,
			  size_t size)
{
	static const unsigned char system[12] = { 1, 1, 0, 0, 0, 0, 0, 5,
						  18, 0, 0, 0 };
	unsigned char *a = acl;
	size_t used, len;

	if (wt_sid_validate(user, user_size, &used)) {
		errno = EINVAL;
		return -1;
	}
	len = 8 + (8 + used) + (8 + sizeof(system));
	if (len > size) {
		errno = ERANGE;
		return -1;
	}
	memset(a, 0, 8);
	a[0] = WT_ACL_REVISION;
	a[2] = len & 0xff;
	a[3] = len >> 8;
	a[4] = 2;	/* ACEs */
	used = 8 + wt_put_allow_ace(a + 8, WT_GENERIC_ALL, user, used);
	wt_put_allow_ace(a + used, WT_GENERIC_ALL, system, sizeof(system));
	return (int)len;
}

#define WT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *sid;
	const char *name;
} wt_sid_names[] = {
	{ "S-1-0-0", "NULL SID" },
	{ "S-1-1-0", "Everyone" },
	{ "S-1-2-0", "LOCAL" },
	{ "S-1-2-1", "CONSOLE LOGON" },
	{ "S-1-3-0", "CREATOR OWNER" },
	{ "S-1-3-1", "CREATOR GROUP" },
	{ "S-1-3-4", "OWNER RIGHTS" },
	{ "S-1-5-2", "NT AUTHORITY\\NETWORK" },
	{ "S-1-5-4", "NT AUTHORITY\\INTERACTIVE" },
	{ "S-1-5-6", "NT AUTHORITY\\SERVICE" },
	{ "S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON" },
	{ "S-1-5-11", "NT AUTHORITY\\Authenticated Users" },
	{ "S-1-5-12", "NT AUTHORITY\\RESTRICTED" },
	{ "S-1-5-18", "NT AUTHORITY\\SYSTEM" },
	{ "S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE" },
	{ "S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE" },
	{ "S-1-5-32-544", "BUILTIN\\Administrators" },
	{ "S-1-5-32-545", "BUILTIN\\Users" },
	{ "S-1-5-32-546", "BUILTIN\\Guests" },
	{ "S-1-16-0", "Mandatory Label\\Untrusted Mandatory Level" },
	{ "S-1-16-4096", "Mandatory Label\\Low Mandatory Level" },
	{ "S-1-16-8192", "Mandatory Label\\Medium Mandatory Level" },
	{ "S-1-16-8448", "Mandatory Label\\Medium Plus Mandatory Level" },
	{ "S-1-16-12288", "Mandatory Label\\High Mandatory Level" },
	{ "S-1-16-16384", "Mandatory Label\\System Mandatory Level" },
	{ "S-1-16-20480", "Mandatory Label\\Protected Process Mandatory Level" },
};

int wt_sid_name(const void *sid, size_t sid_size, char *buf, size_t size)
{
	char str[WT_SID_STRING_MAX];
	struct wt_sid s;
	u32 id, lo;
	size_t i;
	int w;

	if (wt_sid_load(sid, sid_size, &s))
		return -1;
	wt_sid_to_string(&s, str, sizeof(str));	/* always room enough */
	for (i = 0; i < WT_ARRAY_SIZE(wt_sid_names); i++)
		if (!strcmp(str, wt_sid_names[i].sid)) {
			w = snprintf(buf, size, "%s", wt_sid_names[i].name);
			goto done;
		}
	if (wt_sid_to_uid(&s, &id)) {
		struct passwd *pw = getpwuid((uid_t)id);

		w = pw ? snprintf(buf, size, "Unix User\\%s", pw->pw_name) :
			 snprintf(buf, size, "Unix User\\%u", id);
	} else if (wt_sid_to_gid(&s, &id)) {
		struct group *gr = getgrgid((gid_t)id);

		w = gr ? snprintf(buf, size, "Unix Group\\%s", gr->gr_name) :
			 snprintf(buf, size, "Unix Group\\%u", id);
	} else if (wt_sid_to_logon(&s, &id, &lo)) {
		w = snprintf(buf, size, "NT AUTHORITY\\LogonSessionId_%u_%u",
			     id, lo);
	} else {
		w = snprintf(buf, size, "%s", str);
		if (w >= 0 && (size_t)w < size) {
			errno = ENOENT;
			return -1;
		}
	}
done:
	if (w < 0 || (size_t)w >= size) {
		errno = ERANGE;
		return -1;
	}
	return 0;
}

/* ---- security descriptors on files ---- */

static int wt_file_security_ioctl(int devfd, unsigned long cmd, int fd,
				  __u32 selectors, void *buf, __u32 len,
				  __u32 *return_length)
{
	struct wt_file_security a;
	int ret, saved;

	wt_arg_init(&a, sizeof(a));
	a.fd = fd;
	a.selectors = selectors;
	a.length = len;
	a.buffer = (uintptr_t)buf;
	ret = wt_device_ioctl(devfd, cmd, &a);
	saved = errno;
	if (return_length && (ret == 0 || saved == ERANGE))
		*return_length = a.length;
	errno = saved;
	return ret;
}

int wt_get_file_security(int devfd, int fd, __u32 selectors, void *buf,
			 __u32 len, __u32 *return_length)
{
	return wt_file_security_ioctl(devfd, WT_IOC_GET_FILE_SECURITY, fd,
				      selectors, buf, len, return_length);
}

void *wt_get_file_security_alloc(int devfd, int fd, __u32 selectors,
				 __u32 *len)
{
	__u32 need = 0;
	void *buf;
	int tries;

	for (tries = 0; tries < 4; tries++) {
		if (wt_get_file_security(devfd, fd, selectors, NULL, 0, &need) == 0)
			need = 0;
		else if (errno != ERANGE)
			return NULL;
		buf = malloc(need ? need : 1);
		if (!buf)
			return NULL;
		if (wt_get_file_security(devfd, fd, selectors, buf, need, &need) == 0) {
			if (len)
				*len = need;
			return buf;
		}
		free(buf);
		if (errno != ERANGE)	/* else it grew in between: again */
			return NULL;
	}
	errno = EAGAIN;
	return NULL;
}

int wt_set_file_security(int devfd, int fd, __u32 selectors, const void *sd,
			 __u32 len)
{
	return wt_file_security_ioctl(devfd, WT_IOC_SET_FILE_SECURITY, fd,
				      selectors, (void *)sd, len, NULL);
}

int wt_set_backup_intent(int devfd, int on, int *previous)
{
	struct wt_backup_intent a = {
		.size = sizeof(a), .flags = on ? WT_BACKUP_INTENT_ON : 0,
	};

	if (wt_device_ioctl(devfd, WT_IOC_SET_BACKUP_INTENT, &a))
		return -1;
	if (previous)
		*previous = !!(a.previous & WT_BACKUP_INTENT_ON);
	return 0;
}

/* ---- ABI version 6: adjusting, restricting, creating, assigning ---- */

int wt_sid_parse(const char *str, struct wt_sid_and_attributes *sa,
		 __u32 attributes)
{
	struct wt_sid s;

	memset(sa, 0, sizeof(*sa));
	if (!str || wt_sid_from_string(&s, str)) {
		errno = EINVAL;
		return -1;
	}
	sa->sid_size = wt_sid_size(&s);
	memcpy(sa->sid, &s, sa->sid_size);
	sa->attributes = attributes;
	return 0;
}

int wt_adjust_token_groups(int tokfd, int reset_to_default,
			   const struct wt_sid_and_attributes *new_state,
			   __u32 count, struct wt_sid_and_attributes *previous,
			   __u32 *previous_count, __u32 *result)
{
	struct wt_adjust_groups a;
	int ret;

	wt_arg_init(&a, sizeof(a));
	a.flags = reset_to_default ? WT_ADJUST_GROUPS_RESET : 0;
	a.count = count;
	a.groups = (uintptr_t)new_state;
	if (previous && previous_count) {
		a.previous = (uintptr_t)previous;
		a.previous_count = *previous_count;
	}
	ret = ioctl(tokfd, WT_IOC_ADJUST_GROUPS, &a);
	if ((ret == 0 || errno == ERANGE) && previous && previous_count)
		*previous_count = a.previous_count;
	if ((ret == 0 || errno == EPERM) && result)
		*result = a.result;
	return ret ? -1 : 0;
}

int wt_create_restricted_token(int tokfd, __u32 flags,
			       const struct wt_sid_and_attributes *deny,
			       __u32 deny_count,
			       const struct wt_luid_and_attributes *del,
			       __u32 del_count,
			       const struct wt_sid_and_attributes *restrict_sids,
			       __u32 restrict_count, __u32 desired_access,
			       __u32 *granted_access)
{
	struct wt_create_restricted c;

	wt_arg_init(&c, sizeof(c));
	c.flags = flags;
	c.desired_access = desired_access;
	c.deny_count = deny_count;
	c.deny_sids = (uintptr_t)deny;
	c.delete_count = del_count;
	c.delete_privileges = (uintptr_t)del;
	c.restrict_count = restrict_count;
	c.restrict_sids = (uintptr_t)restrict_sids;
	return wt_handle_result(ioctl(tokfd, WT_IOC_CREATE_RESTRICTED_TOKEN, &c),
				&c.granted_access, granted_access);
}

int wt_set_token_information(int tokfd, __u32 info_class, const void *buf,
			     __u32 len)
{
	struct wt_token_set s;

	wt_arg_init(&s, sizeof(s));
	s.info_class = info_class;
	s.length = len;
	s.buffer = (uintptr_t)buf;
	return ioctl(tokfd, WT_IOC_SET_TOKEN_INFORMATION, &s) ? -1 : 0;
}

int wt_create_token(int devfd, struct wt_create_token *desc)
{
	desc->size = sizeof(*desc);
	return wt_device_ioctl(devfd, WT_IOC_CREATE_TOKEN, desc);
}

int wt_assign_primary_token(int devfd, int tokfd)
{
	struct wt_assign_primary a;

	wt_arg_init(&a, sizeof(a));
	a.fd = tokfd;
	return wt_device_ioctl(devfd, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a) ? -1 : 0;
}

int wt_assign_primary_token_at_exec(int devfd, int tokfd)
{
	struct wt_assign_primary a;

	wt_arg_init(&a, sizeof(a));
	a.flags = WT_ASSIGN_PRIMARY_AT_EXEC;
	a.fd = tokfd;
	return wt_device_ioctl(devfd, WT_IOC_ASSIGN_PRIMARY_TOKEN, &a) ? -1 : 0;
}

int wt_open_process_token_pid(int devfd, int pid, __u32 flags,
			      __u32 desired_access, __u32 *granted_access)
{
	struct wt_open_token ot;

	wt_arg_init(&ot, sizeof(ot));
	ot.flags = flags;
	ot.desired_access = desired_access;
	ot.process = (__u64)(__s64)pid;
	return wt_handle_result(wt_device_ioctl(devfd, WT_IOC_OPEN_PROCESS_TOKEN, &ot),
				&ot.granted_access, granted_access);
}

static void wt_le32_put(unsigned char *p, __u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

int wt_claims_append(void **buf, __u32 *len, const char *name, __u16 type,
		     __u32 flags, const __s64 *ints, const char *const *strs,
		     __u32 count)
{
	size_t nlen = name ? strlen(name) : 0, head, size, off, i, k;
	unsigned char *rec, *grown;

	if (!nlen || !count || count > WT_CLAIMS_MAX_COUNT ||
	    (type == WT_CLAIM_TYPE_STRING ? !strs :
	     (type != WT_CLAIM_TYPE_INT64 && type != WT_CLAIM_TYPE_UINT64 &&
	      type != WT_CLAIM_TYPE_BOOLEAN) || !ints)) {
		errno = EINVAL;
		return -1;
	}
	/* record length, header, offsets, name, values (as Windows packs) */
	head = 16 + 4 * (size_t)count;
	size = head + 2 * (nlen + 1);
	for (i = 0; i < count; i++)
		size += type == WT_CLAIM_TYPE_STRING ?
			2 * (strlen(strs[i]) + 1) : 8;
	size = (4 + size + 3) & ~(size_t)3;
	if (*len + size > WT_CLAIMS_MAX_LENGTH) {
		errno = E2BIG;
		return -1;
	}
	grown = realloc(*buf, *len + size);
	if (!grown)
		return -1;
	*buf = grown;
	rec = grown + *len;
	memset(rec, 0, size);
	wt_le32_put(rec, (__u32)size);
	rec += 4;
	wt_le32_put(rec, (__u32)head);
	rec[4] = type & 0xff;
	rec[5] = type >> 8;
	wt_le32_put(rec + 8, flags);
	wt_le32_put(rec + 12, count);
	off = head;
	for (k = 0; k <= nlen; k++, off += 2)
		rec[off] = (unsigned char)name[k];
	for (i = 0; i < count; i++) {
		wt_le32_put(rec + 16 + 4 * i, (__u32)off);
		if (type == WT_CLAIM_TYPE_STRING) {
			for (k = 0; k <= strlen(strs[i]); k++, off += 2)
				rec[off] = (unsigned char)strs[i][k];
		} else {
			for (k = 0; k < 8; k++)
				rec[off++] = (unsigned char)((__u64)ints[i] >> (8 * k));
		}
	}
	*len += (__u32)size;
	return 0;
}

int wt_claims_next(const void *buf, __u32 len, __u32 *off,
		   const unsigned char **claim, __u32 *claim_len)
{
	const unsigned char *p = buf;
	__u32 rlen;

	if (*off >= len)
		return 0;
	if (len - *off < 4)
		return -1;
	p += *off;
	rlen = p[0] | p[1] << 8 | p[2] << 16 | (__u32)p[3] << 24;
	if (rlen < 20 || rlen > len - *off)
		return -1;
	*claim = p + 4;
	*claim_len = rlen - 4;
	*off += rlen;
	return 1;
}
