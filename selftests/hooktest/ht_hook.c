// SPDX-License-Identifier: GPL-2.0
/* Build wrapper, see Kbuild. */
#include "../../module/hook/hook.c"
