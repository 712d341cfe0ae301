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

enum frame_use {
	FRAME_FREE,
	FRAME_DATA,
	FRAME_TABLE,
};

struct ghost_frame {
	uint32_t gen;
	uint8_t use;		/* enum frame_use */
	uint8_t pad[3];
};

#define HOME_NONE 0
#define HOME_SWAP_BIT ((uint64_t)1 << 63)

struct ghost_lpage {
	uint64_t home;		/* pfn + 1, or slot | HOME_SWAP_BIT, or 0 */
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
static inline uint32_t check_frame_gen(uint64_t pfn)
{
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
/* A walker (CPU or device) reads a table through a cached pointer. */
void check_table_walk(const struct agent *who, uint64_t table_pfn,
		      uint32_t gen);

#endif /* MMSIM_CHECK_CHECK_H */
