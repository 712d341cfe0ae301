// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugetlbfs: the pool, the fault path and PMD sharing.
 *
 * Lock ordering, as in the kernel:
 *   hugetlb_fault_mutex
 *     page lock
 *       mapping->i_mmap_rwsem (huge_pmd_share)
 *         huge_pte_lock (the PMD table's split lock) / page_table_lock
 *           hugetlb_lock
 */
#include <string.h>

#include "check/check.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "mm/events.h"
#include "mm/hugetlb.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "sim/footprint.h"

static struct lock_class hugetlb_lock_class = { .name = "hugetlb_lock" };
static struct lock_class fault_mutex_class = { .name = "hugetlb_fault_mutex" };
static struct lock_class vma_lock_class = { .name = "hugetlb_vma_lock" };

/* One fault mutex per (file, index) hash bucket, as the kernel hashes. */
#define NR_FAULT_MUTEXES 16
static struct mutex fault_mutex[NR_FAULT_MUTEXES];

struct mutex *hugetlb_fault_mutex(struct address_space *mapping, uint64_t idx)
{
	return &fault_mutex[(mapping->id * 31 + idx) % NR_FAULT_MUTEXES];
}

uint64_t huge_page_size(const struct hstate *h)
{
	return PAGE_SIZE << h->order;
}

struct hstate *hstate_vma(const struct vm_area_struct *vma)
{
	return vma->vm_file->order == HPAGE_PUD_ORDER ? &mach.hstate_1g :
							  &mach.hstate_2m;
}

static void pool_push(struct hstate *h, struct page *page)
{
	page->private = h->free_head;
	h->free_head = page_to_pfn(page) + 1;
	h->nr_free++;
}

static int pool_fill(struct hstate *h, unsigned int order, int n)
{
	h->order = order;
	spin_lock_init(&h->lock, &hugetlb_lock_class, "hugetlb_lock");
	h->free_head = 0;
	h->nr_free = h->nr_total = 0;
	for (int i = 0; i < n; i++) {
		struct page *page = alloc_pages(order);

		if (!page)
			return -1;
		SetPageHugeFlag(page);
		page->_refcount = 0;
		check_frames_free(page_to_pfn(page), 1ull << order);
		pool_push(h, page);
		h->nr_total++;
	}
	return 0;
}

int hugetlb_pool_init(void)
{
	for (int i = 0; i < NR_FAULT_MUTEXES; i++)
		mutex_init(&fault_mutex[i], &fault_mutex_class,
			   "hugetlb_fault_mutex");
	if (pool_fill(&mach.hstate_1g, HPAGE_PUD_ORDER, mach.cfg.hugetlb_1g))
		return -1;
	return pool_fill(&mach.hstate_2m, HPAGE_PMD_ORDER,
			 mach.cfg.hugetlb_2m);
}

/* Take a page from the pool, LIFO.  Returns it with one reference. */
struct page *alloc_huge_page(struct hstate *h)
{
	struct page *page;
	unsigned long nr = 1ul << h->order;

	spin_lock(&h->lock);
	if (!h->free_head) {
		spin_unlock(&h->lock);
		return NULL;
	}
	page = pfn_to_page(h->free_head - 1);
	sim_touch_range(SIM_FP_FRAME, page_to_pfn(page), nr, true);
	h->free_head = page->private;
	h->nr_free--;
	spin_unlock(&h->lock);
	for (unsigned long i = 1; i < nr; i++)
		page[i]._mapcount = -1;
	page->flags = (1u << PG_head) | (1u << PG_hugetlb);
	page->_refcount = 1;
	page->_mapcount = -1;
	page->_entire_mapcount = -1;
	page->mapping = 0;
	page->index = 0;
	page->private = 0;
	check_frames_alloc(page_to_pfn(page), nr, FRAME_DATA);
	return page;
}

/* The last reference is gone: back to the pool, where reuse is LIFO. */
void free_huge_page(struct page *page)
{
	struct hstate *h = page->compound == HPAGE_PUD_ORDER ?
				   &mach.hstate_1g :
				   &mach.hstate_2m;

	mm_event(EV_PAGE_FREE, page_to_pfn(page), page->compound, 0);
	check_frames_free(page_to_pfn(page), 1ull << h->order);
	page->flags = (1u << PG_head) | (1u << PG_hugetlb);
	page->mapping = 0;
	pool_push(h, page);
}

pteval_t *huge_pte_offset(struct mm_struct *mm, uint64_t addr, uint64_t sz)
{
	pteval_t *pud = pud_offset(pgd_offset(mm, addr), addr);

	if (!pud)
		return NULL;
	if (sz == PUD_SIZE)
		return pud;
	/* A huge PUD is not a table: no PMD below it. */
	if (pte_huge(entry_read(pud)))
		return NULL;
	return pmd_offset(pud, addr);
}

spinlock_t *huge_pte_lockptr(struct hstate *h, struct mm_struct *mm,
			     pteval_t *pte)
{
	/* PMD-size pages use the PMD table's split lock; 1G ones the mm's. */
	if (h->order == HPAGE_PMD_ORDER)
		return pt_lockptr(pte);
	return &mm->page_table_lock;
}

bool vma_shareable(const struct vm_area_struct *vma, uint64_t addr)
{
	uint64_t base = addr & PUD_MASK, end = base + PUD_SIZE;

	return (vma->vm_flags & VM_MAYSHARE) && vma->vm_start <= base &&
	       end <= vma->vm_end;
}

/* Where svma maps file index @idx, if its PMD table could serve @vma. */
static uint64_t page_table_shareable(struct vm_area_struct *svma,
				     struct vm_area_struct *vma,
				     uint64_t addr, uint64_t idx)
{
	uint64_t saddr = ((idx - svma->vm_pgoff) << PAGE_SHIFT) +
			 svma->vm_start;
	uint64_t sbase = saddr & PUD_MASK, s_end = sbase + PUD_SIZE;
	unsigned long vm_flags = vma->vm_flags & ~VM_LOCKED;
	unsigned long svm_flags = svma->vm_flags & ~VM_LOCKED;

	if (pmd_index(addr) != pmd_index(saddr) || vm_flags != svm_flags ||
	    sbase < svma->vm_start || s_end > svma->vm_end)
		return 0;
	return saddr;
}

int pmd_share_count(uint64_t pmd_table_pfn)
{
	struct page *p = pfn_to_page(pmd_table_pfn);

	sim_touch_frame(pmd_table_pfn, false);
	/* <= 6.12 the sharers hold page references; later a share count. */
	if (mach.era->pmd_share_count_separate)
		return p->_entire_mapcount + 1;
	return p->_refcount;
}

static void share_get(uint64_t pmd_table_pfn)
{
	struct page *p = pfn_to_page(pmd_table_pfn);

	sim_touch_frame(pmd_table_pfn, true);
	if (mach.era->pmd_share_count_separate)
		p->_entire_mapcount++;
	else
		p->_refcount++;
}

static void share_put(uint64_t pmd_table_pfn)
{
	struct page *p = pfn_to_page(pmd_table_pfn);

	sim_touch_frame(pmd_table_pfn, true);
	if (mach.era->pmd_share_count_separate)
		p->_entire_mapcount--;
	else
		p->_refcount--;
}

/* 4.x took i_mmap_rwsem for write to share; later kernels for read. */
static void i_mmap_lock_share(struct address_space *mapping)
{
	if (mach.era->huge_pmd_share_i_mmap_read)
		down_read(&mapping->i_mmap_rwsem);
	else
		down_write(&mapping->i_mmap_rwsem);
}

static void i_mmap_unlock_share(struct address_space *mapping)
{
	if (mach.era->huge_pmd_share_i_mmap_read)
		up_read(&mapping->i_mmap_rwsem);
	else
		up_write(&mapping->i_mmap_rwsem);
}

void hugetlb_vma_lock_alloc(struct vm_area_struct *vma)
{
	if (!is_vm_hugetlb_page(vma) || !(vma->vm_flags & VM_MAYSHARE))
		return;
	init_rwsem(&vma->vma_lock, &vma_lock_class, "hugetlb_vma_lock");
	vma->has_vma_lock = true;
}

static bool use_vma_lock(struct vm_area_struct *vma)
{
	return mach.era->hugetlb_vma_lock && vma->has_vma_lock;
}

void hugetlb_vma_lock_read(struct vm_area_struct *vma)
{
	if (use_vma_lock(vma))
		down_read(&vma->vma_lock);
}

void hugetlb_vma_unlock_read(struct vm_area_struct *vma)
{
	if (use_vma_lock(vma))
		up_read(&vma->vma_lock);
}

bool hugetlb_vma_trylock_write(struct vm_area_struct *vma)
{
	return !use_vma_lock(vma) || down_write_trylock(&vma->vma_lock);
}

void hugetlb_vma_unlock_write(struct vm_area_struct *vma)
{
	if (use_vma_lock(vma))
		up_write(&vma->vma_lock);
}

pteval_t *huge_pmd_share(struct mm_struct *mm, struct vm_area_struct *vma,
			 uint64_t addr, pteval_t *pud)
{
	struct address_space *mapping = vma->vm_file;
	uint64_t idx = ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	pteval_t *spte = NULL, *pte;
	spinlock_t *ptl;

	i_mmap_lock_share(mapping);
	for (int i = 0; i < mapping->nr_i_mmap; i++) {
		struct vm_area_struct *svma = mapping->i_mmap[i];
		uint64_t saddr;

		vma_touch(svma, false);
		if (svma == vma)
			continue;
		saddr = page_table_shareable(svma, vma, addr, idx);
		if (!saddr)
			continue;
		spte = huge_pte_offset(svma->vm_mm, saddr, PMD_SIZE);
		if (spte) {
			share_get(pt_pfn_of(spte));
			break;
		}
	}
	if (!spte)
		goto out;
	ptl = pt_lockptr(spte);
	spin_lock(ptl);
	if (pte_none(entry_read(pud))) {
		set_entry(pud, pfn_pte(pt_pfn_of(spte), _PAGE_TABLE));
		mm->nr_pmds++;
		mm_event(EV_SHARE, (uint64_t)mm->id, addr, pt_pfn_of(spte));
	} else {
		share_put(pt_pfn_of(spte));
	}
	spin_unlock(ptl);
out:
	pte = pmd_alloc(mm, pud, addr);
	i_mmap_unlock_share(mapping);
	return pte;
}

int huge_pmd_unshare(struct mm_struct *mm, uint64_t *addr, pteval_t *ptep)
{
	pteval_t *pud = pud_offset(pgd_offset(mm, *addr), *addr);
	uint64_t table = pt_pfn_of(ptep);
	int count = pmd_share_count(table);

	if (count <= 0)
		sim_violation("pmd-share-count", table,
			      "huge_pmd_unshare: PMD table %#llx has count %d",
			      (unsigned long long)table, count);
	if (count == 1)
		return 0;
	set_entry(pud, 0);
	share_put(table);
	mm->nr_pmds--;
	mm_event(EV_UNSHARE, (uint64_t)mm->id, *addr, table);
	if (mach.era->unshare_rewrites_addr)
		*addr = ((*addr + PUD_SIZE - 1) & PUD_MASK) - PMD_SIZE;
	return 1;
}

static bool range_in_vma(const struct vm_area_struct *vma, uint64_t start,
			 uint64_t end)
{
	return vma->vm_start <= start && end <= vma->vm_end;
}

/*
 * Widen [start, end) to every PUD-aligned span that could be shared.  The
 * loop form (017b1660df89) advances from the unaligned start by PUD_SIZE,
 * so a range that straddles a PUD boundary can miss the second span; the
 * aligned form (75802ca66354) clamps to the vma's PUD-aligned interior.
 */
static void adjust_range_loop(struct vm_area_struct *vma, uint64_t *start,
			      uint64_t *end)
{
	for (uint64_t a = *start; a < *end; a += PUD_SIZE) {
		uint64_t a_start = a & PUD_MASK, a_end = a_start + PUD_SIZE;

		if (!range_in_vma(vma, a_start, a_end))
			continue;
		if (a_start < *start)
			*start = a_start;
		if (a_end > *end)
			*end = a_end;
	}
}

static void adjust_range_align(struct vm_area_struct *vma, uint64_t *start,
			       uint64_t *end)
{
	uint64_t v_start = (vma->vm_start + PUD_SIZE - 1) & PUD_MASK;
	uint64_t v_end = vma->vm_end & PUD_MASK;

	if (v_end <= v_start || *end <= v_start || *start >= v_end)
		return;
	if (*start > v_start)
		*start &= PUD_MASK;
	if (*end < v_end)
		*end = (*end + PUD_SIZE - 1) & PUD_MASK;
}

void adjust_range_if_pmd_sharing_possible(struct vm_area_struct *vma,
					  uint64_t *start, uint64_t *end)
{
	if (!(vma->vm_flags & VM_MAYSHARE))
		return;
	switch (mach.era->adjust_range) {
	case ADJUST_RANGE_NONE:
		break;
	case ADJUST_RANGE_LOOP:
		adjust_range_loop(vma, start, end);
		break;
	case ADJUST_RANGE_ALIGN:
		if (bug_on(BUG_ADJUST_RANGE_PRE_75802CA66354))
			adjust_range_loop(vma, start, end);
		else
			adjust_range_align(vma, start, end);
		break;
	}
}

pteval_t *huge_pte_alloc(struct mm_struct *mm, struct vm_area_struct *vma,
			 uint64_t addr, uint64_t sz)
{
	pteval_t *pud = pud_alloc(mm, pgd_offset(mm, addr), addr);

	if (!pud)
		return NULL;
	if (sz == PUD_SIZE)
		return pud;
	if (vma_shareable(vma, addr) && pte_none(entry_read(pud)))
		return huge_pmd_share(mm, vma, addr, pud);
	return pmd_alloc(mm, pud, addr);
}

/* ---- page cache ---- */

static struct page *find_huge_page(struct address_space *mapping,
				   uint64_t idx)
{
	uint32_t v;

	/*
	 * Faults hold the fault mutex, migration the page lock: the slot is
	 * shared without one lock, so it records touches.
	 */
	if (idx >= mapping->nr_pages)
		return NULL;
	sim_touch(&mapping->pages[idx], false);
	v = mapping->pages[idx];

	return v ? pfn_to_page(v - 1) : NULL;
}

static void add_to_page_cache(struct page *page,
			      struct address_space *mapping, uint64_t idx)
{
	get_page(page);
	page_touch(page, true);
	page->mapping = (uint32_t)mapping->id + 1;
	page->index = idx;
	sim_touch(&mapping->pages[idx], true);
	mapping->pages[idx] = (uint32_t)(page_to_pfn(page) + 1);
}

int page_cache_replace(struct page *old, struct page *new)
{
	struct address_space *mapping = page_mapping(old);
	uint64_t idx = old->index;

	sim_touch(&mapping->pages[idx], true);
	page_touch(old, true);
	page_touch(new, true);
	if (mapping->pages[idx] != page_to_pfn(old) + 1)
		return -1;
	new->mapping = old->mapping;
	new->index = idx;
	get_page(new);
	mapping->pages[idx] = (uint32_t)(page_to_pfn(new) + 1);
	old->mapping = 0;
	put_page(old);
	return 0;
}

/* ---- the fault path ---- */

static pteval_t make_huge_pte(struct vm_area_struct *vma, struct page *page,
			      bool write)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_PSE |
			_PAGE_ACCESSED;

	if (vma->vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (write)
		prot |= _PAGE_DIRTY;
	return pfn_pte(page_to_pfn(page), prot);
}

static int hugetlb_no_page(struct mm_struct *mm, struct vm_area_struct *vma,
			   uint64_t idx, uint64_t haddr, pteval_t *ptep,
			   bool write)
{
	struct address_space *mapping = vma->vm_file;
	struct hstate *h = hstate_vma(vma);
	struct page *page;
	spinlock_t *ptl;

	page = find_huge_page(mapping, idx);
	if (page) {
		/* find_lock_page: a reference, the lock, then a recheck */
		get_page(page);
		lock_page(page);
		if (find_huge_page(mapping, idx) != page) {
			/* truncated meanwhile: let the fault retry */
			unlock_page(page);
			put_page(page);
			return 0;
		}
	} else {
		page = alloc_huge_page(h);
		if (!page)
			return VM_FAULT_OOM;
		check_fill_new(page_to_pfn(page), 1ull << h->order,
			       OWNER_FILE(mapping->id));
		lock_page(page);
		add_to_page_cache(page, mapping, idx);
	}
	ptl = huge_pte_lockptr(h, mm, ptep);
	spin_lock(ptl);
	if (pte_none(entry_read(ptep))) {
		get_page(page);
		page_touch(page, true);
		page->_entire_mapcount++;	/* page_dup_rmap(page, true) */
		mm->rss_file += 1l << h->order;
		set_entry(ptep, make_huge_pte(vma, page, write));
	}
	spin_unlock(ptl);
	unlock_page(page);
	put_page(page);	/* ours; the page cache and the PTE hold theirs */
	return 0;
}

/* Wait for a migration entry to go away, then let the fault retry. */
static void migration_entry_wait_huge(struct hstate *h, struct mm_struct *mm,
				      pteval_t *ptep)
{
	spinlock_t *ptl = huge_pte_lockptr(h, mm, ptep);
	pteval_t pte;
	struct page *page;

	spin_lock(ptl);
	pte = entry_read(ptep);
	if (!is_swap_pte(pte) ||
	    !is_migration_entry(pte_to_swp_entry(pte))) {
		spin_unlock(ptl);
		return;
	}
	page = pfn_to_page(swp_offset(pte_to_swp_entry(pte)));
	get_page(page);
	spin_unlock(ptl);
	wait_on_page_locked(page);
	put_page(page);
}

int hugetlb_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		  uint64_t addr, bool write)
{
	struct hstate *h = hstate_vma(vma);
	uint64_t sz = huge_page_size(h), haddr = addr & ~(sz - 1);
	uint64_t idx = ((haddr - vma->vm_start) >> PAGE_SHIFT) / (sz >> PAGE_SHIFT) +
		       vma->vm_pgoff / (sz >> PAGE_SHIFT);
	struct mutex *fm;
	pteval_t *ptep, pte;
	int ret = 0;

	ptep = huge_pte_offset(mm, haddr, sz);
	if (ptep) {
		pte = entry_read(ptep);
		if (is_swap_pte(pte)) {
			swp_entry_t e = pte_to_swp_entry(pte);

			if (is_migration_entry(e)) {
				migration_entry_wait_huge(h, mm, ptep);
				return 0;
			}
			if (is_hwpoison_entry(e))
				return VM_FAULT_HWPOISON;
		}
	}
	/*
	 * >= 6.1: the fault mutex, then the vma_lock for read, keep a
	 * racing unshare from freeing the PMD table under us.
	 */
	fm = hugetlb_fault_mutex(vma->vm_file, idx);
	/* 4.x allocated (and shared) the table before the fault mutex. */
	if (!mach.era->hugetlb_vma_lock) {
		ptep = huge_pte_alloc(mm, vma, haddr, sz);
		if (!ptep)
			return VM_FAULT_OOM;
	}
	mutex_lock(fm);
	hugetlb_vma_lock_read(vma);
	if (mach.era->hugetlb_vma_lock) {
		ptep = huge_pte_alloc(mm, vma, haddr, sz);
		if (!ptep) {
			ret = VM_FAULT_OOM;
			goto out;
		}
	}
	pte = entry_read(ptep);
	if (pte_none(pte))
		ret = hugetlb_no_page(mm, vma, idx, haddr, ptep, write);
	else if (write && pte_present(pte) && !pte_write(pte))
		ret = VM_FAULT_SIGSEGV;	/* no private hugetlb COW yet */
out:
	hugetlb_vma_unlock_read(vma);
	mutex_unlock(fm);
	return ret;
}
