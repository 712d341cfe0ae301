/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ghost state and oracles.  check/ sees accesses, frame allocations and
 * frees, and entry changes; it never asks which era or bug switch runs.
 *
 * Ghost per frame: a generation, bumped at every free, and whether it is
 * allocated and as what.  Ghost per logical page (a 4 KiB unit of data
 * with an identity that survives migration, swap and splits): its latest
 * version and its home (the frame or swap slot that holds the latest
 * copy).  Memory contents are one word per frame: (logical page, version).
 */
#ifndef MMSIM_CHECK_CHECK_H
#define MMSIM_CHECK_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/footprint.h"
#include "sim/sim.h"

enum frame_use {
	FRAME_FREE,
	FRAME_DATA,
	FRAME_TABLE,
	FRAME_POISON,	/* retired by memory failure */
};

/*
 * Four bytes a frame: the generation (it wraps after 2^29 frees of one
 * frame, far beyond any run) and the use.  Kept small because it is paid
 * for every simulated 4 KiB page.
 */
struct ghost_frame {
	uint32_t gen : 29;
	uint32_t use : 3;	/* enum frame_use */
};

_Static_assert(sizeof(struct ghost_frame) == 4, "ghost_frame grew");

#define HOME_NONE 0
#define HOME_SWAP_BIT ((uint32_t)1 << 31)

/* Twelve bytes a logical page: frames and slots fit in 31 bits. */
struct ghost_lpage {
	uint32_t home;		/* pfn + 1, or slot | HOME_SWAP_BIT, or 0 */
	uint32_t version;
	uint32_t owner;		/* who the data belongs to (mm or file tag) */
};

struct ghost {
	struct ghost_frame *frame;
	struct ghost_lpage *lp;
	uint32_t nr_lp, cap_lp;
	uint64_t nr_frames;
	uint64_t accesses;
	uint64_t *swap_word;	/* contents of each swap slot */
	uint64_t nr_swap_words;
};

extern struct ghost ghost;

/*
 * A clock that keeps running across the setup run and the racing run of
 * one world (each starts its own step count), so that "made before the
 * call returned" compares like with like.
 */
extern uint64_t check_clock_base;

static inline uint64_t check_clock(void)
{
	return check_clock_base + sim.steps;
}

/* The setup run ended: the racing run's steps come after its steps. */
static inline void check_clock_advance(void)
{
	check_clock_base += sim.steps + 1;
}

int check_init(uint64_t nr_frames);
void check_destroy(void);

/* Who accesses memory: a CPU or a device engine. */
enum agent_kind {
	AGENT_CPU,
	AGENT_DEVICE,
	AGENT_KERNEL,
};

struct agent {
	int kind;
	int id;
	const char *name;
};

/* Owner tags: which mm (anon) or file a logical page belongs to. */
#define OWNER_ANON(mm_id) (0x10000u | (uint32_t)(mm_id))
#define OWNER_FILE(file_id) (0x20000u | (uint32_t)(file_id))

void check_frames_alloc(uint64_t pfn, uint64_t nr, int use);
void check_frames_free(uint64_t pfn, uint64_t nr);
void check_frames_poison(uint64_t pfn, uint64_t nr);
static inline uint32_t check_frame_gen(uint64_t pfn)
{
	sim_touch_frame(pfn, false);
	return ghost.frame[pfn].gen;
}

/* Fresh contents: each frame gets a new logical page at version 0. */
void check_fill_new(uint64_t pfn, uint64_t nr, uint32_t owner);
/*
 * Migration copy: the logical pages in @src move to @dst (same identity,
 * same version); @src keeps a stale copy.
 */
void check_move_frames(uint64_t dst, uint64_t src, uint64_t nr);
/* COW copy: @dst gets new logical pages with @src's contents. */
void check_cow_frames(uint64_t dst, uint64_t src, uint64_t nr,
		      uint32_t owner);

/*
 * Swap writeback: the data of @pfn is copied to swap slot @slot and its
 * home moves there (the frame keeps a stale copy until freed).
 */
