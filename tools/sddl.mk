# SPDX-License-Identifier: GPL-2.0
#
# SDDL library, wtacl, their tests and the SDDL fuzzer (host programs).
# Included by the top-level Makefile; also usable alone:
#     make -f tools/sddl.mk wtacl|sddl-test|sddl-corpus|diff-test|fuzz-sddl-short|
#     fuzz-sddl
# Everything is built under $(TOP)/build/host/. The security core is
# compiled here into build/host/sddl-core/ (core.mk has its own copy in
# build/host/core/), so the two fragments never share object files.

TOP ?= $(CURDIR)

SDDL_HOST	:= $(TOP)/build/host
SDDL_CC		?= cc
SDDL_FUZZ_CC	?= clang
SDDL_PYTHON	?= /usr/bin/python3
SDDL_CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Werror \
		   -I$(TOP)/uapi -I$(TOP)/module/core -I$(TOP)/tools/lib $(PKG_CFLAGS)
FUZZ_SHORT_SECONDS ?= 20
FUZZ_SECONDS	?= 600
DIFF_SEED	?=
DIFF_CASES	?= 100000

SDDL_CORE_SRCS	:= $(wildcard $(TOP)/module/core/*.c)
SDDL_CORE_OBJS	:= $(patsubst $(TOP)/module/core/%.c,$(SDDL_HOST)/sddl-core/%.o,$(SDDL_CORE_SRCS))
SDDL_LIB_SRCS	:= $(TOP)/tools/lib/sddl.c $(TOP)/tools/lib/sddl_sid.c \
		   $(TOP)/tools/lib/sddl_fmt.c $(TOP)/tools/lib/sddl_cond.c \
		   $(TOP)/tools/lib/sddl_cond_fmt.c $(TOP)/tools/lib/sddl_ra.c \
		   $(TOP)/tools/lib/wt_json.c
SDDL_LIB_OBJS	:= $(patsubst $(TOP)/tools/lib/%.c,$(SDDL_HOST)/sddl-lib/%.o,$(SDDL_LIB_SRCS))
SDDL_ALL_OBJS	:= $(SDDL_CORE_OBJS) $(SDDL_LIB_OBJS)

WTACL		:= $(SDDL_HOST)/wtacl
SDDL_TEST	:= $(SDDL_HOST)/sddl_test
SDDL_CORPUS_TEST := $(SDDL_HOST)/sddl_corpus_test
FUZZ_SDDL	:= $(SDDL_HOST)/fuzz_sddl
FUZZ_SDDL_CORPUS := $(SDDL_HOST)/fuzz-sddl-corpus

.PHONY: wtacl sddl-test sddl-corpus diff-test fuzz-sddl-short fuzz-sddl json-test

wtacl: $(WTACL)

$(SDDL_HOST)/sddl-core/%.o: $(TOP)/module/core/%.c
	@mkdir -p $(dir $@)
	$(SDDL_CC) $(SDDL_CFLAGS) -MMD -MP -c -o $@ $<

$(SDDL_HOST)/sddl-lib/%.o: $(TOP)/tools/lib/%.c
	@mkdir -p $(dir $@)
	$(SDDL_CC) $(SDDL_CFLAGS) -MMD -MP -c -o $@ $<

$(SDDL_HOST)/sddl-obj/%.o: $(TOP)/tools/%.c
	@mkdir -p $(dir $@)
	$(SDDL_CC) $(SDDL_CFLAGS) -MMD -MP -c -o $@ $<

# wtacl get/set talk to the module through libwintok (its shared library
# when tools.mk says TOOLS_LINK=shared).
WTACL_LIB	?= $(SDDL_HOST)/sddl-lib/libwintok.o
WTACL_OBJS	:= $(patsubst $(TOP)/tools/%.c,$(SDDL_HOST)/sddl-obj/%.o,\
		   $(wildcard $(TOP)/tools/wtacl/*.c))
$(WTACL): $(WTACL_OBJS) $(SDDL_ALL_OBJS) \
		$(WTACL_LIB) $(SDDL_HOST)/sddl-lib/wt_progress.o
	$(SDDL_CC) $(PKG_LDFLAGS) -o $@ $^

$(SDDL_TEST): $(SDDL_HOST)/sddl-obj/tests/sddl/sddl_test.o \
		$(SDDL_HOST)/sddl-obj/tests/sddl/sddl_test_cond.o $(SDDL_ALL_OBJS)
	$(SDDL_CC) -o $@ $^

sddl-test: $(SDDL_TEST)
	cd $(TOP) && $(SDDL_TEST) $(TOP)/../shared/oracles/windows-sddl

# json_write_string(): valid JSON for any bytes (tools/tests/json/).
JSON_WRITE_TEST	:= $(SDDL_HOST)/json_write_test
$(JSON_WRITE_TEST): $(SDDL_HOST)/sddl-obj/tests/json/json_write_test.o \
		$(SDDL_HOST)/sddl-lib/wt_json.o
	$(SDDL_CC) -o $@ $^

json-test: $(JSON_WRITE_TEST)
	$(JSON_WRITE_TEST)

$(SDDL_CORPUS_TEST): $(SDDL_HOST)/sddl-obj/tests/sddl/corpus_test.o $(SDDL_ALL_OBJS)
	$(SDDL_CC) -o $@ $^

# The SDs Windows made of SDDL strings (Samba's corpora), byte for byte.
sddl-corpus: $(SDDL_CORPUS_TEST)
	cd $(TOP) && $(SDDL_CORPUS_TEST) $(TOP)/../shared/oracles/windows-sd-bytes

diff-test: $(WTACL)
	cd $(TOP) && $(SDDL_PYTHON) $(TOP)/tools/tests/diff/diff_test.py \
		--wtacl $(WTACL) --cases $(DIFF_CASES) \
		$(if $(DIFF_SEED),--seed $(DIFF_SEED))

$(FUZZ_SDDL): $(TOP)/tools/fuzz/fuzz_sddl.c $(SDDL_CORE_SRCS) $(SDDL_LIB_SRCS)
	@mkdir -p $(dir $@)
	$(SDDL_FUZZ_CC) $(SDDL_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o $@ $^

# A seed corpus from the unit test strings keeps short runs meaningful.
$(FUZZ_SDDL_CORPUS)/.stamp: $(TOP)/tools/fuzz/seeds.txt
	@mkdir -p $(dir $@)
	@n=0; while IFS= read -r line; do n=$$((n+1)); \
		printf '%s' "$$line" > $(dir $@)seed-$$n; done < $<
	@touch $@

fuzz-sddl-short: $(FUZZ_SDDL) $(FUZZ_SDDL_CORPUS)/.stamp
	@mkdir -p $(SDDL_HOST)/fuzz-sddl-artifacts
	@if $(FUZZ_SDDL) -max_total_time=$(FUZZ_SHORT_SECONDS) -max_len=4096 \
		-artifact_prefix=$(SDDL_HOST)/fuzz-sddl-artifacts/ \
		$(FUZZ_SDDL_CORPUS) > $(SDDL_HOST)/fuzz-sddl-short.log 2>&1; then \
		echo "ok 1 fuzz_sddl ran $(FUZZ_SHORT_SECONDS)s without a crash"; \
	else \
		tail -n 40 $(SDDL_HOST)/fuzz-sddl-short.log; \
		echo "not ok 1 fuzz_sddl crashed (see $(SDDL_HOST)/fuzz-sddl-short.log)"; \
		exit 1; \
	fi

fuzz-sddl: $(FUZZ_SDDL) $(FUZZ_SDDL_CORPUS)/.stamp
	@mkdir -p $(SDDL_HOST)/fuzz-sddl-artifacts
	$(FUZZ_SDDL) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-artifact_prefix=$(SDDL_HOST)/fuzz-sddl-artifacts/ \
		$(FUZZ_SDDL_CORPUS)

-include $(SDDL_ALL_OBJS:.o=.d) $(wildcard $(SDDL_HOST)/sddl-obj/*/*.d) \
	$(wildcard $(SDDL_HOST)/sddl-obj/*/*/*.d)
