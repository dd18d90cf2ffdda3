// SPDX-License-Identifier: GPL-2.0
/*
 * token_cost - what tokens cost, measured in the VM (a benchmark, not a
 * test: it prints figures and asserts nothing about them).
 *
 *  1. Bytes per token: the slab memory of N tokens held through handles,
 *     minus that of N handles to one token (same number of files), over N
 *     (after a round not counted, which leaves the slab caches alike in
 *     every state, and a pause, so that only what the handles hold counts);
 *     plus the size of the token's contents as the module reports it
 *     (statistics: dynamic_charged) for root's and alice's derived tokens.
 *  2. Nanoseconds per open()+close() of a file wintok does not govern
 *     (Linux only: baseline) and of a governed one (token lookup through
 *     the credential map, the SD from the inode cache, the access check),
 *     measured alternately in the same run; the fastest round of each,
 *     their ratio and difference (and the medians).
 *
 * States, in the same VM run: "loaded" (wintok.ko: both parts, lines
 * "name: value"), "base" (/lib/modules/wintok-base.ko, another build of
 * wintok, when the image has one: both parts again, lines "name (base
 * module): value") and "unloaded" (the ungoverned open alone, Linux
 * without either module: "open_close_ungoverned (unloaded): value").
 *
 * Runs as root, wintok loaded. Output: "name: value unit" lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libwintok.h"
#include "../bench_clock.h"

#define NTOKENS 1000
#define ROUNDS 9
#define OPENS 4000
#define BASE "/lib/modules/wintok-base.ko"

/* The state's suffix to every figure's name: "", " (base module)". */
static const char *sfx = "";

static int handles[NTOKENS];

/* Slab memory in bytes (the "Slab:" line of /proc/meminfo). */
static long long slab_bytes(void)
{
	char line[128];
	long long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %lld kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static long param(const char *name)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/wintok/parameters/%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* Let RCU free what was closed, so the next baseline is clean. */
static void settle(long tokens)
{
	int i;

	for (i = 0; i < 100 && param("live_tokens") > tokens; i++)
		usleep(50000);
	usleep(200000);
}

static void close_all(void)
{
	int i;

	for (i = 0; i < NTOKENS; i++)
		close(handles[i]);
}

/*
 * Slab bytes N handles add; with @copies each holds its own token. The
 * handles of one token are opened through @dev, one descriptor of the
 * device for all: opening the device for each would leave N device files
 * waiting for RCU to free them, a slab figure that follows the grace
 * periods, not the handles.
 */
static long long hold(int dev, int self, int copies, long *tokens_added)
{
	long long before, after;
	long t0 = param("live_tokens");
	int i;

	before = slab_bytes();
	for (i = 0; i < NTOKENS; i++) {
		handles[i] = copies ?
			wt_create_restricted_token(self, 0, NULL, 0, NULL, 0,
						   NULL, 0, WT_TOKEN_QUERY, NULL) :
			wt_open_process_token(dev, WT_TOKEN_QUERY, NULL);
		if (handles[i] < 0) {
			perror("token_cost: handle");
			exit(1);
		}
	}
	usleep(200000);	/* what was freed meanwhile leaves the slab */
	after = slab_bytes();
	*tokens_added = param("live_tokens") - t0;
	close_all();
	settle(t0);
	return after - before;
}

static unsigned int charged(int fd)
{
	struct wt_token_statistics st;

	if (wt_get_token_information(fd, WT_TOKEN_INFO_STATISTICS, &st,
				     sizeof(st), NULL))
		return 0;
	return st.dynamic_charged;
}

static void bytes_per_token(void)
{
	long long files, tokens;
	long added_files, added_tokens;
	unsigned int alice = 0;
	struct rlimit rl = { NTOKENS + 64, NTOKENS + 64 };
	int self, dev, p[2];
	pid_t pid;

	if (setrlimit(RLIMIT_NOFILE, &rl))
		perror("token_cost: setrlimit");
	dev = wt_open_device();
	self = wt_open_process_token(dev, WT_MAXIMUM_ALLOWED, NULL);
	if (self < 0) {
		perror("token_cost: open token");
		exit(1);
	}
	settle(param("live_tokens"));
	/*
	 * A round not counted first: the slab caches then hold the free
	 * objects of one round whatever ran before (the other module's
	 * state frees as much), so states are measured alike.
	 */
	hold(dev, self, 1, &added_tokens);
	files = hold(dev, self, 0, &added_files);
	tokens = hold(dev, self, 1, &added_tokens);
	printf("handles%s: %d to one token (+%ld tokens), %d to own copies (+%ld tokens)\n",
	       sfx, NTOKENS, added_files, NTOKENS, added_tokens);
	printf("slab_per_handle_same_token%s: %lld bytes\n", sfx,
	       files / NTOKENS);
	printf("slab_per_handle_own_token%s: %lld bytes\n", sfx,
	       tokens / NTOKENS);
	printf("token_bytes%s: %lld bytes (slab difference over %d copies of root's token)\n",
	       sfx, (tokens - files) / NTOKENS, NTOKENS);
	printf("token_contents_root%s: %u bytes (dynamic_charged)\n", sfx,
	       charged(self));
	if (pipe(p) == 0) {
		pid = fork();
		if (pid == 0) {
			int fd;

			if (setgroups(0, NULL) || setresgid(1001, 1001, 1001) ||
			    setresuid(1001, 1001, 1001))
				_exit(1);
			fd = wt_open_process_token(-1, WT_TOKEN_QUERY, NULL);
			alice = charged(fd);
			(void)!write(p[1], &alice, sizeof(alice));
			_exit(0);
		}
		if (read(p[0], &alice, sizeof(alice)) != sizeof(alice))
			alice = 0;
		waitpid(pid, NULL, 0);
		close(p[0]);
		close(p[1]);
	}
	printf("token_contents_alice%s: %u bytes (dynamic_charged)\n", sfx,
	       alice);
	close(self);
	close(dev);
}

/* Append @len bytes at @src to @sd at *@n; the offset where they went. */
static uint32_t put(uint8_t *sd, size_t *n, const void *src, size_t len)
{
	uint32_t off = (uint32_t)*n;

	memcpy(sd + *n, src, len);
	*n += len;
	return off;
}

/* A self-relative SD: owner and group S-1-22-1-0, DACL Everyone:FA. */
static size_t everyone_sd(uint8_t *sd)
{
	struct wt_sid_and_attributes root, world;
	uint8_t acl[8] = { WT_ACL_REVISION }, ace[8] = { WT_ACCESS_ALLOWED_ACE_TYPE };
	uint16_t control = WT_SE_SELF_RELATIVE | WT_SE_DACL_PRESENT, v16;
	uint32_t off, mask = WT_FILE_ALL_ACCESS;
	size_t n = 20;

	if (wt_sid_parse("S-1-22-1-0", &root, 0) ||
	    wt_sid_parse("S-1-1-0", &world, 0))
		exit(1);
	memset(sd, 0, 20);
	sd[0] = 1;
	memcpy(sd + 2, &control, 2);
	off = put(sd, &n, root.sid, root.sid_size);
	memcpy(sd + 4, &off, 4);
	off = put(sd, &n, root.sid, root.sid_size);
	memcpy(sd + 8, &off, 4);
	v16 = (uint16_t)(8 + 8 + world.sid_size);
	memcpy(acl + 2, &v16, 2);
	v16 = 1;
	memcpy(acl + 4, &v16, 2);
	off = put(sd, &n, acl, sizeof(acl));
	memcpy(sd + 16, &off, 4);
	v16 = (uint16_t)(8 + world.sid_size);
	memcpy(ace + 2, &v16, 2);
	memcpy(ace + 4, &mask, 4);
	put(sd, &n, ace, sizeof(ace));
	put(sd, &n, world.sid, world.sid_size);
	return n;
}

static uint64_t open_loop(const char *path)
{
	uint64_t t0 = bench_now_ns();
	int i, fd;

	for (i = 0; i < OPENS; i++) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			perror("token_cost: open");
			exit(1);
		}
		close(fd);
	}
	return (bench_now_ns() - t0) / OPENS;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Unloaded: the ungoverned open alone (no module to set an SD). */
