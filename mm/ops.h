/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The operations a simulated thread can perform: user accesses, system
 * calls, kernel daemons' work and device DMA.
 */
#ifndef MMSIM_MM_OPS_H
#define MMSIM_MM_OPS_H

#define MM_OPS(X)                                                            \
	X(READ, "read")                                                      \
	X(WRITE, "write")                                                    \
	X(MMAP, "mmap")                                                      \
	X(MUNMAP, "munmap")                                                  \
	X(MPROTECT, "mprotect")                                              \
	X(MADVISE, "madvise")                                                \
	X(MREMAP, "mremap")                                                  \
	X(FORK, "fork")                                                      \
	X(EXIT, "exit")                                                      \
	X(MLOCK, "mlock")                                                    \
	X(MUNLOCK, "munlock")                                                \
	X(MIGRATE, "migrate")                                                \
	X(RECLAIM, "reclaim")                                                \
	X(POISON, "poison")                                                  \
	X(SPLIT, "split")                                                    \
	X(TRUNCATE, "truncate")                                              \
	X(DMA_READ, "dma-read")                                              \
	X(DMA_WRITE, "dma-write")                                            \
	X(DEV_FAULT, "fault")                                                \
	X(REPEAT, "repeat")                                                  \
	X(END, "end")

enum mm_op {
#define X(name, str) OP_##name,
	MM_OPS(X)
#undef X
	NR_MM_OPS
};

const char *mm_op_name(int op);

#endif /* MMSIM_MM_OPS_H */
