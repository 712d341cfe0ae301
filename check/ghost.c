// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ghost state: frame generations and logical pages.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "mm/machine.h"
#include "sim/sim.h"

struct ghost ghost;
uint64_t check_clock_base;

int check_init(uint64_t nr_frames)
{
	free(ghost.frame);
	ghost.frame = calloc(nr_frames, sizeof(*ghost.frame));
	if (!ghost.frame)
		return -1;
	ghost.nr_frames = nr_frames;
	ghost.nr_lp = 1;	/* logical page 0 is "never written" */
	/*
	 * Room for one logical page a frame from the start: calloc'd memory
	 * costs nothing until touched, while growing by realloc may copy
	 * and leave the old block resident in the heap.
	 */
	if (ghost.cap_lp < nr_frames + 1) {
		free(ghost.lp);
		ghost.cap_lp = (uint32_t)(nr_frames + 1);
		ghost.lp = calloc(ghost.cap_lp, sizeof(*ghost.lp));
		if (!ghost.lp)
			return -1;
	}
	memset(ghost.lp, 0, sizeof(*ghost.lp));
	ghost.accesses = 0;
	if (ghost.swap_word)
		memset(ghost.swap_word, 0,
		       ghost.nr_swap_words * sizeof(*ghost.swap_word));
	check_stale_reset();
	check_secondary_reset();
	check_deferred_reset();
	check_dirty_reset();
	check_clock_base = 0;
	return 0;
}

void check_destroy(void)
{
	free(ghost.frame);
	free(ghost.lp);
	free(ghost.swap_word);
	memset(&ghost, 0, sizeof(ghost));
}

void check_frames_alloc(uint64_t pfn, uint64_t nr, int use)
{
	sim_touch_range(SIM_FP_FRAME, pfn, nr, true);
	for (uint64_t i = 0; i < nr; i++)
		ghost.frame[pfn + i].use = (uint8_t)use;
}

/*
 * Touch the logical pages frames [pfn, pfn + nr) hold, as one range from
 * the lowest to the highest: a huge page's are usually consecutive, and
 * a wider range only adds dependences.
 */
static void touch_lpages_of(uint64_t pfn, uint64_t nr)
{
	uint32_t lo = UINT32_MAX, hi = 0;

	if (!sim.fp_on)
		return;
	for (uint64_t i = 0; i < nr; i++) {
		uint32_t l = (uint32_t)(mach.mem[pfn + i] >> 32);

		if (!l)
			continue;
		lo = l < lo ? l : lo;
		hi = l > hi ? l : hi;
	}
	if (hi)
		sim_touch_range(SIM_FP_LPAGE, lo, hi - lo + 1, true);
}

void check_frames_free(uint64_t pfn, uint64_t nr)
{
	check_secondary_frames_freed(pfn, nr);
	check_deferred_frames_freed(pfn, nr);
	sim_touch_range(SIM_FP_FRAME, pfn, nr, true);
	touch_lpages_of(pfn, nr);
	for (uint64_t i = 0; i < nr; i++) {
		struct ghost_frame *f = &ghost.frame[pfn + i];
		uint64_t word = mach.mem[pfn + i];
		uint32_t l = (uint32_t)(word >> 32);

		/* The data dies with the frame unless it moved elsewhere. */
		if (l && ghost.lp[l].home == (uint32_t)(pfn + i + 1))
			ghost.lp[l].home = HOME_NONE;
		mach.mem[pfn + i] = 0;
		f->gen++;
		f->use = FRAME_FREE;
	}
}

void check_frames_poison(uint64_t pfn, uint64_t nr)
{
	sim_touch_range(SIM_FP_FRAME, pfn, nr, true);
	for (uint64_t i = 0; i < nr; i++)
		ghost.frame[pfn + i].use = FRAME_POISON;
}

/*
 * The numbers the next @nr new_lpage() calls hand out: numbering is
 * state (the same data gets the same number), so callers touch it.
 */
static void touch_new_lpages(uint64_t nr)
{
	sim_touch(&ghost.nr_lp, true);
	sim_touch_range(SIM_FP_LPAGE, ghost.nr_lp, nr, true);
}

