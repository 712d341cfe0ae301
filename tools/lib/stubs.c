// SPDX-License-Identifier: GPL-2.0-only
#include "tools/lib/cli.h"
int cmd_replay(struct cli_opts *o) { return 3; }
int cmd_show(struct cli_opts *o) { return 3; }
int cmd_seedtable(struct cli_opts *o) { return 3; }
