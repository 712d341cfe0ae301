// SPDX-License-Identifier: GPL-2.0-only
#include "tests/tap.h"

static bool selected(int argc, char **argv, const char *name)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

int tap_main(int argc, char **argv, const struct tap_test *tests, int n)
{
	int planned = 0, failed = 0, k = 0;

	for (int i = 0; i < n; i++)
		planned += selected(argc, argv, tests[i].name);
	if (!planned) {
		fprintf(stderr, "no test named so; tests are:");
		for (int i = 0; i < n; i++)
			fprintf(stderr, " %s", tests[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
	printf("1..%d\n", planned);
	for (int i = 0; i < n; i++) {
		int before = tap_failed_asserts;

		if (!selected(argc, argv, tests[i].name))
			continue;
		fflush(stdout);
		tests[i].fn();
		k++;
		if (tap_failed_asserts != before) {
			failed++;
			printf("not ok %d - %s\n", k, tests[i].name);
		} else {
			printf("ok %d - %s\n", k, tests[i].name);
		}
		fflush(stdout);
	}
	return failed ? 1 : 0;
}
