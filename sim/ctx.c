// SPDX-License-Identifier: GPL-2.0-only
/*
 * Coroutine stacks and the context switch.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim/ctx.h"

int sim_ctx_stack_alloc(struct sim_ctx *c, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *map;

	size = (size + page - 1) & ~(page - 1);
	map = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED)
		return -1;
	/* The guard page turns a stack overflow into a clean SIGSEGV. */
	if (mprotect(map, page, PROT_NONE)) {
		munmap(map, size + page);
		return -1;
	}
	c->map = map;
	c->map_size = size + page;
	c->stack_lo = (char *)map + page;
	c->stack_size = size;
	return 0;
}

void sim_ctx_stack_free(struct sim_ctx *c)
{
	if (c->map)
		munmap(c->map, c->map_size);
	c->map = NULL;
	c->stack_lo = NULL;
	c->stack_size = 0;
}

#ifdef SIM_CTX_UCONTEXT

void sim_ctx_make(struct sim_ctx *c, void (*entry)(void))
{
	getcontext(&c->uc);
	c->uc.uc_stack.ss_sp = c->stack_lo;
	c->uc.uc_stack.ss_size = c->stack_size;
	c->uc.uc_link = NULL;
	makecontext(&c->uc, entry, 0);
}

void sim_ctx_swap(struct sim_ctx *from, struct sim_ctx *to)
{
	swapcontext(&from->uc, &to->uc);
}

#else

/*
 * sim_ctx_swap(from, to): push the callee-saved registers, store rsp in
 * from->sp, load to->sp, pop and return into the other coroutine.
 * sp is the first member of struct sim_ctx.
 */
__asm__(".text\n"
	".globl sim_ctx_swap\n"
	".type sim_ctx_swap,@function\n"
	"sim_ctx_swap:\n"
	"	pushq %rbp\n"
	"	pushq %rbx\n"
	"	pushq %r12\n"
	"	pushq %r13\n"
	"	pushq %r14\n"
	"	pushq %r15\n"
	"	movq %rsp, (%rdi)\n"
	"	movq (%rsi), %rsp\n"
	"	popq %r15\n"
	"	popq %r14\n"
	"	popq %r13\n"
	"	popq %r12\n"
	"	popq %rbx\n"
	"	popq %rbp\n"
	"	ret\n"
	".size sim_ctx_swap, .-sim_ctx_swap\n"
	".section .note.GNU-stack,\"\",@progbits\n"
	".text\n");

void sim_ctx_make(struct sim_ctx *c, void (*entry)(void))
{
	/*
	 * Top of stack, 16-byte aligned.  Below it: a zero "return address"
	 * for entry (it never returns), entry itself for the ret in
	 * sim_ctx_swap, and six zeroed callee-saved registers.  At entry
	 * rsp is 8 mod 16, as the ABI expects right after a call.
	 */
	uintptr_t top = ((uintptr_t)c->stack_lo + c->stack_size) & ~(uintptr_t)15;
	void **sp = (void **)top;

	*--sp = NULL;
	*--sp = (void *)entry;
	for (int i = 0; i < 6; i++)
		*--sp = NULL;
	c->sp = sp;
}

#endif
