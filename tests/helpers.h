/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared helpers for tests (tests/helpers.c, linked into each test). */
#ifndef MMSIM_TESTS_HELPERS_H
#define MMSIM_TESTS_HELPERS_H

#include <stddef.h>

/*
 * The notifier calls in the event log of the last run, as
 * "name[start,end) name[start,end) ...", into @buf of @len bytes
 * (calls that no longer fit are left out).  Returns @buf.
 */
const char *test_notifier_calls(char *buf, size_t len);

#endif /* MMSIM_TESTS_HELPERS_H */
