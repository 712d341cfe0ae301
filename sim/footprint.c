// SPDX-License-Identifier: GPL-2.0-only
/*
 * Step footprints (see footprint.h for what they are for).
 */
#include <string.h>

#include "sim/footprint.h"
#include "sim/lock.h"

struct sim_footprint sim_fp_cur;
sim_mask_t sim_fp_ran;
struct sim_footprint sim_fp_first;
bool sim_fp_first_done;
struct sim_fp_memo sim_fp_memo;

static void forget_memo(void)
{
	for (int i = 0; i < SIM_FP_MEMO; i++) {
		sim_fp_memo.lo[i] = 1;	/* empty: lo > hi */
		sim_fp_memo.hi[i] = 0;
		sim_fp_memo.w[i] = false;
		sim_fp_memo.obj[i] = NULL;
	}
}

/*
 * Address -> first-touch number, open addressing.  An entry is live when
 * its generation is the run's, so a new run forgets the table without
 * clearing it.
 *
 * Two runs that share a prefix number every object the prefix touched
 * alike; past the prefix the same number may name different objects.
 * So a footprint kept for another run keeps its numbers up to the
 * prefix's count n and turns the rest into the range (n, max]: "some
 * object first touched after the prefix", which every such touch of the
 * other run overlaps (sim_fp_forget_new).
 */
#define MAP_BITS 15
#define MAP_SIZE (1u << MAP_BITS)
#define MAP_LIMIT (MAP_SIZE / 2)

struct map_slot {
	const void *addr;
	uint32_t id;
	uint32_t gen;
};

static struct map_slot map[MAP_SIZE];
static uint32_t map_gen = 1;
static uint32_t map_used;

void sim_fp_reset(void)
{
	map_gen++;
	if (!map_gen) {
		memset(map, 0, sizeof(map));
		map_gen = 1;
	}
	map_used = 0;
	sim_fp_clear(&sim_fp_cur);
	sim_fp_ran = 0;
	sim_fp_first_done = false;
}

static uint32_t slot_of(const void *addr)
{
	uint64_t h = (uint64_t)(uintptr_t)addr * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(h >> (64 - MAP_BITS));
}

/* The object's number, or 0 when the table is too full to number it. */
static uint32_t obj_number(const void *addr)
{
	uint32_t i = slot_of(addr);

	for (;; i = (i + 1) & (MAP_SIZE - 1)) {
		struct map_slot *s = &map[i];

		if (s->gen != map_gen) {
			if (map_used >= MAP_LIMIT)
				return 0;
			s->addr = addr;
			s->gen = map_gen;
			s->id = ++map_used;
			return s->id;
		}
		if (s->addr == addr)
			return s->id;
	}
}

uint32_t sim_fp_objects(void)
{
	return map_used;
}

#define OBJ_MAX ((1ull << 56) - 1)

void sim_fp_forget_new(struct sim_footprint *f, uint32_t n)
{
	uint64_t cut = sim_fp_key(SIM_FP_OBJ, n);
	uint64_t top = sim_fp_key(SIM_FP_OBJ, OBJ_MAX);
	int nr = f->n;

	for (int i = 0; i < nr && !f->all; i++) {
		uint32_t w = (f->wmask >> i) & 1u;

		if (f->lo[i] >> 56 != SIM_FP_OBJ || f->hi[i] <= cut)
			continue;
		if (f->lo[i] > cut) {
			f->lo[i] = cut + 1;
			f->hi[i] = top;
			continue;
		}
		/* straddles the prefix: keep the old part, add the new */
		if (f->n == SIM_FP_MAX) {
			f->all = true;
			return;
		}
		f->hi[i] = cut;
		f->lo[f->n] = cut + 1;
		f->hi[f->n] = top;
		f->wmask |= w << f->n;
		f->n++;
	}
}

void sim_fp_clear(struct sim_footprint *f)
{
	f->n = 0;
	f->wmask = 0;
	f->all = false;
	if (f == &sim_fp_cur)
		forget_memo();
}

static void remember(const struct sim_footprint *f, int i)
{
	unsigned int m = sim_fp_memo.next++ % SIM_FP_MEMO;

	sim_fp_memo.lo[m] = f->lo[i];
	sim_fp_memo.hi[m] = f->hi[i];
	sim_fp_memo.w[m] = (f->wmask >> i) & 1u;
}

void __sim_fp_add(uint64_t lo, uint64_t hi, bool write)
{
	struct sim_footprint *f = &sim_fp_cur;
	uint32_t w = write ? 1u : 0u;

	/* end-of-run checks and reports are not steps */
	if (f->all || !sim.running)
		return;
	/* Widen an entry of the same mode that the range overlaps or abuts,
	 * the latest first: a step touches the same things again and again. */
	for (int i = f->n - 1; i >= 0; i--) {
		if (((f->wmask >> i) & 1u) != w)
			continue;
		if (lo > f->hi[i] + 1 || f->lo[i] > hi + 1)
			continue;
		if (lo >> 56 != f->lo[i] >> 56)
			continue;
		if (lo < f->lo[i])
			f->lo[i] = lo;
		if (hi > f->hi[i])
			f->hi[i] = hi;
		remember(f, i);
		return;
	}
	if (f->n == SIM_FP_MAX) {
		f->all = true;
		return;
	}
	f->lo[f->n] = lo;
	f->hi[f->n] = hi;
	f->wmask |= w << f->n;
	remember(f, f->n);
	f->n++;
}

/* The program image: statics and globals keep their address every run. */
extern char __executable_start[], _end[];

/* 0 when the numbering table is full */
uint64_t sim_fp_obj_key(const void *obj)
{
	uint32_t id;

	if ((const char *)obj >= __executable_start &&
	    (const char *)obj < _end)
		return sim_fp_key(SIM_FP_STATIC, (uint64_t)(uintptr_t)obj);
	id = obj_number(obj);
	return id ? sim_fp_key(SIM_FP_OBJ, id) : 0;
}

bool sim_fp_has(const struct sim_footprint *f, uint64_t key, bool write)
{
	if (f->all)
		return true;
	for (int i = 0; i < f->n; i++)
		if (f->lo[i] <= key && key <= f->hi[i] &&
		    (!write || ((f->wmask >> i) & 1u)))
			return true;
	return false;
}

void __sim_fp_obj(const void *obj, bool write)
{
	uint64_t key;
	unsigned int m;

	if (!sim.running)
		return;
	key = sim_fp_obj_key(obj);
	if (!key) {
		sim_fp_cur.all = true;
		return;
	}
	__sim_fp_add(key, key, write);
	m = sim_fp_memo.next_obj++ % SIM_FP_MEMO;
	sim_fp_memo.obj[m] = obj;
	sim_fp_memo.obj_w[m] = write;
}

bool sim_fp_conflict(const struct sim_footprint *a,
		     const struct sim_footprint *b)
{
	if (a->all || b->all)
		return true;
	for (int i = 0; i < a->n; i++) {
		bool aw = (a->wmask >> i) & 1u;

		for (int j = 0; j < b->n; j++) {
			if (!aw && !((b->wmask >> j) & 1u))
				continue;
			if (a->lo[i] <= b->hi[j] && b->lo[j] <= a->hi[i])
				return true;
		}
	}
	return false;
}

void sim_fp_chosen(int id)
{
	sim_fp_clear(&sim_fp_cur);
	sim_fp_ran = 0;
	sim_fp_first_done = false;
	sim_fp_step_begin(id);
}

void sim_fp_step_begin(int id)
{
	sim_fp_ran |= sim_bit(id);
	lock_touch_held(id);
}
