// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running a world once: build the machine, run the setup steps in one
 * thread (no choices), then the racing threads under the strategy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/x86/cpu.h"
#include "check/check.h"
#include "drivers/dev_mmu.h"
#include "eras/era.h"
#include "mm/memory-failure.h"
#include "mm/memory.h"
#include "mm/migrate.h"
#include "mm/events.h"
#include "mm/internal.h"
#include "mm/invariants.h"
#include "mm/mm.h"
#include "mm/shmem.h"
#include "mm/swap_state.h"
#include "mm/thp.h"
#include "mm/vmscan.h"
#include "mm/tlb_batch.h"
#include "scenario/world.h"
#include "sim/lock.h"

/* The world being run; simulated threads read it. */
static const struct world_spec *cur;
static struct mm_struct *proc_mm[WORLD_MAX_PROCS];

struct mm_struct *world_mm(int proc)
{
	return proc >= 0 && proc < WORLD_MAX_PROCS ? proc_mm[proc] : NULL;
}

/* The CPU a setup step of @proc runs on: that of its first CPU thread. */
static int proc_cpu(int proc)
{
	for (int i = 0; i < cur->nthreads; i++)
		if (cur->threads[i].kind == THREAD_CPU &&
		    cur->threads[i].proc == proc)
			return cur->threads[i].cpu;
	return 0;
}

static void do_access(int cpu, int proc, const struct world_op *op)
{
	uint64_t len = op->len ? op->len : 1;
	uint64_t word;

	/* An exited process (or an unforked slot) has nothing to touch. */
	if (!proc_mm[proc] || proc_mm[proc]->dead)
		return;
	for (uint64_t a = op->addr & PAGE_MASK; a < op->addr + len;
	     a += PAGE_SIZE)
		cpu_access(cpu, proc_mm[proc], a, op->kind == OP_WRITE, &word);
}

/* A device thread's operation, through the client named by its .mmu. */
static void do_dev_op(const struct world_op *op)
{
	struct dev_mmu *d = sim_current()->priv;

	if (!d) {
		sim_violation("setup", op->kind, "%s needs a device thread",
			      mm_op_name(op->kind));
		return;
	}
	if (op->kind == OP_DEV_FAULT)
		dev_prefault(d, op->addr, op->len, false);
	else
		dev_dma(d, op->addr, op->len, op->kind == OP_DMA_WRITE);
}

/*
 * I6: once the call has returned, translations made before it may grant
 * at most @prot over the range (check/stale.c).
 */
static void returned(int proc, uint64_t addr, uint64_t len,
		     unsigned int prot)
{
	check_range_returned(proc_mm[proc]->id, addr & PAGE_MASK,
			     addr + (len ? len : PAGE_SIZE), prot);
}

/*
 * truncate FILE SIZE: drop the file's pages from SIZE on; with a length,
 * punch the hole [SIZE, SIZE + len) instead (hugetlbfs only).
 */
static void do_truncate(struct address_space *f, uint64_t size, uint64_t len)
{
	if (f->kind == FILE_HUGETLBFS)
		hugetlbfs_punch_hole(f, size, len ? len : f->size - size);
	else
		shmem_truncate(f, size);
}

/*
 * The mappings the scenario gives process @proc itself (not inherited),
 * in declaration order; @proc -1: those of every process that exists.
 */
static void map_proc(int proc)
{
	for (int i = 0; i < cur->nmaps; i++) {
		const struct world_map *m = &cur->maps[i];
		struct address_space *f =
			m->file >= 0 ? mach.files[m->file] : NULL;

		if (proc >= 0 ? m->proc != proc : !proc_mm[m->proc])
			continue;
		if (do_mmap(proc_mm[m->proc], m->addr, m->len, m->prot,
			    m->flags, f, m->pgoff))
			sim_violation("setup", (uint64_t)i,
				      "mmap %d of the scenario failed", i);
	}
}

/* The secondary MMUs of process @proc (-1: as above), attached. */
static void attach_proc(int proc)
{
	for (int i = 0; i < cur->nmmus; i++) {
		char err[160] = "";
		int p = cur->mmus[i].proc;

		if (proc >= 0 ? p != proc : !proc_mm[p])
			continue;
		if (dev_mmu_attach(dev_mmu_get(i), proc_mm[p], err,
				   sizeof(err)))
			sim_violation("setup", (uint64_t)i, "mmu %s: %s",
				      cur->mmus[i].name,
				      err[0] ? err : "attach failed");
	}
}

/*
 * fork: the child takes process slot @target (declared with fork_of),
 * then gets the mappings and secondary MMUs the scenario gives it.
 */
