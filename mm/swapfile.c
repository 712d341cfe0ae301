// SPDX-License-Identifier: GPL-2.0-only
/*
 * One swap device: slots with map counts.  A slot's contents are one
 * word, like a frame's; writeback moves a logical page's home there.
 */
#include <stdlib.h>
#include <string.h>

#include "mm/internal.h"
#include "mm/machine.h"
#include "mm/swap_state.h"
#include "sim/footprint.h"

static uint16_t *swap_map;
static uint64_t nr_swap;

void swap_init(uint64_t nr_slots)
{
	free(swap_map);
	nr_swap = nr_slots;
	swap_map = calloc(nr_slots ? nr_slots : 1, sizeof(*swap_map));
	if (!swap_map || swap_cache_init(nr_slots))
		abort();
}

void swap_destroy(void)
{
	free(swap_map);
	swap_map = NULL;
	nr_swap = 0;
	swap_cache_destroy();
}

/* Slot 0 is never handed out, so a zero entry means "none". */
swp_entry_t get_swap_page(void)
{
	/* No lock: the scan and the claim are one step (sim/footprint.h). */
	if (nr_swap > 1)
		sim_touch_range(SIM_FP_SWAP, 1, nr_swap - 1, false);
	for (uint64_t i = 1; i < nr_swap; i++) {
		if (!swap_map[i]) {
			sim_touch_range(SIM_FP_SWAP, i, 1, true);
			swap_map[i] = 1;
			return swp_entry(0, i);
		}
	}
	return swp_entry(0, 0);
}

int swap_duplicate(swp_entry_t entry)
{
	uint64_t off = swp_offset(entry);

	sim_touch_range(SIM_FP_SWAP, off, 1, true);
	if (!off || off >= nr_swap || !swap_map[off])
		return -22;
	swap_map[off]++;
	return 0;
}

void swap_free(swp_entry_t entry)
{
	uint64_t off = swp_offset(entry);

	sim_touch_range(SIM_FP_SWAP, off, 1, true);
	if (off && off < nr_swap && swap_map[off])
		swap_map[off]--;
}

int swap_count(swp_entry_t entry)
{
	uint64_t off = swp_offset(entry);

	sim_touch_range(SIM_FP_SWAP, off, 1, false);
	return off && off < nr_swap ? swap_map[off] : 0;
}
