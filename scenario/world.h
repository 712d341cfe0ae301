/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A world: the description of one scenario as the model runs it (the
 * machine, files, processes, mappings, secondary MMUs, setup steps and
 * racing threads with their operations), and the code that builds the
 * machine from it and runs it once under a given strategy.
 *
 * The scenario language (scenario/parser.c) produces an AST; it is bound
 * into a world_spec, which built-in C scenarios may also fill directly.
 */
#ifndef MMSIM_SCENARIO_WORLD_H
#define MMSIM_SCENARIO_WORLD_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/machine.h"
#include "mm/ops.h"
#include "sim/sim.h"

#define WORLD_MAX_FILES MAX_FILES
#define WORLD_MAX_PROCS 32
#define WORLD_MAX_MAPS 64
#define WORLD_MAX_MMUS 8
#define WORLD_MAX_THREADS 60
#define WORLD_MAX_EXPECT 8

enum thread_kind {
	THREAD_CPU,
	THREAD_KERNEL,
	THREAD_DEVICE,
};

/*
 * One operation.  Fields by kind:
 *   read/write, dma-read/dma-write, fault   addr, len (0: one page)
 *   mmap       addr, len, prot (PROT_*), flags (MAP_*), file (-1 anon),
 *              arg = pgoff in pages
 *   munmap, mlock, munlock                  addr, len
 *   mprotect   addr, len, prot
 *   madvise    addr, len, flags = advice (MADV_*)
 *   mremap     addr, len, arg = new address
 *   fork       target = the child's process index (a slot declared
 *              with fork_of; the child then gets its own maps and mmus)
 *   exit       -
 *   migrate, poison, split                  addr
 *   reclaim    addr, len (0: arg = number of pages, any)
 *   truncate   file, arg = new size in bytes
 *   repeat     arg = count; the block runs to the matching end
 * proc: the process a setup step or kernel-thread op acts on (-1: the
 * thread's own).  An op on the mm of a process not forked yet, or
 * exited, is a no-op.
 */
struct world_op {
	uint8_t kind;		/* enum mm_op */
	int8_t proc;
	int8_t file;
	int8_t target;
	uint32_t prot;
	uint32_t flags;
	uint32_t pad;
	uint64_t addr, len;
	uint64_t arg;
};

struct world_file {
	char name[24];
	int kind;		/* enum file_kind */
	uint64_t size;
	unsigned int order;
};

struct world_proc {
	char name[16];
	int fork_of;		/* -1: a fresh process; else created by an
				   OP_FORK of that process */
};

struct world_map {
	int proc, file;		/* file -1: anonymous */
	uint64_t addr, len, pgoff;
	int prot, flags;
};

struct world_mmu {
	char name[16];
	int kind;		/* a driver kind, drivers/ */
	int proc;
};

struct world_thread {
	char name[24];
	int kind;		/* enum thread_kind */
	int cpu;
	int proc;
	int mmu;
	struct world_op *ops;
	int nops;
};

/* world_expect.violation for "expect violation" without a kind. */
#define WORLD_EXPECT_ANY "*"

struct world_expect {
	char era[16];		/* "" for every era */
	char violation[32];	/* "" for none */
};

struct world_spec {
	char name[48];
	struct machine_config mc;
	struct world_file files[WORLD_MAX_FILES];
	int nfiles;
	struct world_proc procs[WORLD_MAX_PROCS];
	int nprocs;
	struct world_map maps[WORLD_MAX_MAPS];
	int nmaps;
	struct world_mmu mmus[WORLD_MAX_MMUS];
	int nmmus;
	struct world_op *setup;
	int nsetup;
	struct world_thread threads[WORLD_MAX_THREADS];
	int nthreads;
	struct world_expect expect[WORLD_MAX_EXPECT];
	int nexpect;
};

struct run_options {
	const struct era *era;		/* NULL: the spec's */
	uint64_t bugs;
	uint64_t max_steps;
	bool keep_events;
	/*
	 * Check the mm invariants (mm/invariants.c) at every scheduling
	 * point where no simulated thread holds a modelled lock, not only
	 * at the end of the run.  Slow; for debugging the model.
	 */
	bool paranoid;
	/* called between setup and the racing threads (tests) */
	void (*after_setup)(void);
};

struct run_result {
	int outcome;			/* enum sim_outcome */
	struct sim_violation violation;
	uint64_t steps;
	bool in_setup;			/* the violation happened in setup */
};

/* Build the machine, run setup and then the threads under @strategy. */
int world_run(const struct world_spec *w, const struct run_options *o,
	      struct sim_strategy *strategy, struct run_result *r);
void world_spec_free(struct world_spec *w);
/* The mm of process @proc of the world last run (for tests). */
struct mm_struct *world_mm(int proc);
/* The expected violation for an era ("" none); NULL if not stated. */
const char *world_expected(const struct world_spec *w, const char *era);

#endif /* MMSIM_SCENARIO_WORLD_H */
