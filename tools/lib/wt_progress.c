// SPDX-License-Identifier: GPL-2.0
/*
 * Progress of a long command (see wt_progress.h).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wt_progress.h"

/* Count what @cmd does; standard error decides whether it shows. */
void progress_start(struct progress *p, const char *cmd, const char *verb)
{
	memset(p, 0, sizeof(*p));
	p->cmd = cmd;
	p->verb = verb;
	p->tty = isatty(STDERR_FILENO);
}

/*
 * On a terminal, the count every 64 files (a line rewritten in place, so
 * that a long run shows it is alive without scrolling); elsewhere
 * nothing, so that logs and pipes get only failures.
 */
static void progress_show(struct progress *p, bool last)
{
	if (!p->tty || (!last && p->done - p->shown < 64))
		return;
	fprintf(stderr, "\rwtacl %s: %lu %s, %lu failed%s", p->cmd, p->done,
		p->verb, p->failed, last ? "\n" : "");
	p->shown = p->done;
}

void progress_step(struct progress *p)
{
	p->done++;
	progress_show(p, false);
}

void progress_fail(struct progress *p, const char *path, const char *why)
{
	if (p->tty && p->shown)
		fputc('\n', stderr);	/* off the progress line */
	p->shown = 0;
	fprintf(stderr, "wtacl %s: %s: %s\n", p->cmd, path, why);
	p->failed++;
}

/*
 * The last count on a terminal, and when something failed one line
 * saying how much (@what_failed: what became of the files that failed;
 * NULL: the caller says it). Returns the number of failures.
 */
unsigned long progress_end(struct progress *p, const char *what_failed)
{
	progress_show(p, true);
	if (p->failed && what_failed)
		fprintf(stderr, "wtacl %s: %lu %s; %lu failed (listed above) and %s\n",
			p->cmd, p->done, p->verb, p->failed, what_failed);
	return p->failed;
}
