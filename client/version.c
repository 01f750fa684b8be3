// SPDX-License-Identifier: MIT
/* `renacerctl version` (also `--version`, and `trace -V` as strace's -V). */
#include <stdio.h>

#include "cmd.h"
#include "defaults.h"

int do_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("renacerctl %s\n", RENACER_VERSION);
	return 0;
}
