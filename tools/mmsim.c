// SPDX-License-Identifier: GPL-2.0-only
/* The mmsim command (placeholder until the CLI lands). */
#include <stdio.h>

int main(void)
{
	printf("mmsim\n");
	return 0;
}
