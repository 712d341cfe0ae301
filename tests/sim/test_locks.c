// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modelled locks: mutual exclusion under thousands of schedules (and a
 * lock-free control that the same check catches), trylock, rwsem reader
 * concurrency and writer preference, and the lockdep-style reports:
 * lock-order, deadlock, sleep-in-atomic, lock-unheld.
 */
#include "sim/lock.h"
#include "tests/sim/sim_test.h"
#include "tests/tap.h"

#define NSEEDS 2000
#define NTHREADS 3
#define NITERS 5

enum lock_kind { USE_SPIN, USE_MUTEX, USE_RWSEM, USE_NONE };

static struct lock_class spin_class = { .name = "test_spin" };
static struct lock_class mutex_class = { .name = "test_mutex" };
static struct lock_class rwsem_class = { .name = "test_rwsem" };
static struct lock_class x_class = { .name = "X" };
static struct lock_class y_class = { .name = "Y" };
static struct lock_class z_class = { .name = "Z" };

static spinlock_t spin;
static struct mutex mtx;
static struct rw_semaphore sem;
static enum lock_kind kind;
static int inside, readers_inside, max_readers;

static void init_locks(void)
{
	spin_lock_init(&spin, &spin_class, "spin");
	mutex_init(&mtx, &mutex_class, "mtx");
	init_rwsem(&sem, &rwsem_class, "sem");
	inside = 0;
	readers_inside = 0;
}

static void excl_lock(void)
{
	switch (kind) {
	case USE_SPIN:
		spin_lock(&spin);
		break;
	case USE_MUTEX:
		mutex_lock(&mtx);
		break;
	case USE_RWSEM:
		down_write(&sem);
		break;
	case USE_NONE:
		sim_point();
		break;
	}
}

static void excl_unlock(void)
{
	switch (kind) {
	case USE_SPIN:
		spin_unlock(&spin);
		break;
	case USE_MUTEX:
		mutex_unlock(&mtx);
		break;
	case USE_RWSEM:
		up_write(&sem);
		break;
	case USE_NONE:
		sim_point();
		break;
	}
}

/* Points inside the section give a broken lock room to let others in. */
static void exclusive_section(void)
{
	inside++;
	for (int i = 0; i < 3; i++) {
		if (inside != 1 || readers_inside)
			sim_violation("exclusion", 0, "%d in, %d readers",
				      inside, readers_inside);
		sim_point();
	}
	inside--;
}

static void excl_worker(void *arg)
{
	for (int i = 0; i < NITERS; i++) {
		excl_lock();
		exclusive_section();
		excl_unlock();
	}
}

static void spawn_excl(void)
{
	init_locks();
	for (int i = 0; i < NTHREADS; i++)
		sim_thread_create("w", excl_worker, NULL, -1);
}

/* Seeds, out of NSEEDS, whose run ends in a violation of @what. */
static int count_violations(enum lock_kind k, spawn_fn spawn,
			    const char *what)
{
	int bad = 0;

	kind = k;
	for (uint64_t seed = 0; seed < NSEEDS; seed++) {
		if (run_seed(seed, spawn) == SIM_OK)
			continue;
		if (!strcmp(sim.violation.kind, what))
			bad++;
		else
			TAP_FAIL("seed %" PRIu64 ": %s: %s", seed,
				 sim.violation.kind, sim.violation.msg);
	}
	return bad;
}

static void spinlock_excludes(void)
{
	CHECK_INT(count_violations(USE_SPIN, spawn_excl, "exclusion"), ==, 0);
	sim_shutdown();
}

static void mutex_excludes(void)
{
	CHECK_INT(count_violations(USE_MUTEX, spawn_excl, "exclusion"), ==,
		  0);
	sim_shutdown();
}

static void rwsem_writers_exclude(void)
{
	CHECK_INT(count_violations(USE_RWSEM, spawn_excl, "exclusion"), ==,
		  0);
	sim_shutdown();
}

/* The control: without a lock the same check fails under some seed. */
static void no_lock_is_caught(void)
{
	CHECK_INT(count_violations(USE_NONE, spawn_excl, "exclusion"), >, 0);
	sim_shutdown();
}

