/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Coroutine contexts.  On x86-64 a context is just a saved stack pointer:
 * the callee-saved registers live on the coroutine's own stack, so a
 * switch is six pushes, a stack swap and six pops.  Elsewhere we fall back
 * to ucontext, which is slower (it saves the signal mask with a syscall).
 */
#ifndef MMSIM_SIM_CTX_H
#define MMSIM_SIM_CTX_H

#include <stddef.h>

#if !defined(__x86_64__) || defined(MMSIM_UCONTEXT)
#define SIM_CTX_UCONTEXT 1
#include <ucontext.h>
#endif

struct sim_ctx {
#ifdef SIM_CTX_UCONTEXT
	ucontext_t uc;
#else
	void *sp;
#endif
	void *stack_lo;		/* lowest usable byte of the stack */
	size_t stack_size;	/* usable bytes above stack_lo */
	void *map;		/* the mapping, guard page included */
	size_t map_size;
};

/* Allocate a stack with a PROT_NONE guard page below it. */
int sim_ctx_stack_alloc(struct sim_ctx *c, size_t size);
void sim_ctx_stack_free(struct sim_ctx *c);
/* Prepare @c so that switching to it calls @entry() on its own stack. */
void sim_ctx_make(struct sim_ctx *c, void (*entry)(void));
/* Save the current context into @from and resume @to. */
void sim_ctx_swap(struct sim_ctx *from, struct sim_ctx *to);

#endif /* MMSIM_SIM_CTX_H */