static uint32_t new_lpage(uint32_t home, uint32_t owner)
{
	uint32_t l;

	if (ghost.nr_lp == ghost.cap_lp) {
		uint32_t cap = ghost.cap_lp * 2;
		struct ghost_lpage *n = realloc(ghost.lp, cap * sizeof(*n));

		if (!n)
			abort();
		ghost.lp = n;
		ghost.cap_lp = cap;
	}
	l = ghost.nr_lp++;
	ghost.lp[l].home = home;
	ghost.lp[l].version = 0;
	ghost.lp[l].owner = owner;
	return l;
}

void check_fill_new(uint64_t pfn, uint64_t nr, uint32_t owner)
{
	sim_touch_range(SIM_FP_FRAME, pfn, nr, true);
	touch_new_lpages(nr);
	for (uint64_t i = 0; i < nr; i++) {
		uint32_t l = new_lpage(pfn + i + 1, owner);

		mach.mem[pfn + i] = (uint64_t)l << 32;
	}
}

void check_move_frames(uint64_t dst, uint64_t src, uint64_t nr)
{
	sim_touch_range(SIM_FP_FRAME, src, nr, false);
	sim_touch_range(SIM_FP_FRAME, dst, nr, true);
	touch_lpages_of(src, nr);
	for (uint64_t i = 0; i < nr; i++) {
		uint64_t word = mach.mem[src + i];
		uint32_t l = (uint32_t)(word >> 32);

		mach.mem[dst + i] = word;
		if (l)
			ghost.lp[l].home = (uint32_t)(dst + i + 1);
	}
}

void check_cow_frames(uint64_t dst, uint64_t src, uint64_t nr,
		      uint32_t owner)
{
	sim_touch_range(SIM_FP_FRAME, src, nr, false);
	sim_touch_range(SIM_FP_FRAME, dst, nr, true);
	touch_new_lpages(nr);
	for (uint64_t i = 0; i < nr; i++) {
		uint32_t l = new_lpage(dst + i + 1, owner);
		uint32_t v = (uint32_t)mach.mem[src + i];

		ghost.lp[l].version = v;
		mach.mem[dst + i] = (uint64_t)l << 32 | v;
	}
}

uint32_t check_frame_owner(uint64_t pfn)
{
	uint32_t l = (uint32_t)(mach.mem[pfn] >> 32);

	sim_touch_frame(pfn, false);
	sim_touch_range(SIM_FP_LPAGE, l, 1, false);
	return l ? ghost.lp[l].owner : 0;
}

void check_swap_out(uint64_t slot, uint64_t pfn)
{
	uint64_t word = mach.mem[pfn];
	uint32_t l = (uint32_t)(word >> 32);

	sim_touch_frame(pfn, false);
	sim_touch_range(SIM_FP_SWAP, slot, 1, true);
	sim_touch_range(SIM_FP_LPAGE, l, 1, true);
	/* writeback starts: I14b */
	check_deferred_writeback(pfn);
	if (slot >= ghost.nr_swap_words) {
		uint64_t n = (slot + 1) * 2;
		uint64_t *w = realloc(ghost.swap_word, n * sizeof(*w));

		if (!w)
			abort();
		memset(w + ghost.nr_swap_words, 0,
		       (n - ghost.nr_swap_words) * sizeof(*w));
		ghost.swap_word = w;
		ghost.nr_swap_words = n;
	}
	ghost.swap_word[slot] = word;
	/* only the latest copy moves the home; a stale frame does not */
	if (l && ghost.lp[l].home == (uint32_t)(pfn + 1))
		ghost.lp[l].home = (uint32_t)slot | HOME_SWAP_BIT;
}

void check_swap_in(uint64_t pfn, uint64_t slot)
{
	uint64_t word = slot < ghost.nr_swap_words ? ghost.swap_word[slot] : 0;
	uint32_t l = (uint32_t)(word >> 32);

	sim_touch_range(SIM_FP_SWAP, slot, 1, false);
	sim_touch_frame(pfn, true);
	sim_touch_range(SIM_FP_LPAGE, l, 1, true);
	mach.mem[pfn] = word;
	if (l && ghost.lp[l].home == ((uint32_t)slot | HOME_SWAP_BIT))
		ghost.lp[l].home = (uint32_t)(pfn + 1);
}
