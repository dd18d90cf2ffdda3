// SPDX-License-Identifier: GPL-2.0
/*
 * wintok selftests, impersonation: peer impersonation over AF_UNIX: its
 * errors, the client's connect QoS, and a service's own connection carrying
 * the original client.
 * Runs as root in the VM; the service is root or a forked child running as
 * wtsvc (uid 1100, SeImpersonatePrivilege by the privilege policy), the
 * clients forked children (imp_common.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/wintok.h>

#include "kselftest_harness.h"
#include "libwintok.h"
#include "wt_test.h"
#include "wt_sd_build.h"
#include "imp_common.h"

/* ---- peer impersonation errors ---- */

TEST_F(imp, impersonate_peer_errors)
{
	int unconnected, inet, pfd[2], conn, closed_fd, dgram, sv[2], client_end;
	__u32 level, result;
	char byte;

	unconnected = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, unconnected);
	EXPECT_EQ(-ENOTCONN, peer(self->dev, unconnected, &level, &result));
	EXPECT_EQ(-ENOTCONN, peer(self->dev, self->lfd, &level, &result));
	inet = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, inet);
	EXPECT_EQ(-EOPNOTSUPP, peer(self->dev, inet, &level, &result));
	ASSERT_EQ(0, pipe2(pfd, O_CLOEXEC));
	EXPECT_EQ(-ENOTSOCK, peer(self->dev, pfd[0], &level, &result));
	EXPECT_EQ(-ENOTSOCK, peer(self->dev, self->dev, &level, &result));
	closed_fd = dup(pfd[0]);
	close(closed_fd);
	EXPECT_EQ(-EBADF, peer(self->dev, closed_fd, &level, &result));
	EXPECT_EQ(-EBADF, peer(self->dev, -1, &level, &result));
	dgram = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, dgram);
	EXPECT_EQ(-EOPNOTSUPP, peer(self->dev, dgram, &level, &result));
	/* No client token bound: the client's own end, a socketpair. */
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(-ENOENT, peer(self->dev, sv[0], &level, &result));
	client_end = connect_abstract(self->dev, self->sock,
				      WT_SECURITY_IMPERSONATION, 0);
	ASSERT_LE(0, client_end);
	EXPECT_EQ(-ENOENT, peer(self->dev, client_end, &level, &result));
	conn = accept_wait(self->lfd);
	ASSERT_LE(0, conn);
	EXPECT_EQ(0, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(WT_SECURITY_IMPERSONATION, level);
	EXPECT_EQ(0, wt_revert_to_self(self->dev));
	close(conn);
	close(client_end);
	close(sv[0]);
	close(sv[1]);
	close(dgram);

	/* A client that is gone before the server impersonates it. */
	ASSERT_LT(0, spawn_client(WT_UID_ALICE, WT_SECURITY_IMPERSONATION, 0,
				  CLIENT_CLOSE));
	conn = accept_wait(self->lfd);
	ASSERT_LE(0, conn);
	EXPECT_EQ(0, read(conn, &byte, 1));	/* EOF: the client closed */
	EXPECT_EQ(-ENOTCONN, peer(self->dev, conn, &level, &result));
	EXPECT_EQ(-ENOENT, thread_level(self->dev));
	EXPECT_EQ(0, thread_euid());
	close(conn);
	close(unconnected);
	close(inet);
	close(pfd[0]);
	close(pfd[1]);
}

