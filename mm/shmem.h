/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shmem-like files (FILE_SHMEM): a page cache of 4 KiB pages, filled
 * with fresh data on first use, dropped by truncate.
 *
 * Locks: the page-cache slots change under the file's i_pages lock;
 * a page stays in the cache while its page lock is held.
 */
#ifndef MMSIM_MM_SHMEM_H
#define MMSIM_MM_SHMEM_H

#include "mm/mm_types.h"

/* A new file's page-cache lock (file_create). */
void shmem_file_init(struct address_space *mapping);
/*
 * The page at @idx, allocated on first use: returned locked and with a
 * reference in *@pagep.  Returns 0, VM_FAULT_SIGBUS past the end of the
 * file, or VM_FAULT_OOM.
 */
int shmem_getpage(struct address_space *mapping, uint64_t idx,
		  struct page **pagep);
/* Pages held by shmem page caches (for the leak invariant). */
uint64_t shmem_cached_pages(void);

#endif /* MMSIM_MM_SHMEM_H */