static void unloaded_cost(void)
{
	const char *plain = "/tmp/wt_bench_plain";
	uint64_t a[ROUNDS];
	int fd = open(plain, O_CREAT | O_TRUNC | O_WRONLY, 0644), r;

	if (fd < 0) {
		perror("token_cost: create");
		exit(1);
	}
	close(fd);
	open_loop(plain);
	for (r = 0; r < ROUNDS; r++)
		a[r] = open_loop(plain);
	qsort(a, ROUNDS, sizeof(a[0]), cmp_u64);
	printf("open_close_ungoverned (unloaded): %llu ns (fastest; median %llu)\n",
	       (unsigned long long)a[0], (unsigned long long)a[ROUNDS / 2]);
	unlink(plain);
}

static void lookup_cost(void)
{
	const char *plain = "/tmp/wt_bench_plain", *governed = "/tmp/wt_bench_governed";
	uint64_t a[ROUNDS], b[ROUNDS];
	uint8_t sd[128];
	size_t len = everyone_sd(sd);
	int fd, r;

	for (r = 0; r < 2; r++) {
		fd = open(r ? governed : plain, O_CREAT | O_TRUNC | O_WRONLY, 0644);
		if (fd < 0) {
			perror("token_cost: create");
			exit(1);
		}
		if (r && wt_set_file_security(-1, fd, WT_OWNER_SECURITY_INFORMATION |
					      WT_GROUP_SECURITY_INFORMATION |
					      WT_DACL_SECURITY_INFORMATION,
					      sd, (uint32_t)len)) {
			perror("token_cost: set SD");
			exit(1);
		}
		close(fd);
	}
	open_loop(plain);	/* warm the dentry and SD caches */
	open_loop(governed);
	for (r = 0; r < ROUNDS; r++) {
		a[r] = open_loop(plain);
		b[r] = open_loop(governed);
	}
	qsort(a, ROUNDS, sizeof(a[0]), cmp_u64);
	qsort(b, ROUNDS, sizeof(b[0]), cmp_u64);
	/* The fastest round is the least disturbed (shared, emulated CPUs). */
	printf("open_close_ungoverned%s: %llu ns (fastest of %d rounds of %d; median %llu)\n",
	       sfx, (unsigned long long)a[0], ROUNDS, OPENS,
	       (unsigned long long)a[ROUNDS / 2]);
	printf("open_close_governed%s: %llu ns (fastest; median %llu)\n", sfx,
	       (unsigned long long)b[0], (unsigned long long)b[ROUNDS / 2]);
	printf("governed_over_ungoverned%s: %.2f\n", sfx,
	       (double)b[0] / (double)a[0]);
	printf("token_lookup_and_check%s: %lld ns (governed - ungoverned)\n",
	       sfx, (long long)b[0] - (long long)a[0]);
	unlink(plain);
	unlink(governed);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	bytes_per_token();
	lookup_cost();
	if (access(BASE, R_OK) == 0) {
		sfx = " (base module)";
		if (system("rmmod wintok") || system("insmod " BASE))
			return 1;
		bytes_per_token();
		lookup_cost();
	}
	if (system("rmmod wintok"))
		return 1;
	unloaded_cost();
	return system("insmod /lib/modules/wintok.ko") ? 1 : 0;
}