static void do_fork(int proc, int target)
{
	char name[16];

	if (target < 0 || target >= cur->nprocs || target == proc ||
	    proc_mm[target]) {
		sim_violation("setup", (uint64_t)target,
			      "fork into process %d: no such slot, or forked "
			      "already", target);
		return;
	}
	snprintf(name, sizeof(name), "%s", cur->procs[target].name);
	proc_mm[target] = dup_mm(proc_mm[proc], name);
	if (!proc_mm[target]) {
		sim_violation("internal", (uint64_t)target,
			      "fork of %s: out of mm slots", name);
		return;
	}
	map_proc(target);
	attach_proc(target);
}

static void do_split(int proc, uint64_t addr)
{
	struct page *page = follow_page(proc_mm[proc], addr);

	if (page) {
		split_huge_page(page);
		put_page(page);
	}
}

/* Operations that do not act on the mm of the process running them. */
static bool needs_no_mm(int kind)
{
	return kind == OP_DMA_READ || kind == OP_DMA_WRITE ||
	       kind == OP_DEV_FAULT || kind == OP_TRUNCATE;
}

static void do_op(int cpu, int proc, const struct world_op *op)
{
	mm_event(EV_OP, op->kind, op->addr, op->len);
	/*
	 * A process not forked yet (a thread of a child can be scheduled
	 * before the fork) or exited has no mm to act on: the step is a
	 * no-op, as a system call of a task that is not there.
	 */
	if (!needs_no_mm(op->kind) &&
	    (!proc_mm[proc] || proc_mm[proc]->dead))
		return;
	switch (op->kind) {
	case OP_READ:
	case OP_WRITE:
		do_access(cpu, proc, op);
		break;
	case OP_MIGRATE:
		migrate_page_at(proc_mm[proc], op->addr);
		break;
	case OP_POISON:
		memory_failure_at(proc_mm[proc], op->addr);
		break;
	case OP_RECLAIM:
		reclaim_range(proc_mm[proc], op->addr,
			      op->len ? op->len : PAGE_SIZE);
		break;
	case OP_DMA_READ:
	case OP_DMA_WRITE:
	case OP_DEV_FAULT:
		do_dev_op(op);
		break;
	case OP_MMAP:
		do_mmap(proc_mm[proc], op->addr, op->len, (int)op->prot,
			(int)op->flags, op->file >= 0 ? mach.files[op->file] :
							NULL,
			op->arg);
		break;
	case OP_MUNMAP:
		if (!do_munmap(proc_mm[proc], op->addr, op->len))
			returned(proc, op->addr, op->len, PROT_NONE);
		break;
	case OP_MPROTECT:
		if (!do_mprotect(proc_mm[proc], op->addr, op->len,
				 (int)op->prot))
			returned(proc, op->addr, op->len, op->prot);
		break;
	case OP_MADVISE:
		/* DONTNEED drops the pages: no old translation may stay */
		if (!do_madvise(proc_mm[proc], op->addr, op->len,
				(int)op->flags) &&
		    op->flags == MADV_DONTNEED)
			returned(proc, op->addr, op->len, PROT_NONE);
		break;
	case OP_MREMAP:
		if (!do_mremap(proc_mm[proc], op->addr, op->len, op->arg))
			returned(proc, op->addr, op->len, PROT_NONE);
		break;
	case OP_MLOCK:
		do_mlock(proc_mm[proc], op->addr, op->len);
		break;
	case OP_MUNLOCK:
		do_munlock(proc_mm[proc], op->addr, op->len);
		break;
	case OP_FORK:
		do_fork(proc, op->target);
		break;
	case OP_EXIT:
		exit_mmap(proc_mm[proc]);
		break;
	case OP_SPLIT:
		do_split(proc, op->addr);
		break;
	case OP_TRUNCATE:
		do_truncate(mach.files[op->file], op->arg, op->len);
		break;
	default:
		sim_violation("internal", op->kind,
			      "operation %s is not modelled yet",
			      mm_op_name(op->kind));
	}
}

/*
 * Run ops[0..n), expanding repeat ... end blocks.  @cpu -1 (setup): each
 * step runs on the CPU of the process it acts on.
 */
static void run_ops(int cpu, int proc, const struct world_op *ops, int n)
{
	for (int i = 0; i < n; i++) {
		const struct world_op *op = &ops[i];
		int p = op->proc >= 0 ? op->proc : proc;
		int depth = 1, j;

		if (op->kind != OP_REPEAT) {
			do_op(cpu >= 0 ? cpu : proc_cpu(p), p, op);
			continue;
		}
		for (j = i + 1; j < n && depth; j++) {
			if (ops[j].kind == OP_REPEAT)
				depth++;
			else if (ops[j].kind == OP_END)
				depth--;
		}
		for (uint64_t k = 0; k < op->arg; k++)
			run_ops(cpu, proc, &ops[i + 1], j - i - 2);
		i = j - 1;
	}
}

