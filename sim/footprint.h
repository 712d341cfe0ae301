/* SPDX-License-Identifier: GPL-2.0-only
 *
 * Step footprints: what a scheduling step read and wrote.
 *
 * A sleep-set search (explore/dfs.c) may skip running thread t next only
 * if t's pending step commutes with what runs instead.  Two steps commute
 * when neither writes what the other touches, so every step records the
 * shared state it touches here, as keys:
 *
 *  - an object by address (a lock, an atomic, a CPU's TLB, an mm's CPU
 *    mask, a device's translation cache).  A static object's address is
 *    the key.  Heap addresses differ from run to run, and a footprint
 *    recorded in one run is compared with steps of another that replays
 *    the same prefix, so a heap address is turned into the order in which
 *    the run first touched it: the replayed prefix gives every object it
 *    touched the same number, and the numbers handed out after it are
 *    compared as "some new object" (sim_fp_forget_new());
 *  - a model index that is the same in every run that shares the prefix:
 *    a frame (SIM_FP_FRAME, also its struct page and ghost word), a
 *    logical page (SIM_FP_LPAGE), a swap slot (SIM_FP_SWAP).  A page-table
 *    page is a frame too.  A range of them is one entry.
 *
 * The rule that makes the reduction sound: shared state that some thread
 * reads or writes without holding the lock that orders it must record a
 * touch wherever it is read or written.  State only ever used under a
 * lock needs nothing: taking and dropping the lock are touches, and every
 * step of a thread touches the locks it holds (sim_fp_step_begin()).  A
 * lock-free writer of lock-protected state (the walker setting Accessed)
 * also touches that lock.  Anything that cannot name what it touches
 * calls sim_touch_all(): correct, only slower to explore.
 *
 * Recording costs one predictable branch when no strategy asks for it.
 */
#ifndef MMSIM_SIM_FOOTPRINT_H
#define MMSIM_SIM_FOOTPRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

enum sim_fp_space {
	SIM_FP_OBJ,		/* first-touch number of an address */
	SIM_FP_FRAME,		/* pfn: frame, struct page, ghost word */
	SIM_FP_LPAGE,		/* logical page (ghost) */
	SIM_FP_SWAP,		/* swap slot */
	SIM_FP_STATIC,		/* address of a static object: never moves */
};

#define SIM_FP_MAX 32

/* Ranges of keys, inclusive; bit i of wmask: entry i was written. */
struct sim_footprint {
	uint64_t lo[SIM_FP_MAX];
	uint64_t hi[SIM_FP_MAX];
	uint32_t wmask;
	uint8_t n;
	bool all;		/* overflowed or sim_touch_all() */
};

/* What ran since the last choice point: every step, every thread. */
extern struct sim_footprint sim_fp_cur;
extern sim_mask_t sim_fp_ran;
/*
 * The chosen thread's own step: sim_fp_cur as it was at that thread's
 * next scheduling point (valid once sim_fp_first_done).
 */
extern struct sim_footprint sim_fp_first;
extern bool sim_fp_first_done;

/*
 * What the latest touches recorded, so that a step touching one table entry
 * after another, or one lock again and again, records it once without a
 * call: an entry of sim_fp_cur only ever widens until the next clear.
 */
#define SIM_FP_MEMO 4

struct sim_fp_memo {
	/* ranges of the entries last touched, and whether written */
	uint64_t lo[SIM_FP_MEMO], hi[SIM_FP_MEMO];
	bool w[SIM_FP_MEMO];
	unsigned int next;	/* the slot the next miss replaces */
	/* objects last touched by address, and whether written */
	const void *obj[SIM_FP_MEMO];
	bool obj_w[SIM_FP_MEMO];
	unsigned int next_obj;
};

extern struct sim_fp_memo sim_fp_memo;

static inline bool sim_fp_memo_has(uint64_t lo, uint64_t hi, bool write)
{
	for (int i = 0; i < SIM_FP_MEMO; i++)
		if (lo >= sim_fp_memo.lo[i] && hi <= sim_fp_memo.hi[i] &&
		    (!write || sim_fp_memo.w[i]))
			return true;
	return false;
}

static inline bool sim_fp_memo_has_obj(const void *obj, bool write)
{
	for (int i = 0; i < SIM_FP_MEMO; i++)
		if (obj == sim_fp_memo.obj[i] &&
		    (!write || sim_fp_memo.obj_w[i]))
			return true;
	return false;
}


static inline uint64_t sim_fp_key(enum sim_fp_space s, uint64_t idx)
{
	return (uint64_t)s << 56 | (idx & ((1ull << 56) - 1));
}

void __sim_fp_add(uint64_t lo, uint64_t hi, bool write);
void __sim_fp_obj(const void *obj, bool write);

/* Touch the object at @obj (read, or write when @write). */
static inline void sim_touch(const void *obj, bool write)
{
	if (__builtin_expect(sim.fp_on, 0) &&
	    !sim_fp_memo_has_obj(obj, write))
		__sim_fp_obj(obj, write);
}

/* Touch indices [first, first + nr) of space @s. */
static inline void sim_touch_range(enum sim_fp_space s, uint64_t first,
				   uint64_t nr, bool write)
{
	uint64_t lo, hi;

	if (__builtin_expect(!sim.fp_on, 1) || !nr)
		return;
	lo = sim_fp_key(s, first);
	hi = sim_fp_key(s, first + nr - 1);
	if (!sim_fp_memo_has(lo, hi, write))
		__sim_fp_add(lo, hi, write);
}

static inline void sim_touch_frame(uint64_t pfn, bool write)
{
	sim_touch_range(SIM_FP_FRAME, pfn, 1, write);
}

/* A step that cannot say what it touches: dependent on every other. */
static inline void sim_touch_all(void)
{
	if (__builtin_expect(sim.fp_on, 0))
		sim_fp_cur.all = true;
}

void sim_fp_clear(struct sim_footprint *f);
/* The key @obj is recorded under this run (numbering it if new). */
uint64_t sim_fp_obj_key(const void *obj);
/* Whether @f records @key, read or (with @write) written. */
bool sim_fp_has(const struct sim_footprint *f, uint64_t key, bool write);
/* Objects numbered so far this run. */
uint32_t sim_fp_objects(void);
/*
 * Make @f, recorded after the first @n objects were numbered, safe to
 * compare with steps of another run that shares only that prefix: the
 * numbers above @n name different objects there, so they all become
 * "any object first touched after the prefix".
 */
void sim_fp_forget_new(struct sim_footprint *f, uint32_t n);
/* Two footprints conflict if one writes a key the other touches. */
bool sim_fp_conflict(const struct sim_footprint *a,
		     const struct sim_footprint *b);
/* Forget the address numbering: called by sim_reset(). */
void sim_fp_reset(void);
/*
 * Called by the scheduler when thread @id is about to run a step: the
 * locks it holds order everything it does under them.
 */
void sim_fp_step_begin(int id);
/* A choice was made: start recording what follows it. */
void sim_fp_chosen(int id);
/* The running thread reached a scheduling point (its step ends). */
static inline void sim_fp_boundary(void)
{
	if (!sim_fp_first_done) {
		sim_fp_first = sim_fp_cur;
		sim_fp_first_done = true;
	}
}

#endif /* MMSIM_SIM_FOOTPRINT_H */