/* Readers must never see a writer; a writer must see nobody. */
static void reader_section(void)
{
	readers_inside++;
	if (readers_inside > max_readers)
		max_readers = readers_inside;
	for (int i = 0; i < 3; i++) {
		if (inside)
			sim_violation("exclusion", 0, "reader sees a writer");
		sim_point();
	}
	readers_inside--;
}

static void rw_worker(void *arg)
{
	bool writer = arg != NULL;

	for (int i = 0; i < NITERS; i++) {
		if (writer) {
			down_write(&sem);
			exclusive_section();
			up_write(&sem);
		} else {
			down_read(&sem);
			reader_section();
			up_read(&sem);
		}
	}
}

static void spawn_rw(void)
{
	init_locks();
	sim_thread_create("reader", rw_worker, NULL, -1);
	sim_thread_create("writer", rw_worker, (void *)1, -1);
	sim_thread_create("reader", rw_worker, NULL, -1);
}

static void rwsem_readers_share(void)
{
	max_readers = 0;
	CHECK_INT(count_violations(USE_RWSEM, spawn_rw, "exclusion"), ==, 0);
	/* Some schedule had both readers inside together. */
	CHECK_INT(max_readers, ==, 2);
	sim_shutdown();
}

/*
 * Writer preference: r1 holds the read side, the writer queues, then r2
 * asks for the read side; r2 must get in only after the writer is done.
 */
static bool writer_done, writer_queued;

static void pref_r1(void *arg)
{
	down_read(&sem);
	while (!sem.writers_waiting)
		sim_point();
	/* Sticky: the count drops again once the writer gets in. */
	writer_queued = true;
	sim_point();
	up_read(&sem);
}

static void pref_writer(void *arg)
{
	while (!sem.readers)
		sim_point();
	down_write(&sem);
	writer_done = true;
	up_write(&sem);
}

static void pref_r2(void *arg)
{
	while (!writer_queued)
		sim_point();
	down_read(&sem);
	if (!writer_done)
		sim_violation("starved", 0, "reader overtook a queued writer");
	up_read(&sem);
}

static void spawn_pref(void)
{
	init_locks();
	writer_done = writer_queued = false;
	sim_thread_create("r1", pref_r1, NULL, -1);
	sim_thread_create("writer", pref_writer, NULL, -1);
	sim_thread_create("r2", pref_r2, NULL, -1);
}

static void rwsem_writer_preference(void)
{
	CHECK_INT(count_violations(USE_RWSEM, spawn_pref, "starved"), ==, 0);
	sim_shutdown();
}

/* ---- trylock ---- */

static bool try_results[16];
static int ntry;
static bool holder_has_it, trier_done;
static struct sim_waitq try_wq = { .what = "try_wq" };

static void note(bool ok)
{
	try_results[ntry++] = ok;
}

static void try_holder(void *arg)
{
	mutex_lock(&mtx);
	down_write(&sem);
	spin_lock(&spin);
	holder_has_it = true;
	sim_wake_all(&try_wq);
	/* Spin (no sleeping under a spinlock) until the trier is done. */
	while (!trier_done)
		sim_point();
	spin_unlock(&spin);
	up_write(&sem);
	mutex_unlock(&mtx);
}

static void try_other(void *arg)
{
	while (!holder_has_it)
		sim_wait(&try_wq);
	note(spin_trylock(&spin));
	note(mutex_trylock(&mtx));
	note(down_read_trylock(&sem));
	note(down_write_trylock(&sem));
	trier_done = true;
}

static void spawn_try(void)
{
	init_locks();
	ntry = 0;
	holder_has_it = trier_done = false;
	try_wq.waiters = 0;
	sim_thread_create("holder", try_holder, NULL, -1);
	sim_thread_create("trier", try_other, NULL, -1);
}

