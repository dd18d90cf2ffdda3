# SPDX-License-Identifier: GPL-2.0
#
# Security core host targets (SIDs, SDs, access check, inheritance).
# Included by the top-level Makefile; also usable alone from the top:
#     make -f tools/core.mk core-unit|fuzz-short|fuzz|bench-core
# Everything is built under $(TOP)/build/host/ (core objects in core/).

TOP ?= $(CURDIR)

CORE_HOST	:= $(TOP)/build/host
CORE_CC		?= cc
CORE_FUZZ_CC	?= clang
CORE_CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Werror \
		   -I$(TOP)/uapi -I$(TOP)/module/core
CORE_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_SHORT_SECONDS ?= 20
FUZZ_SECONDS	?= 600

CORE_SRCS	:= $(wildcard $(TOP)/module/core/*.c)
CORE_HDRS	:= $(wildcard $(TOP)/module/core/*.h) $(TOP)/uapi/linux/wintok.h \
		   $(wildcard $(TOP)/uapi/linux/wintok/*.h)
UNIT_SRCS	:= $(wildcard $(TOP)/tools/tests/unit/*.c)
UNIT_BIN	:= $(CORE_HOST)/core/core_unit
BENCH_BIN	:= $(CORE_HOST)/core/bench_core
FUZZ_NAMES	:= fuzz_sd_parse fuzz_access fuzz_inherit fuzz_cond
FUZZ_BINS	:= $(addprefix $(CORE_HOST)/core/,$(FUZZ_NAMES))
FUZZ_SEEDS	:= $(TOP)/tools/fuzz/seeds

.PHONY: core-unit fuzz-short fuzz bench-core core-fuzz-build

# Add the unit tests to `make check` when included by the top Makefile.
HOST_SUITES += core-unit

$(UNIT_BIN): $(UNIT_SRCS) $(CORE_SRCS) $(CORE_HDRS) \
		$(wildcard $(TOP)/tools/tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_SAN) -o $@ $(UNIT_SRCS) $(CORE_SRCS)

core-unit: $(UNIT_BIN)
	@$(UNIT_BIN)

$(BENCH_BIN): $(TOP)/tools/bench/bench_core.c $(TOP)/tools/bench/bench_clock.h \
		$(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CORE_CC) $(CORE_CFLAGS) -o $@ $< $(CORE_SRCS)

bench-core: $(BENCH_BIN)
	@$(BENCH_BIN)

$(CORE_HOST)/core/fuzz_%: $(TOP)/tools/fuzz/fuzz_%.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CORE_FUZZ_CC) $(CORE_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $< $(CORE_SRCS)

core-fuzz-build: $(FUZZ_BINS)

# One TAP line per harness; a crash fails the target. Each harness gets a
# scratch corpus seeded from the tree, so runs never write into the tree;
# crash inputs land in $(CORE_HOST)/core/ (crash-*), logs are per duration.
define core_run_fuzz
	@n=0; fail=0; for f in $(FUZZ_NAMES); do \
		n=$$((n + 1)); \
		corpus=$(CORE_HOST)/core/corpus-$$f; mkdir -p $$corpus; \
		cp -n $(FUZZ_SEEDS)/$$f/* $$corpus/ 2>/dev/null || true; \
		log=$(CORE_HOST)/core/$$f-$(1)s.log; \
		if (cd $(CORE_HOST)/core && ./$$f -max_total_time=$(1) \
			-max_len=4096 -timeout=10 -rss_limit_mb=1024 \
			-print_final_stats=1 $$corpus >$$log 2>&1); then \
			execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -n 1); \
			echo "ok $$n $$f $(1)s $${execs:-?} executions, no crash"; \
		else \
			echo "not ok $$n $$f: crash, see $$log"; fail=1; \
			grep -m 5 -E 'ERROR|SUMMARY|runtime error' $$log | sed 's/^/# /'; \
		fi; \
	done; echo "1..$$n"; exit $$fail
endef

fuzz-short: $(FUZZ_BINS)
	$(call core_run_fuzz,$(FUZZ_SHORT_SECONDS))

fuzz: $(FUZZ_BINS)
	$(call core_run_fuzz,$(FUZZ_SECONDS))
