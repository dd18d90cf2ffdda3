/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Progress of a long command: a count on standard error when it is a
 * terminal, nothing otherwise; failures named on lines of their own.
 */
#ifndef WT_PROGRESS_H
#define WT_PROGRESS_H

#include <stdbool.h>

/**
 * struct progress - files done by a long command, counted for its report
 * @tool: the program, for messages ("wtacl")
 * @cmd: the command, for messages
 * @verb: what a file done is, in the count ("changed", "restored")
 * @done: files done
 * @failed: files that failed (each reported with its reason)
 * @tty: standard error is a terminal: the count shows there as it goes
 * @shown: @done when the count was last shown (0: not on the line now)
 */
struct progress {
	const char *tool;
	const char *cmd;
	const char *verb;
	unsigned long done;
	unsigned long failed;
	bool tty;
	unsigned long shown;
};

void progress_start(struct progress *p, const char *tool, const char *cmd,
		    const char *verb);
void progress_step(struct progress *p);
/* @n items done at once (a request that carried them all). */
void progress_add(struct progress *p, unsigned long n);
/* Before a message of the caller's own: end the count's line. */
void progress_off_line(struct progress *p);
void progress_fail(struct progress *p, const char *path, const char *why);
unsigned long progress_end(struct progress *p, const char *what_failed);

#endif /* WT_PROGRESS_H */