void check_swap_out(uint64_t slot, uint64_t pfn);
/* Swap-in: the data of @slot comes back into @pfn, its home again. */
void check_swap_in(uint64_t pfn, uint64_t slot);

/*
 * An access by @who at @va through a translation to @pfn made when the
 * frame had generation @gen.  Reports uaf, leak, lost-write, stale-read.
 * Returns the content word read or written.
 */
uint64_t check_access(const struct agent *who, int mm_id, uint64_t va,
		      uint64_t pfn, uint32_t gen, bool write, uint32_t owner);
/* The owner tag of the data now in @pfn (0 if none), for translations. */
uint32_t check_frame_owner(uint64_t pfn);
/*
 * I6: when munmap/mprotect/madvise/mremap returns, no TLB may grant more
 * than the new PTEs do.  @prot is what [start, end) grants afterwards
 * (PROT_* bits; 0 for unmapped).
 */
void check_range_returned(int mm_id, uint64_t start, uint64_t end,
			  unsigned int prot);
void check_stale_reset(void);
/* A translation made at step @made is used for an access. */
void check_tlb_use(const struct agent *who, int mm_id, uint64_t va,
		   bool write, uint64_t made);

/* Swap: a logical page moves to a swap slot and back. */
void check_swap_out(uint64_t slot, uint64_t pfn);
void check_swap_in(uint64_t pfn, uint64_t slot);

/*
 * Contract clauses an era's kernel promises; check/ enforces the ones the
 * running machine declares (it never sees the era itself).
 */
#define CLAUSE_BRACKET_ALL (1u << 0)	/* I1/I3, from 4.19 on */

void check_set_contract(unsigned int clauses);
void check_bracket_open(int mm_id, uint64_t start, uint64_t end);
void check_bracket_close(int mm_id, uint64_t start, uint64_t end);
int check_open_brackets(int mm_id);
void check_secondary_install(int mm_id, uint64_t va, uint64_t when);
/* check_clock() for a secondary's page-table read (see bracket.c). */
uint64_t check_secondary_read_clock(void);
/* check_clock() for a CPU translation's stamp (see stale.c). */
uint64_t check_translation_made(void);
/* A page-table entry changes from @old to @new. */
void check_entry_change(uint64_t table, unsigned int index, uint64_t old,
			uint64_t new);

/* I4: TLB-sharing secondaries (check/secondary.c). */
void check_secondary_reset(void);
void check_secondary_attach(int mm_id);
bool check_secondary_watched(int mm_id);
void check_secondary_removed(int mm_id, uint64_t va, uint64_t size,
			     uint64_t pfn);
void check_secondary_flushed(int mm_id, uint64_t start, uint64_t end);
void check_secondary_frames_freed(uint64_t pfn, uint64_t nr);

/*
 * I14: deferred (batched) TLB flushes (check/deferred.c).  The unmap
 * clears a PTE (check_entry_change) and defers its flush
 * (check_tlb_batch_add, from set_tlb_ubc_flush_pending); the mm's TLBs
 * are flushed as a whole later (check_tlb_batch_flushed).  Freeing or
 * writing back the page in between is judged at the free and at
 * check_swap_out.
 */
void check_deferred_reset(void);
void check_deferred_cleared(uint64_t old);
void check_tlb_batch_add(int mm_id);
void check_tlb_batch_flushed(int mm_id);
void check_deferred_frames_freed(uint64_t pfn, uint64_t nr);
void check_deferred_writeback(uint64_t pfn);

/* I15: dirty propagation at clear time (check/dirty.c). */
void check_dirty_reset(void);
void check_dirty_change(uint64_t table, unsigned int index, uint64_t old,
			uint64_t new);
void check_dirty_end_of_run(void);

/* The checks made once every thread has finished. */
void check_end_of_run(void);

/* A walker (CPU or device) reads a table through a cached pointer. */
void check_table_walk(const struct agent *who, uint64_t table_pfn,
		      uint32_t gen);

#endif /* MMSIM_CHECK_CHECK_H */
