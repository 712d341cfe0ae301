/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim's public header: what a driver writer or a test harness needs to
 * build a world, attach a secondary MMU, run and explore it, and read the
 * result.  Installed as <mmsim.h> with the internal headers it includes
 * under <mmsim/...>; link with -lmmsim -lm (pkg-config mmsim).
 */
#ifndef MMSIM_H
#define MMSIM_H

#include "drivers/dev_mmu.h"
#include "eras/bugs.h"
#include "eras/era.h"
#include "explore/explore.h"
#include "explore/shrink.h"
#include "mm/mmu_notifier.h"
#include "scenario/bind.h"
#include "scenario/builtin.h"
#include "scenario/world.h"

#endif /* MMSIM_H */