static void thread_fn(void *arg)
{
	const struct world_thread *t = arg;

	run_ops(t->cpu, t->proc, t->ops, t->nops);
}

/*
 * Fresh processes get their mappings, then their secondary MMUs; a
 * forked process gets its own at its fork (do_fork), which is a setup
 * step or a thread's operation.
 */
static void setup_fn(void *arg)
{
	map_proc(-1);
	attach_proc(-1);
	run_ops(-1, -1, cur->setup, cur->nsetup);
}

static int build(const struct world_spec *w, const struct run_options *o)
{
	struct machine_config mc = w->mc;

	if (o->era)
		mc.era = o->era;
	mc.bugs = o->bugs;
	if (machine_init(&mc))
		return -1;
	swap_init(mc.swap_pages);
	tlb_batch_reset();
	for (int i = 0; i < w->nfiles; i++)
		if (!file_create(w->files[i].name, w->files[i].kind,
				 w->files[i].size, w->files[i].order))
			return -1;
	for (int i = 0; i < w->nprocs; i++) {
		/* a fork target is created by its fork operation */
		proc_mm[i] = NULL;
		if (w->procs[i].fork_of >= 0)
			continue;
		proc_mm[i] = mm_alloc(w->procs[i].name);
		if (!proc_mm[i])
			return -1;
	}
	dev_mmu_reset_all();
	for (int i = 0; i < w->nmmus; i++)
		if (!dev_mmu_create(w->mmus[i].kind, w->mmus[i].name))
			return -1;
	return 0;
}

static void take_result(struct run_result *r, bool in_setup)
{
	r->outcome = sim.outcome;
	r->violation = sim.violation;
	r->steps = sim.steps;
	r->in_setup = in_setup;
}

/*
 * --paranoid: the mm invariants hold whenever no simulated thread is
 * inside a critical section, since every multi-step update of the state
 * they relate (a PTE and its mapcount, a table and nr_ptes, a PUD and the
 * share count) is made under some modelled lock.  The first broken one
 * ends the run there, where the schedule that broke it is still short.
 */
static void paranoid_point(void)
{
	if (lock_held_total || !sim.current)
		return;
	/* it reads the whole machine: no step is independent of it */
	sim_touch_all();
	if (mm_check_invariants())
		sim_violation("invariant", 0, "(already recorded)");
}

int world_run(const struct world_spec *w, const struct run_options *o,
	      struct sim_strategy *strategy, struct run_result *r)
{
	struct sim_config cfg = {
		.max_steps = o->max_steps,
		.strategy = strategy,
		.keep_events = o->keep_events,
		.point_hook = o->paranoid ? paranoid_point : NULL,
	};

	struct sim_config setup_cfg = cfg;

	memset(r, 0, sizeof(*r));
	cur = w;
	if (build(w, o))
		return -1;
	/* one thread, no choice: the strategy has nothing to see */
	setup_cfg.strategy = NULL;
	sim_reset(&setup_cfg);
	sim_thread_create("setup", setup_fn, NULL, 0);
	sim_run();
	take_result(r, true);
	if (r->outcome != SIM_OK)
		return 0;
	check_clock_advance();
	if (o->after_setup) {
		o->after_setup();
		check_clock_advance();
	}
	sim_reset(&cfg);
	for (int i = 0; i < w->nthreads; i++) {
		const struct world_thread *t = &w->threads[i];
		struct sim_thread *st;

		st = sim_thread_create(t->name, thread_fn, (void *)t, t->cpu);
		if (!st)
			return -1;
		if (t->kind == THREAD_DEVICE)
			st->priv = dev_mmu_get(t->mmu);
	}
	sim_run();
	if (sim.outcome == SIM_OK)
		check_end_of_run();
	/* A run that ended well must leave the mm core consistent. */
	if (sim.outcome == SIM_OK)
		mm_check_invariants();
	take_result(r, false);
	return 0;
}

void world_spec_free(struct world_spec *w)
{
	free(w->setup);
	w->setup = NULL;
	for (int i = 0; i < w->nthreads; i++) {
		free(w->threads[i].ops);
		w->threads[i].ops = NULL;
	}
}

const char *world_expected(const struct world_spec *w, const char *era)
{
	const char *any = NULL;

	for (int i = 0; i < w->nexpect; i++) {
		if (!strcmp(w->expect[i].era, era))
			return w->expect[i].violation;
		if (!w->expect[i].era[0])
			any = w->expect[i].violation;
	}
	return any;
}
