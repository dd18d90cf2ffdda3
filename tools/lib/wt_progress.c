// SPDX-License-Identifier: GPL-2.0
/*
 * Progress of a long command (see wt_progress.h).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wt_progress.h"

/* Count what @tool's @cmd does; standard error decides whether it shows. */
void progress_start(struct progress *p, const char *tool, const char *cmd,
		    const char *verb)
{
	memset(p, 0, sizeof(*p));
	p->tool = tool;
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
	fprintf(stderr, "\r%s %s: %lu %s, %lu failed%s", p->tool, p->cmd,
		p->done, p->verb, p->failed, last ? "\n" : "");
	p->shown = p->done;
}

void progress_add(struct progress *p, unsigned long n)
{
	p->done += n;
	progress_show(p, false);
}

void progress_step(struct progress *p)
{
	progress_add(p, 1);
}

void progress_off_line(struct progress *p)
{
	if (p->tty && p->shown)
		fputc('\n', stderr);
	p->shown = 0;
}

void progress_fail(struct progress *p, const char *path, const char *why)
{
	progress_off_line(p);
	fprintf(stderr, "%s %s: %s: %s\n", p->tool, p->cmd, path, why);
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
	p->shown = 0;	/* the count's line is ended */
	if (p->failed && what_failed)
		fprintf(stderr, "%s %s: %lu %s; %lu failed (listed above) and %s\n",
			p->tool, p->cmd, p->done, p->verb, p->failed, what_failed);
	return p->failed;
}
