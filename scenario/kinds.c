// SPDX-License-Identifier: GPL-2.0-only
/* The catalogue of violation kinds (design.md, "The oracles"). */
#include "eras/era.h"
#include "scenario/kinds.h"

#define KINDS(X)                                                             \
	X("uaf", "an access reaches a frame freed or reallocated after the " \
	  "translation was made")                                            \
	X("pt-uaf", "a walker or paging-structure cache reaches a freed "    \
	  "page-table page")                                                 \
	X("lost-write", "a write lands in a frame after its data moved out " \
	  "(migration, swap-out, COW): it can never be read again")          \
	X("stale-read", "a read returns an older version than the latest "   \
	  "write")                                                           \
	X("leak", "an access reaches a frame that now holds another mm's "   \
	  "or file's data")                                                  \
	X("stale-access", "a TLB grants more than the PTEs after munmap, "   \
	  "mprotect or madvise returned (I6)")                               \
	X("notifier-unbracketed", "a page-table change outside an open "     \
	  "invalidate_range_start/end bracket (I1/I3)")                      \
	X("notifier-unbalanced", "invalidate_range_start without its end "   \
	  "at the end of a run")                                             \
	X("notifier-protocol", "a notifier callback out of order or after "  \
	  "release")                                                         \
	X("notifier-seq", "a mirror entry installed with a stale sequence")  \
	X("secondary-late", "a frame freed while a TLB-sharing secondary "  \
	  "may still translate to it (I4)")                                  \
	X("secondary-install-stale", "a start/end secondary installs a "    \
	  "translation inside an invalidation or from a read one "           \
	  "overlapped (I6/I7)")                                              \
	X("deferred-flush-free", "a page freed while a deferred "           \
	  "(TTU_BATCH_FLUSH) flush of a PTE that mapped it is outstanding "  \
	  "(I14a)")                                                          \
	X("deferred-flush-writeback", "writeback starts on a page whose "    \
	  "dirty PTE's flush is still deferred (I14b)")                      \
	X("dirty-lost", "a dirty PTE cleared and the PTL released without "  \
	  "marking the page dirty (I15)")                                    \
	X("invariant", "the mm core's counts disagree with its page tables " \
	  "(end of run, or any lock-free point with --paranoid)")            \
	X("pmd-share-count", "a shared PMD table's count disagrees with its " \
	  "sharers")                                                         \
	X("bad-page", "a page freed while still mapped or referenced")       \
	X("deadlock", "every live thread waits")                             \
	X("lock-order", "two locks taken in both orders")                    \
	X("lock-unheld", "a lock released or asserted by a thread not "      \
	  "holding it")                                                      \
	X("exclusion", "two threads inside one lock's critical section")     \
	X("sleep-in-atomic", "a sleeping lock taken under a spinlock")       \
	X("srcu-early", "an SRCU grace period ended under a reader")         \
	X("livelock", "a retry loop that never makes progress")              \
	X("starved", "a thread that can never run again")                    \
	X("step-limit", "the run took more steps than its step budget")   \
	X("setup", "the scenario's setup failed (mmap, attach)")             \
	X("internal", "the model reached a state it does not handle")

#define ENTRY(n, s) { n, s },
const struct violation_kind violation_kinds[] = { KINDS(ENTRY) };
#undef ENTRY
const int nr_violation_kinds =
	sizeof(violation_kinds) / sizeof(violation_kinds[0]);

#define NAME(n, s) n,
const char *const violation_kind_names[] = { KINDS(NAME) NULL };
#undef NAME

const char *const *era_names(void)
{
	static const char *names[16];

	for (int i = 0; i < nr_eras && i < 15; i++)
		names[i] = all_eras[i]->name;
	return names;
}
