// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device registry and the DMA engine shared by every secondary MMU.
 */
#include <stdio.h>
#include <string.h>

#include "drivers/dev_mmu.h"
#include "mm/events.h"
#include "mm/machine.h"
#include "sim/footprint.h"

#define EAGAIN 11
#define MAX_ACCESS_RETRIES 1000

static const struct dev_mmu_ops *const kinds[NR_DEV_MMU_KINDS] = {
	[DEV_MMU_IOMMU_SVA] = &iommu_sva_ops,
	[DEV_MMU_ODP] = &odp_ops,
	[DEV_MMU_KVM] = &kvm_ops,
	[DEV_MMU_HMM_MIRROR] = &hmm_mirror_ops,
};

/* The devices of the world being run; replaced when the next is built. */
static struct dev_mmu *devs[DEV_MAX_MMUS];
static int ndevs;

int dev_mmu_kind_find(const char *name)
{
	for (int i = 0; i < NR_DEV_MMU_KINDS; i++)
		if (!strcmp(kinds[i]->kind, name))
			return i;
	return -1;
}

const char *dev_mmu_kind_name(int kind)
{
	return kind >= 0 && kind < NR_DEV_MMU_KINDS ? kinds[kind]->kind : "?";
}

void dev_mmu_reset_all(void)
{
	for (int i = 0; i < ndevs; i++) {
		devs[i]->ops->destroy(devs[i]);
		devs[i] = NULL;
	}
	ndevs = 0;
}

struct dev_mmu *dev_mmu_create(int kind, const char *name)
{
	struct dev_mmu *d;

	if (kind < 0 || kind >= NR_DEV_MMU_KINDS || ndevs >= DEV_MAX_MMUS)
		return NULL;
	d = kinds[kind]->create();
	if (!d)
		return NULL;
	d->id = ndevs;
	d->kind = kind;
	d->ops = kinds[kind];
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->who = (struct agent){ AGENT_DEVICE, d->id, d->name };
	devs[ndevs++] = d;
	return d;
}

struct dev_mmu *dev_mmu_get(int index)
{
	return index >= 0 && index < ndevs ? devs[index] : NULL;
}

int dev_mmu_count(void)
{
	return ndevs;
}

int dev_mmu_attach(struct dev_mmu *d, struct mm_struct *mm, char *err,
		   size_t len)
{
	d->mm = mm;
	return d->ops->attach(d, err, len);
}

uint64_t dev_check_access(struct dev_mmu *d, uint64_t va, uint64_t pfn,
			  uint32_t gen, bool write, uint32_t owner)
{
	uint64_t word = check_access(&d->who, d->mm->id, va, pfn, gen, write,
				     owner);

	mm_event(EV_ACCESS, va, pfn, (uint64_t)write << 63 | word);
	d->nr_access++;
	return word;
}

/* One page: access, faulting in through the client on a miss. */
static int dev_access_page(struct dev_mmu *d, uint64_t va, bool write)
{
	uint64_t word;

	sim_point();
	for (int tries = 0; tries < MAX_ACCESS_RETRIES; tries++) {
		int r = d->ops->access(d, va, write, &word);

		if (!r || r == -ENODEV)
			return r;
		if (r == -EAGAIN)
			continue;
		d->nr_fault++;
		r = d->ops->fault(d, va, write);
		if (r)
			return r;
	}
	sim_violation("livelock", va, "device %s: access to %#llx failed %d "
		      "times", d->name, (unsigned long long)va,
		      MAX_ACCESS_RETRIES);
	return -EFAULT;
}

int dev_dma(struct dev_mmu *d, uint64_t addr, uint64_t len, bool write)
{
	if (!len)
		len = 1;
	for (uint64_t a = addr & PAGE_MASK; a < addr + len; a += PAGE_SIZE) {
		int r = dev_access_page(d, a, write);

		if (r)
			return r;
	}
	return 0;
}

int dev_prefault(struct dev_mmu *d, uint64_t addr, uint64_t len, bool write)
{
	if (!len)
		len = 1;
	for (uint64_t a = addr & PAGE_MASK; a < addr + len; a += PAGE_SIZE) {
		int r;

		if (dev_released(d))
			return -ENODEV;
		r = d->ops->fault(d, a, write);
		if (r)
			return r;
	}
	return 0;
}