static void try_free(void *arg)
{
	note(spin_trylock(&spin));
	note(mutex_trylock(&mtx));
	note(down_read_trylock(&sem));
	note(down_read_trylock(&sem));	/* readers share */
	note(down_write_trylock(&sem));	/* but exclude a writer */
	up_read(&sem);
	up_read(&sem);
	note(down_write_trylock(&sem));
	note(down_read_trylock(&sem));	/* a writer excludes readers */
	up_write(&sem);
	mutex_unlock(&mtx);
	spin_unlock(&spin);
}

static void spawn_try_free(void)
{
	init_locks();
	ntry = 0;
	sim_thread_create("t", try_free, NULL, -1);
}

static void trylock_semantics(void)
{
	static const bool want_free[] = { 1, 1, 1, 1, 0, 1, 0 };

	CHECK_INT(run_sequential(spawn_try_free), ==, SIM_OK);
	CHECK_INT(ntry, ==, 7);
	for (int i = 0; i < ntry; i++)
		CHECK_INT(try_results[i], ==, want_free[i]);
	for (uint64_t seed = 0; seed < 200; seed++) {
		CHECK_INT(run_seed(seed, spawn_try), ==, SIM_OK);
		CHECK_INT(ntry, ==, 4);
		for (int i = 0; i < ntry; i++)
			CHECK_INT(try_results[i], ==, 0);
	}
	CHECK(!spin_is_locked(&spin));
	CHECK(!mutex_is_locked(&mtx));
	sim_shutdown();
}

/* ---- lock order ---- */

static struct mutex lx, ly;

static void take_xy(void *arg)
{
	mutex_lock(&lx);
	mutex_lock(&ly);
	mutex_unlock(&ly);
	mutex_unlock(&lx);
}

static void take_yx(void *arg)
{
	mutex_lock(&ly);
	mutex_lock(&lx);
	mutex_unlock(&lx);
	mutex_unlock(&ly);
}

static void spawn_inversion(void)
{
	mutex_init(&lx, &x_class, "x");
	mutex_init(&ly, &y_class, "y");
	sim_thread_create("A", take_xy, NULL, -1);
	sim_thread_create("B", take_yx, NULL, -1);
}

static void lock_inversion_detected(void)
{
	/* One after the other: no deadlock is possible, lockdep still sees. */
	CHECK_INT(run_sequential(spawn_inversion), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "lock-order");
	CHECK_CONTAINS(sim.violation.msg, "B takes x (X) while holding y (Y)");
	CHECK_CONTAINS(sim.violation.msg, "earlier A took Y after X");
	/* Every interleaving reports it before it can deadlock. */
	CHECK_INT(count_violations(USE_MUTEX, spawn_inversion, "lock-order"),
		  ==, NSEEDS);
	sim_shutdown();
}

/* X -> Y and Y -> Z make Z -> X an inversion, though no pair inverts. */
static struct mutex lz;

static void take_pair(struct mutex *a, struct mutex *b)
{
	mutex_lock(a);
	mutex_lock(b);
	mutex_unlock(b);
	mutex_unlock(a);
}

static void take_yz(void *arg)
{
	take_pair(&ly, &lz);
}

static void take_zx(void *arg)
{
	take_pair(&lz, &lx);
}

static void spawn_chain(void)
{
	mutex_init(&lx, &x_class, "x");
	mutex_init(&ly, &y_class, "y");
	mutex_init(&lz, &z_class, "z");
	sim_thread_create("A", take_xy, NULL, -1);
	sim_thread_create("B", take_yz, NULL, -1);
	sim_thread_create("C", take_zx, NULL, -1);
}

static void transitive_inversion_detected(void)
{
	CHECK_INT(run_sequential(spawn_chain), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "lock-order");
	CHECK_CONTAINS(sim.violation.msg, "C takes x (X) while holding z (Z)");
	CHECK_CONTAINS(sim.violation.msg, "a chain of threads");
	sim_shutdown();
}

/* The same class nests freely (as two PTLs do): only a real deadlock. */
static void spawn_same_class(void)
{
	mutex_init(&lx, &mutex_class, "m1");
	mutex_init(&ly, &mutex_class, "m2");
	sim_thread_create("A", take_xy, NULL, -1);
	sim_thread_create("B", take_yx, NULL, -1);
}

