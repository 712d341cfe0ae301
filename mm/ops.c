// SPDX-License-Identifier: GPL-2.0-only
#include "mm/ops.h"

static const char *const op_names[NR_MM_OPS] = {
#define X(name, str) [OP_##name] = str,
	MM_OPS(X)
#undef X
};

const char *mm_op_name(int op)
{
	return op >= 0 && op < NR_MM_OPS ? op_names[op] : "?";
}
