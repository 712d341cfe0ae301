# SPDX-License-Identifier: GPL-2.0-only
#
# make             build ./mmsim and libmmsim.a
# make run         the main job: the seed demonstration
# make check       build and run the whole test suite (TAP, under prove)
# make check-asan  the same under AddressSanitizer + UndefinedBehaviorSanitizer
# make bench       the benchmarks (bench-quick: a short version)
# make fuzz        run the scenario parser fuzzer (FUZZ_SECONDS, default 60)

CC      ?= cc
O       ?= build
SAN     ?=
OPT     ?= -O2
CFLAGS_BASE := -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
	-g $(OPT) -I. -MMD -MP
ifeq ($(SAN),1)
CFLAGS_BASE += -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
CFLAGS_ALL = $(CFLAGS_BASE) $(CFLAGS)

LIB_DIRS := sim arch/x86 mm eras check drivers explore scenario tools/lib
LIB_SRCS := $(sort $(foreach d,$(LIB_DIRS),$(shell find $(d) -name '*.c' 2>/dev/null)))
LIB_OBJS := $(LIB_SRCS:%.c=$(O)/%.o) $(O)/gen/mms_files.o
MMS_FILES := $(sort $(shell find examples -name '*.mms' 2>/dev/null))
LIB      := $(O)/libmmsim.a

TEST_SRCS := $(sort $(shell find tests -path tests/fuzz -prune -o -name 'test_*.c' -print))
TEST_BINS := $(TEST_SRCS:%.c=$(O)/%)
TEST_SH   := $(sort $(wildcard tests/cli/test_*.sh))
TAP_OBJ   := $(O)/tests/tap.o $(O)/tests/helpers.o

BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS := $(BENCH_SRCS:%.c=$(O)/%)

all: mmsim $(LIB)

mmsim: $(O)/mmsim
	@if [ "$(O)" = build ]; then cp $(O)/mmsim mmsim; fi

$(O)/mmsim: $(O)/tools/mmsim.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ -lm

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(O)/gen/mms_files.c: tools/gen_mms.sh $(MMS_FILES)
	@mkdir -p $(dir $@)
	sh tools/gen_mms.sh examples $(MMS_FILES) > $@.tmp && mv $@.tmp $@

$(O)/gen/mms_files.o: $(O)/gen/mms_files.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(O)/tests/%: tests/%.c $(TAP_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(TAP_OBJ) $(LIB) -lm

$(O)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(LIB) -lm

tests: $(TEST_BINS) $(O)/mmsim

check: tests
	MMSIM=$(CURDIR)/$(O)/mmsim prove -j2 --exec '' $(TEST_BINS) $(TEST_SH)

check-asan:
	$(MAKE) O=build-asan SAN=1 OPT=-O1 check

run: mmsim
	./mmsim

bench: $(BENCH_BINS) mmsim
	bench/run.sh full

bench-quick: $(BENCH_BINS) mmsim
	bench/run.sh quick

fuzz:
	tests/fuzz/run.sh $${FUZZ_SECONDS:-60}

format:
	clang-format -i $(LIB_SRCS) $(TEST_SRCS) tools/mmsim.c

PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/^\#define MMSIM_VERSION "\(.*\)"/\1/p' tools/lib/cli.h)
# The public header and every header it reaches, under include/mmsim/.
PUB_HDRS = $(sort $(shell $(CC) -I. -MM include/mmsim.h | tr ' \\' '\n\n' | \
	grep '\.h$$' | grep -v '^include/'))

install: all
	install -D -m 755 mmsim $(DESTDIR)$(PREFIX)/bin/mmsim
	install -D -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libmmsim.a
	install -D -m 644 docs/mmsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/mmsim.1
	install -D -m 644 include/mmsim.h $(DESTDIR)$(PREFIX)/include/mmsim.h
	for h in $(PUB_HDRS); do \
		install -D -m 644 $$h $(DESTDIR)$(PREFIX)/include/mmsim/$$h || exit 1; \
	done
	mkdir -p $(DESTDIR)$(PREFIX)/lib/pkgconfig
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' mmsim.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/mmsim.pc

clean:
	rm -rf build build-asan mmsim

.PHONY: all mmsim tests check check-asan run bench bench-quick fuzz format \
	install clean

-include $(shell find $(O) -name '*.d' 2>/dev/null)
.SECONDARY:
