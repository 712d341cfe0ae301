/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario AST: what a .mms file says, after includes are spliced in
 * and every name, number and range has been checked (scenario/validate.c).
 *
 * The model walks it once to build the machine, so it is plain arrays of
 * plain structs: no lists to chase, no unions to decode.  Every node, and
 * every number or name inside a node, carries the position of the token it
 * came from so that the model can report its own errors at the right
 * place with scn_report().  An absent optional number has .set == false;
 * an absent optional name has .s == NULL.
 *
 * All memory belongs to the scenario and goes with scn_free().
 */
#ifndef MMSIM_SCENARIO_AST_H
#define MMSIM_SCENARIO_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct scn_pos {
	const char *file;	/* the name the source was opened under */
	int line, col;		/* 1-based; col counts bytes */
	int len;		/* width of the token, for the caret */
};

struct scn_num {
	struct scn_pos pos;
	uint64_t v;
	bool set;
};

struct scn_name {
	struct scn_pos pos;
	const char *s;		/* NULL: not given */
};

enum scn_file_kind {
	SCN_FILE_HUGETLBFS,
	SCN_FILE_SHMEM,
	SCN_FILE_REGULAR,	/* page cache of a disk file system */
};

enum scn_prot {
	SCN_PROT_RW,
	SCN_PROT_RO,
	SCN_PROT_NONE,
};

enum scn_advice {
	SCN_ADV_DONTNEED,
	SCN_ADV_FREE,
	SCN_ADV_HUGEPAGE,
	SCN_ADV_COLD,
	SCN_ADV_PAGEOUT,
};

enum scn_mmu_kind {
	SCN_MMU_IOMMU_SVA,
	SCN_MMU_ODP,
	SCN_MMU_KVM,
	SCN_MMU_HMM_MIRROR,
};

enum scn_thread_kind {
	SCN_THREAD_PROCESS,	/* a user thread of one process */
	SCN_THREAD_KERNEL,	/* migration, reclaim, memory-failure... */
	SCN_THREAD_DEVICE,	/* the engine behind a secondary MMU */
};

enum scn_dir {
	SCN_DIR_READ,
	SCN_DIR_WRITE,
};

/* Keep in step with the table in scenario/ops.c. */
enum scn_op_kind {
	SCN_OP_READ,
	SCN_OP_WRITE,
	SCN_OP_MMAP,
	SCN_OP_MUNMAP,
	SCN_OP_MPROTECT,
	SCN_OP_MADVISE,
	SCN_OP_MREMAP,
	SCN_OP_FORK,
	SCN_OP_EXIT,
	SCN_OP_MLOCK,
	SCN_OP_MUNLOCK,
	SCN_OP_MIGRATE,
	SCN_OP_RECLAIM,
	SCN_OP_POISON,
	SCN_OP_SPLIT,
	SCN_OP_TRUNCATE,
	SCN_OP_DMA,
	SCN_OP_FAULT,
	SCN_OP_REPEAT,
	SCN_OP_NR,
};

/* What backs a mapping and how: shared by "map" and the "mmap" op. */
struct scn_mapspec {
	struct scn_name file;	/* NULL: anonymous */
	struct scn_num offset;	/* into the file; 0 when not given */
	bool shared;
	enum scn_prot prot;
	bool thp;
	bool locked;
};

struct scn_file {
	struct scn_pos pos;
	struct scn_name name;
	enum scn_file_kind kind;
	struct scn_num size;
	struct scn_num pagesize;	/* 4K, or the hugetlb page size */
};

struct scn_process {
	struct scn_pos pos;
	struct scn_name name;
	struct scn_name parent;	/* "fork P": created by fork from P */
};

struct scn_map {
	struct scn_pos pos;
	struct scn_name proc;
	struct scn_num addr, len;
	struct scn_mapspec spec;
};

struct scn_mmu {
	struct scn_pos pos;
	struct scn_name name;
	enum scn_mmu_kind kind;
	struct scn_name proc;
};

struct scn_pool {
	struct scn_pos pos;
	struct scn_num pagesize;
	struct scn_num count;
};

struct scn_op;

struct scn_op_list {
	struct scn_op *v;
	int n, cap;
};

/*
 * One operation.  Which fields are used depends on the kind (see the
 * shape column of the table in scenario/ops.c):
 *   read, write       addr [len]
 *   mmap              addr len map
 *   munmap, mlock,
 *   munlock           addr len
 *   mprotect          addr len prot
 *   madvise           addr len advice
 *   mremap            addr len to
 *   fork              name (the child)
 *   exit              -
 *   migrate, poison,
 *   split, fault      addr
 *   reclaim           [addr len | count pages]
 *   truncate          name (the file) offset [len: punch a hole]
 *   dma               dir addr [len]
 *   repeat            count body
 */
struct scn_op {
	struct scn_pos pos;
	enum scn_op_kind kind;
	struct scn_name proc;	/* setup and kernel threads: whose mm */
	struct scn_num addr, len, to, count, offset;
	struct scn_name name;
	struct scn_mapspec map;
	enum scn_prot prot;
	enum scn_advice advice;
	enum scn_dir dir;
	struct scn_op_list body;
};

struct scn_thread {
	struct scn_pos pos;
	struct scn_name name;
	enum scn_thread_kind kind;
	struct scn_num cpu;	/* not set: any CPU */
	struct scn_name target;	/* process, or mmu for a device thread */
	struct scn_op_list ops;
};

struct scn_expect {
	struct scn_pos pos;
	struct scn_name era;	/* NULL: every era without its own line */
	bool violation;
	struct scn_name kind;	/* NULL with violation: any violation */
};

struct scn_source {
	const char *name;
	const char *buf;
	size_t len;
};

struct scn_alloc;

struct scn_scenario {
	struct scn_pos pos;	/* of the "scenario" statement */
	struct scn_name name;
	struct scn_pos machine_pos;
	struct scn_num cpus, memory;
	struct scn_name era;

	struct scn_pool *pools;
	int npools, cap_pools;
	struct scn_file *files;
	int nfiles, cap_files;
	struct scn_process *procs;
	int nprocs, cap_procs;
	struct scn_map *maps;
	int nmaps, cap_maps;
	struct scn_mmu *mmus;
	int nmmus, cap_mmus;
	struct scn_op_list setup;
	struct scn_thread *threads;
	int nthreads, cap_threads;
	struct scn_expect *expects;
	int nexpects, cap_expects;

	/* Every file read, kept so that errors can quote their lines. */
	struct scn_source *sources;
	int nsources, cap_sources;
	struct scn_alloc *alloc;
};

#endif /* MMSIM_SCENARIO_AST_H */
