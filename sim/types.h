/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel integer type names, so that modelled code reads like the code it
 * models.  C11 allows repeating an identical typedef, so other headers may
 * declare the same names without conflict.
 */
#ifndef MMSIM_SIM_TYPES_H
#define MMSIM_SIM_TYPES_H

#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#endif /* MMSIM_SIM_TYPES_H */
