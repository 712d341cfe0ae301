/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small TAP producer.  Each test file is one binary that prints a plan
 * and "ok N - name" lines; prove runs them.  Failed assertions print both
 * operands and file:line as TAP diagnostics.  A test binary given names on
 * its command line runs only the tests of those names.
 */
#ifndef MMSIM_TESTS_TAP_H
#define MMSIM_TESTS_TAP_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tap_test {
	const char *name;
	void (*fn)(void);
};

extern int tap_failed_asserts;

#define TAP_FAIL(fmt, ...)                                                   \
	do {                                                                 \
		printf("#   %s:%d: " fmt "\n", __FILE__, __LINE__,           \
		       __VA_ARGS__);                                         \
		tap_failed_asserts++;                                        \
	} while (0)

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond))                                                 \
			TAP_FAIL("CHECK(%s) failed", #cond);                 \
	} while (0)

#define CHECK_INT(a, op, b)                                                  \
	do {                                                                 \
		long long _a = (long long)(a), _b = (long long)(b);          \
		if (!(_a op _b))                                             \
			TAP_FAIL("%s %s %s: %lld vs %lld", #a, #op, #b, _a,  \
				 _b);                                        \
	} while (0)

#define CHECK_U64(a, op, b)                                                  \
	do {                                                                 \
		uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);             \
		if (!(_a op _b))                                             \
			TAP_FAIL("%s %s %s: %#" PRIx64 " vs %#" PRIx64, #a,  \
				 #op, #b, _a, _b);                           \
	} while (0)

#define CHECK_STR(a, b)                                                      \
	do {                                                                 \
		const char *_a = (a), *_b = (b);                             \
		if (!_a || !_b || strcmp(_a, _b))                            \
			TAP_FAIL("%s == %s: \"%s\" vs \"%s\"", #a, #b,       \
				 _a ? _a : "(null)", _b ? _b : "(null)");    \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                          \
	do {                                                                 \
		const char *_h = (hay), *_n = (needle);                      \
		if (!_h || !strstr(_h, _n))                                  \
			TAP_FAIL("%s contains %s: \"%s\" vs \"%s\"", #hay,   \
				 #needle, _h ? _h : "(null)", _n);           \
	} while (0)

int tap_main(int argc, char **argv, const struct tap_test *tests, int n);

#define TAP_MAIN(...)                                                        \
	int tap_failed_asserts;                                              \
	int main(int argc, char **argv)                                      \
	{                                                                    \
		static const struct tap_test t[] = { __VA_ARGS__ };          \
		return tap_main(argc, argv, t, (int)(sizeof(t) / sizeof(t[0]))); \
	}

#define TEST(fn) { #fn, fn }

#endif /* MMSIM_TESTS_TAP_H */
