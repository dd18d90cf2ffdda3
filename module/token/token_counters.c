// SPDX-License-Identifier: GPL-2.0
/*
 * wintok - live counters of tokens and credentials as read-only module
 * parameters (/sys/module/wintok/parameters/), which the tests compare
 * before and after a run to find leaks.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include "token.h"

/**
 * struct wt_counter - a read-only counter exposed as a module parameter
 * @get: returns the current value
 */
struct wt_counter {
	long (*get)(void);
};

static int wt_get_counter(char *buf, const struct kernel_param *kp)
{
	const struct wt_counter *c = kp->arg;

	return sysfs_emit(buf, "%ld\n", c->get());
}

static const struct kernel_param_ops wt_counter_ops = {
	.get = wt_get_counter,
};

static const struct wt_counter wt_live_tokens = { .get = wt_tokens_live };
static const struct wt_counter wt_live_states = { .get = wt_states_live };
static const struct wt_counter wt_live_entries = { .get = wt_cred_entries_live };
static const struct wt_counter wt_alloc_failures = { .get = wt_cred_failures };

module_param_cb(live_tokens, &wt_counter_ops, (void *)&wt_live_tokens, 0444);
MODULE_PARM_DESC(live_tokens, "token objects not yet freed");
module_param_cb(live_token_states, &wt_counter_ops, (void *)&wt_live_states, 0444);
MODULE_PARM_DESC(live_token_states, "token contents versions not yet freed");
module_param_cb(live_cred_entries, &wt_counter_ops, (void *)&wt_live_entries, 0444);
MODULE_PARM_DESC(live_cred_entries, "credentials with an attached token");
module_param_cb(cred_alloc_failures, &wt_counter_ops, (void *)&wt_alloc_failures, 0444);
MODULE_PARM_DESC(cred_alloc_failures, "credentials refused for lack of memory");