static void deadlock_detected(void)
{
	int deadlocks = 0;

	for (uint64_t seed = 0; seed < 200; seed++) {
		if (run_seed(seed, spawn_same_class) == SIM_OK)
			continue;
		CHECK_STR(sim.violation.kind, "deadlock");
		CHECK_CONTAINS(sim.violation.msg, "A waits on m2");
		CHECK_CONTAINS(sim.violation.msg, "B waits on m1");
		deadlocks++;
	}
	CHECK_INT(deadlocks, >, 0);
	CHECK_INT(deadlocks, <, 200);
	sim_shutdown();
}

static void read_twice(void *arg)
{
	down_read(&sem);
	down_read(&sem);
}

static void spawn_read_twice(void)
{
	init_locks();
	sim_thread_create("t", read_twice, NULL, -1);
}

static void recursive_read_reported(void)
{
	CHECK_INT(run_sequential(spawn_read_twice), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "deadlock");
	CHECK_CONTAINS(sim.violation.msg, "t takes sem twice");
	sim_shutdown();
}

/* ---- misuse ---- */

static void sleep_under_spin(void *arg)
{
	spin_lock(&spin);
	CHECK_INT(lock_atomic_depth(), ==, 1);
	mutex_lock(&mtx);
}

static void spawn_sleep(void)
{
	init_locks();
	sim_thread_create("t", sleep_under_spin, NULL, -1);
}

static void sleep_in_atomic_detected(void)
{
	CHECK_INT(run_sequential(spawn_sleep), ==, SIM_VIOLATION);
	CHECK_STR(sim.violation.kind, "sleep-in-atomic");
	CHECK_CONTAINS(sim.violation.msg, "holding spinlock spin");
	sim_shutdown();
}

static int misuse;

static void unlock_unheld(void *arg)
{
	switch (misuse) {
	case 0:
		spin_unlock(&spin);
		break;
	case 1:
		mutex_unlock(&mtx);
		break;
	case 2:
		up_read(&sem);
		break;
	case 3:
		up_write(&sem);
		break;
	}
}

static void spawn_unheld(void)
{
	init_locks();
	sim_thread_create("t", unlock_unheld, NULL, -1);
}

static void unlock_unheld_detected(void)
{
	for (misuse = 0; misuse < 4; misuse++) {
		CHECK_INT(run_sequential(spawn_unheld), ==, SIM_VIOLATION);
		CHECK_STR(sim.violation.kind, "lock-unheld");
	}
	sim_shutdown();
}

/* Order state is per run: a clean run after an inversion stays clean. */
static void spawn_xy_only(void)
{
	mutex_init(&lx, &x_class, "x");
	mutex_init(&ly, &y_class, "y");
	sim_thread_create("A", take_xy, NULL, -1);
}

static void order_state_is_per_run(void)
{
	struct sim_random r;
	struct sim_config cfg = { .strategy = &r.s };

	CHECK_INT(run_sequential(spawn_inversion), ==, SIM_VIOLATION);
	/* sim_reset alone (no lock_reset) must forget the X -> Y edge. */
	sim_random_init(&r, 1);
	sim_reset(&cfg);
	mutex_init(&lx, &x_class, "x");
	mutex_init(&ly, &y_class, "y");
	sim_thread_create("B", take_yx, NULL, -1);
	CHECK_INT(sim_run(), ==, SIM_OK);
	CHECK_INT(run_sequential(spawn_xy_only), ==, SIM_OK);
	sim_shutdown();
}

TAP_MAIN(TEST(spinlock_excludes), TEST(mutex_excludes),
	 TEST(rwsem_writers_exclude), TEST(no_lock_is_caught),
	 TEST(rwsem_readers_share), TEST(rwsem_writer_preference),
	 TEST(trylock_semantics), TEST(lock_inversion_detected),
	 TEST(transitive_inversion_detected),
	 TEST(deadlock_detected), TEST(recursive_read_reported),
	 TEST(sleep_in_atomic_detected), TEST(unlock_unheld_detected),
	 TEST(order_state_is_per_run))