TEST_F(imp, set_connect_qos_errors)
{
	struct wt_socket_qos qos;
	int fd, pfd[2], closed_fd;
	__u32 level;

	for (level = WT_SECURITY_ANONYMOUS; level <= WT_SECURITY_DELEGATION; level++) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		EXPECT_EQ(0, wt_set_connect_qos(self->dev, fd, level, 0));
		EXPECT_EQ(0, wt_set_connect_qos(self->dev, fd, level,
						WT_QOS_EFFECTIVE_ONLY));
		close(fd);
	}
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 0));
	close(fd);

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_DELEGATION + 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 2));
	EXPECT_EQ(EINVAL, errno);
	memset(&qos, 0, sizeof(qos));
	qos.size = sizeof(qos);
	qos.fd = fd;
	qos.level = WT_SECURITY_IMPERSONATION;
	qos.reserved = 1;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_CONNECT_QOS, &qos));
	qos.reserved = 0;
	qos.size = WT_SOCKET_QOS_SIZE_VER0 - 8;
	EXPECT_EQ(EINVAL, raw_ioctl(self->dev, WT_IOC_SET_CONNECT_QOS, &qos));
	close(fd);

	/* Not for listening or datagram sockets. */
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, self->lfd,
					 WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EINVAL, errno);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EOPNOTSUPP, errno);
	close(fd);

	/* Connected already: too late. */
	fd = connect_abstract(self->dev, self->sock, NO_QOS, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, fd, WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EISCONN, errno);
	close(fd);

	ASSERT_EQ(0, pipe2(pfd, O_CLOEXEC));
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, pfd[0], WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(ENOTSOCK, errno);
	closed_fd = dup(pfd[0]);
	close(closed_fd);
	EXPECT_EQ(-1, wt_set_connect_qos(self->dev, closed_fd,
					 WT_SECURITY_IMPERSONATION, 0));
	EXPECT_EQ(EBADF, errno);
	close(pfd[0]);
	close(pfd[1]);
}

/* ---- an impersonating service's own connection passes on its client ---- */

TEST_F(imp, chained_connection_carries_the_original_client)
{
	static const __u32 allowed[] = {
		WT_SECURITY_IMPERSONATION, WT_SECURITY_DELEGATION,
		WT_SECURITY_IDENTIFICATION,
	};
	char name[80];
	pid_t svc;
	int i, lb;

	/*
	 * B takes A's client at every level, Identification included, and a
	 * thread impersonating at Identification may connect only to a
	 * socket without an SD: B's has none (bound by root, inherited).
	 */
	snprintf(name, sizeof(name), "%s.b", self->sock);
	lb = listen_abstract_sd(name, false);
	ASSERT_LE(0, lb);
	for (i = 0; i < 3; i++)
		ASSERT_LT(0, spawn_client(WT_UID_ALICE, allowed[i], 0, CLIENT_STAY));
	svc = fork();
	ASSERT_LE(0, svc);
	if (svc == 0) {
		int dev = become_service(), conn, out, in, qos = -1;
		__u32 level, result, a_level;

		for (i = 0; i < 3; i++) {
			conn = accept_client_qos(self->lfd, NULL, &qos);
			EXPECT_LE(0, conn);
			CHILD_BAIL_IF_FAILED();
			/* Service A impersonates alice, connects to B allowing Delegation. */
			EXPECT_EQ(0, peer(dev, conn, &a_level, &result));
			EXPECT_EQ(qos, a_level);
			out = connect_abstract(dev, name, WT_SECURITY_DELEGATION, 0);
			EXPECT_LE(0, out) TH_LOG("connect: %s", strerror(errno));
			EXPECT_EQ(0, wt_revert_to_self(dev));
			CHILD_BAIL_IF_FAILED();
			/* B sees alice, at no more than A had. */
			in = accept_wait(lb);
			EXPECT_LE(0, in);
			CHILD_BAIL_IF_FAILED();
			EXPECT_EQ(0, peer(dev, in, &level, &result));
			EXPECT_EQ(a_level, level) TH_LOG("alice allowed %d", qos);
			EXPECT_EQ(0, result);
			expect_thread_user(_metadata, dev, 0, SID_ALICE);
			EXPECT_EQ(0, wt_revert_to_self(dev));
			close(in);
			close(out);
			close(conn);
		}
		/* A not impersonating: B sees the service itself. */
		out = connect_abstract(dev, name, WT_SECURITY_DELEGATION, 0);
		in = accept_wait(lb);
		EXPECT_LE(0, out);
		EXPECT_LE(0, in);
		EXPECT_EQ(0, peer(dev, in, &level, &result));
		EXPECT_EQ(WT_SECURITY_DELEGATION, level);
		expect_thread_user(_metadata, dev, 0, SID_SERVICE);
		EXPECT_EQ(0, wt_revert_to_self(dev));
		close(in);
		close(out);
		close(lb);
		CHILD_DONE();
	}
	close(lb);
	EXPECT_EQ(0, wt_reap(svc));
}

TEST_HARNESS_MAIN
