// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "scenario/ops.h"

#define USER (SCN_IN_SETUP | SCN_IN_PROCESS)
#define KERN (SCN_IN_SETUP | SCN_IN_PROCESS | SCN_IN_KERNEL)
#define DEV SCN_IN_DEVICE
#define ANY (KERN | DEV)

/*
 * Kernel-side operations (migrate, reclaim...) may also come from a
 * process thread: move_pages(2), MADV_PAGEOUT, MADV_HWPOISON, ftruncate.
 */
const struct scn_op_desc scn_ops[SCN_OP_NR] = {
	[SCN_OP_READ]     = { "read",     "ao",  USER, true },
	[SCN_OP_WRITE]    = { "write",    "ao",  USER, true },
	[SCN_OP_MMAP]     = { "mmap",     "alm", USER, true },
	[SCN_OP_MUNMAP]   = { "munmap",   "al",  USER, true },
	[SCN_OP_MPROTECT] = { "mprotect", "alp", USER, true },
	[SCN_OP_MADVISE]  = { "madvise",  "alv", USER, true },
	[SCN_OP_MREMAP]   = { "mremap",   "alt", USER, true },
	[SCN_OP_FORK]     = { "fork",     "c",   USER, true },
	[SCN_OP_EXIT]     = { "exit",     "",    USER, true },
	[SCN_OP_MLOCK]    = { "mlock",    "al",  USER, true },
	[SCN_OP_MUNLOCK]  = { "munlock",  "al",  USER, true },
	[SCN_OP_MIGRATE]  = { "migrate",  "a",   KERN, true },
	[SCN_OP_RECLAIM]  = { "reclaim",  "r",   KERN, false },
	[SCN_OP_POISON]   = { "poison",   "a",   KERN, true },
	[SCN_OP_SPLIT]    = { "split",    "a",   KERN, true },
	[SCN_OP_TRUNCATE] = { "truncate", "fno", KERN, false },
	[SCN_OP_DMA]      = { "dma",      "dao", DEV,  false },
	[SCN_OP_FAULT]    = { "fault",    "a",   DEV,  false },
	[SCN_OP_REPEAT]   = { "repeat",   "k",   ANY,  false },
};

const char *const scn_file_kind_names[] = {
	[SCN_FILE_HUGETLBFS] = "hugetlbfs",
	[SCN_FILE_SHMEM] = "shmem",
	[SCN_FILE_REGULAR] = "regular",
	NULL,
};

const char *const scn_prot_names[] = {
	[SCN_PROT_RW] = "rw",
	[SCN_PROT_RO] = "ro",
	[SCN_PROT_NONE] = "none",
	NULL,
};

const char *const scn_advice_names[] = {
	[SCN_ADV_DONTNEED] = "dontneed",
	[SCN_ADV_FREE] = "free",
	[SCN_ADV_HUGEPAGE] = "hugepage",
	[SCN_ADV_COLD] = "cold",
	[SCN_ADV_PAGEOUT] = "pageout",
	NULL,
};

const char *const scn_mmu_kind_names[] = {
	[SCN_MMU_IOMMU_SVA] = "iommu-sva",
	[SCN_MMU_ODP] = "odp",
	[SCN_MMU_KVM] = "kvm",
	[SCN_MMU_HMM_MIRROR] = "hmm-mirror",
	NULL,
};

const char *const scn_thread_kind_names[] = {
	[SCN_THREAD_PROCESS] = "process",
	[SCN_THREAD_KERNEL] = "kernel",
	[SCN_THREAD_DEVICE] = "device",
	NULL,
};

const char *const scn_dir_names[] = {
	[SCN_DIR_READ] = "read",
	[SCN_DIR_WRITE] = "write",
	NULL,
};

const struct scn_op_desc *scn_op_lookup(const char *text, int len)
{
	for (int i = 0; i < SCN_OP_NR; i++)
		if ((int)strlen(scn_ops[i].name) == len &&
		    !memcmp(scn_ops[i].name, text, len))
			return &scn_ops[i];
	return NULL;
}

int scn_word_index(const char *const *tab, const char *text, int len)
{
	for (int i = 0; tab[i]; i++)
		if ((int)strlen(tab[i]) == len && !memcmp(tab[i], text, len))
			return i;
	return -1;
}
