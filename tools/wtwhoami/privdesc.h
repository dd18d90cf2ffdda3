/* SPDX-License-Identifier: GPL-2.0 */
#ifndef WT_WHOAMI_PRIVDESC_H
#define WT_WHOAMI_PRIVDESC_H

#include <stdint.h>

/* One line on what privilege @luid allows; "" for an unknown LUID. */
const char *wt_privilege_description(uint64_t luid);

#endif /* WT_WHOAMI_PRIVDESC_H */
