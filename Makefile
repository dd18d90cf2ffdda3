# SPDX-License-Identifier: GPL-2.0
# wintok: Windows access tokens for Linux. `make help` lists the targets.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(TOP)/build
PREFIX ?= /usr/local
DESTDIR ?=

# Every Debian kernel with headers installed; KDIR picks the one `make`
# builds for: the running kernel's when its headers exist, else the newest.
KERNELS := $(shell $(TOP)/tools/kernels.sh 2>/dev/null)
RUNNING := $(shell uname -r)
ifeq ($(origin KDIR),undefined)
  ifneq ($(wildcard /lib/modules/$(RUNNING)/build/Makefile),)
    KDIR := /lib/modules/$(RUNNING)/build
  else
    KDIR := /lib/modules/$(lastword $(KERNELS))/build
  endif
endif
KVER = $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)

# The release, written once: debian/changelog's newest entry (the
# packages, libwintok.pc and the DKMS source directory all carry it).
VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' $(TOP)/debian/changelog)

# Extra compiler and linker flags for the user space programs: make deb
# passes Debian's hardening flags (dpkg-buildflags) through these.
PKG_CFLAGS ?=
PKG_LDFLAGS ?=

CC ?= gcc
USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
	-I$(TOP)/uapi -I$(TOP)/tools/lib $(PKG_CFLAGS)
KSELFTEST := $(BUILD)/kselftest
# make check-debug builds the selftests again, in their own BUILD, with a
# longer per-test timeout (-DWT_TEST_TIMEOUT=S, see selftests/wt_test.h).
SELFTEST_CPPFLAGS ?=
# The harness and checkpatch come from 6.1's source; 6.12's (make deps
# installs it for the debug kernel) only when 6.1's is missing.
LINUX_SOURCE := $(firstword $(wildcard /usr/src/linux-source-6.1.tar.xz) \
	$(lastword $(sort $(wildcard /usr/src/linux-source-*.tar.xz))))

# <linux/wintok.h> and the parts it includes (uapi/linux/wintok/).
UAPI_HEADERS := $(TOP)/uapi/linux/wintok.h $(wildcard $(TOP)/uapi/linux/wintok/*.h)

# Host suites make check runs; the fragments below add theirs.
HOST_SUITES :=

.DEFAULT_GOAL := module
.PHONY: help deps module modules-all hooktest-all tools selftests vm-stage check check-run \
	check-debug check-debug-run check-ad check-ad-run demo demo-run \
	bench bench-run bench-profile lint install clean

help:
	@echo "wintok targets:"
	@echo "  deps          install every Debian package the project needs (idempotent)"
	@echo "  module        build wintok.ko for KDIR (default: running kernel, else newest Debian kernel)"
	@echo "  modules-all   build wintok.ko for every installed Debian kernel: $(KERNELS)"
	@echo "  tools         build libwintok and the command-line tools into build/tools"
	@echo "  selftests     build the kselftest programs into build/selftests"
	@echo "  check         the whole test suite: host tests, then the selftests in QEMU on each kernel"
	@echo "                T=name[,name] runs only those selftests or host suites"
	@echo "  check-debug   the VM suite on a debug kernel (KASAN, lockdep, kmemleak...) built"
	@echo "                from linux-source-6.12 and cached in build/debug-kernel; T= as above"
	@echo "  check-ad      a Samba AD DC and winbind in QEMU on each kernel (not in check; needs"
	@echo "                samba-ad-dc, make deps installs it)"
	@echo "  demo          the main job: boot the VM and run the demo"
	@echo "  lint          the include rule of module/, checkpatch --strict and sparse (make C=1)"
	@echo "  fuzz-all      long libFuzzer run of every harness (FUZZ_SECONDS each, default 600)"
	@echo "  bench-core    benchmark of the access check on the host (not a test)"
	@echo "  bench         benchmarks in QEMU on each kernel (tools/bench/vm/list; not tests)"
	@echo "                B=name[,name] runs only those benchmarks"
	@echo "  bench-profile where one operation's guest instructions go, by function, loaded,"
	@echo "                with wintok-base.ko (if in build/kmod/KVER) and unloaded"
	@echo "                (OP=open_plain|open_acl16|create_unlink|msgsnd_msgrcv|..., N=20000)"
	@echo "  install       modules_install, tools, headers, pkg-config (DESTDIR, PREFIX)"
	@echo "                = install-module + install-user (tools, library, man pages,"
	@echo "                service; LIBDIR, SYSTEMDUNITDIR) + install-conf (modules-load.d,"
	@echo "                modprobe.d; MODULESLOADDIR)"
	@echo "  deb           Debian packages into build/deb: wintok-dkms, wintok-tools,"
	@echo "                libwintok1, libwintok-dev (dpkg-buildpackage, then lintian)"
	@echo "  check-deb     install the packages into a fresh bookworm root (DKMS for every"
	@echo "                kernel), boot the VM from the installed files, remove and purge"
	@echo "                (after make deb; network for debootstrap; WT_DEB_NO_VM=1: no VM)"
	@echo "  clean         remove build/"
	@echo "  vm-shell      boot the VM with a shell on this terminal (KVER_VM=version)"
	@echo "  VM_SMP=N      virtual CPUs of every VM (check, demo, vm-shell; default 2; bench: 1)"
	@echo "  VM_LANES=N    VM boots of make check at once (default 2 with 2 host CPUs or more)"
	@echo "  VM_ICOUNT=1   guest clock counts instructions (-icount shift=0,sleep=off)"
	@echo "  SELINUX_KERNELS=\"K..\"  kernels check boots once more with SELinux (default: newest; none)"
	@echo "  WT_RELOAD_CYCLES=N  unload/load cycles of load_cycles.sh in check (default 1)"

deps:
	@sh $(TOP)/tools/deps.sh

# Kbuild writes objects next to the sources, so each kernel gets its own
# copy of the sources under build/kmod/<version>.
module:
	@test -n "$(KVER)" || { echo "no kernel headers at $(KDIR): run make deps" >&2; exit 1; }
	@sh $(TOP)/tools/build-module.sh $(KDIR) $(BUILD)/kmod/$(KVER) W=1
	@echo "built $(BUILD)/kmod/$(KVER)/wintok.ko"

modules-all:
	@test -n "$(KERNELS)" || { echo "no Debian kernel with headers: run make deps" >&2; exit 1; }
	@set -e; for k in $(KERNELS); do \
		sh $(TOP)/tools/build-module.sh /lib/modules/$$k/build $(BUILD)/kmod/$$k W=1; \
		echo "built $(BUILD)/kmod/$$k/wintok.ko"; \
	done

# The hook machinery's test module, for the VM suite hooktest.sh.
hooktest-all:
	@set -e; for k in $(KERNELS); do \
		sh $(TOP)/tools/build-hooktest.sh /lib/modules/$$k/build $(BUILD)/kmod/$$k W=1; \
	done

$(BUILD)/selftests/openloop: $(TOP)/selftests/hooktest/openloop.c
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -Werror -o $@ $<

# A 32-bit program for file_ops_test (fchmod/fchown through the ia32
# table): freestanding, so -m32 needs no 32-bit C library.
$(BUILD)/selftests/attr32: $(TOP)/selftests/ia32/attr32.c
	@mkdir -p $(dir $@)
	$(CC) -m32 -static -nostdlib -ffreestanding -fno-pie -no-pie \
		-fno-stack-protector -O2 -Wall -Wextra -Werror -o $@ $<

# ---- user space ----
include $(TOP)/tools/tools.mk
ifneq ($(wildcard $(TOP)/tools/core.mk),)
include $(TOP)/tools/core.mk
endif
ifneq ($(wildcard $(TOP)/tools/sddl.mk),)
include $(TOP)/tools/sddl.mk
HOST_SUITES += sddl-test sddl-corpus diff-test fuzz-sddl-short json-test
tools: wtacl
endif
ifneq ($(wildcard $(TOP)/tools/core.mk),)
HOST_SUITES += fuzz-short
endif

# The debug kernel's report scanner (tools/tapsum.py vm-debug).
HOST_SUITES += tapsum-test
.PHONY: tapsum-test
tapsum-test:
	@python3 $(TOP)/tools/tests/tapsum/tapsum_test.py

# Every tool has --help, a man page, a Documentation/tools page naming its
# options and exit status, and bash completion (tools/tests/docs/tool_docs.py).
HOST_SUITES += tool-docs
.PHONY: tool-docs
tool-docs: tools
	@python3 $(TOP)/tools/tests/docs/tool_docs.py $(TOOLS_OUT)/bin $(dir $(WTACL))

# The systemd units, installed by install-user into build/units-root (with
# PREFIX there, so that their ExecStart= programs exist), pass
# systemd-analyze verify (tools/tests/units/units_check.sh).
HOST_SUITES += units
.PHONY: units
units: tools
	@rm -rf $(BUILD)/units-root
	@$(MAKE) --no-print-directory install-user PREFIX=$(BUILD)/units-root/usr \
		SYSTEMDUNITDIR=$(BUILD)/units-root/units >$(BUILD)/units-root.log 2>&1 || \
		{ cat $(BUILD)/units-root.log; exit 1; }
	@sh $(TOP)/tools/tests/units/units_check.sh $(BUILD)/units-root

# Every page of Documentation/ is valid reStructuredText (docutils).
HOST_SUITES += docs-rst
.PHONY: docs-rst
docs-rst:
	@/usr/bin/python3 $(TOP)/tools/tests/docs/rst_check.py

# The include rule of module/ (tools/check_includes.py) fails on each breach.
HOST_SUITES += include-rule-test
.PHONY: include-rule-test
include-rule-test:
	@python3 $(TOP)/tools/tests/include_rule/include_rule_test.py

# Every selftest the threat model names as a boundary's proof exists.
HOST_SUITES += threat-model-refs
.PHONY: threat-model-refs
threat-model-refs:
	@python3 $(TOP)/tools/tests/docs/threat_model_refs.py

.PHONY: fuzz-all
fuzz-all: fuzz fuzz-sddl

# ---- selftests ----
SELFTEST_BINS := $(patsubst $(TOP)/selftests/%.c,$(BUILD)/selftests/%,\
	$(wildcard $(TOP)/selftests/*_test.c))
SELFTEST_SCRIPTS := $(wildcard $(TOP)/selftests/*.sh)
# The ABI fuzzer runs late (see vm-stage): it leaves the module in states
# (traverse check attached, settings changed and put back) that the tests
# before it start without.
ABI_FUZZ := $(BUILD)/selftests/abi_fuzz

$(KSELFTEST)/kselftest_harness.h:
	@test -n "$(LINUX_SOURCE)" || { echo "linux-source-6.1 missing: run make deps" >&2; exit 1; }
	@mkdir -p $(KSELFTEST)
	@tar -xJf $(LINUX_SOURCE) -C $(KSELFTEST) --strip-components=4 --wildcards \
		'*/tools/testing/selftests/kselftest_harness.h' \
		'*/tools/testing/selftests/kselftest.h'
	@touch $@

# Every selftest rebuilds when a shared header (wt_test.h, wt_sd_build.h,
# the per-part ones such as token_common.h) changes.
SELFTEST_HDRS := $(wildcard $(TOP)/selftests/*.h)
$(BUILD)/selftests/%: $(TOP)/selftests/%.c $(SELFTEST_HDRS) \
		$(UAPI_HEADERS) $(KSELFTEST)/kselftest_harness.h $(LIBWINTOK_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-unused-parameter -Wno-sign-compare -Wno-clobbered -I$(KSELFTEST) -I$(TOP)/selftests $(SELFTEST_CPPFLAGS) \
		-o $@ $< $(LIBWINTOK_A) -lpthread

# The netlink tests speak libmnl through tools/lib/wtnl.c.
WTNL_TESTS := $(patsubst $(TOP)/selftests/%.c,$(BUILD)/selftests/%,\
	$(wildcard $(TOP)/selftests/netlink_*_test.c))
$(WTNL_TESTS): $(BUILD)/selftests/%: $(TOP)/selftests/%.c $(WTNL_OBJ) \
		$(TOP)/tools/lib/wtnl.h $(SELFTEST_HDRS) $(UAPI_HEADERS) $(KSELFTEST)/kselftest_harness.h $(LIBWINTOK_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-unused-parameter -Wno-sign-compare -Wno-clobbered -I$(KSELFTEST) -I$(TOP)/selftests $(SELFTEST_CPPFLAGS) \
		-o $@ $< $(WTNL_OBJ) $(LIBWINTOK_A) -lpthread -lmnl

# pam_wintok's test is a PAM application that loads the module staged
# next to it (vm-stage).
PAM_WINTOK_TEST := $(BUILD)/selftests/pam_wintok_test
$(PAM_WINTOK_TEST): $(TOP)/selftests/pam_wintok_test.c $(WTNL_OBJ) \
		$(TOP)/tools/lib/wtnl.h $(SELFTEST_HDRS) $(UAPI_HEADERS) \
		$(KSELFTEST)/kselftest_harness.h $(LIBWINTOK_A) $(PAM_WINTOK)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-unused-parameter -Wno-sign-compare -Wno-clobbered -I$(KSELFTEST) -I$(TOP)/selftests $(SELFTEST_CPPFLAGS) \
		-o $@ $< $(WTNL_OBJ) $(LIBWINTOK_A) -lpthread -lmnl -lpam

# The ABI fuzzer is one program in parts sharing selftests/abi_fuzz/fz.h.
ABI_FUZZ_SRCS := $(TOP)/selftests/abi_fuzz.c $(wildcard $(TOP)/selftests/abi_fuzz/*.c)
$(ABI_FUZZ): $(ABI_FUZZ_SRCS) $(wildcard $(TOP)/selftests/abi_fuzz/*.h) $(SELFTEST_HDRS) \
		$(UAPI_HEADERS) $(KSELFTEST)/kselftest_harness.h $(LIBWINTOK_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-unused-parameter -Wno-sign-compare -Wno-clobbered -I$(KSELFTEST) -I$(TOP)/selftests $(SELFTEST_CPPFLAGS) \
		-o $@ $(ABI_FUZZ_SRCS) $(LIBWINTOK_A) -lpthread

selftests: $(SELFTEST_BINS) $(ABI_FUZZ)

# Everything the VM carries besides busybox and modules. The run list is
# the order tests run in: binaries first, module reload last.
vm-stage: selftests tools $(BUILD)/selftests/openloop $(BUILD)/selftests/attr32
	@rm -rf $(BUILD)/vm/stage
	@mkdir -p $(BUILD)/vm/stage/selftests/hooktest $(BUILD)/vm/stage/bin \
		$(BUILD)/vm/stage/share
	@cp $(SELFTEST_BINS) $(ABI_FUZZ) $(SELFTEST_SCRIPTS) $(BUILD)/selftests/openloop \
		$(BUILD)/selftests/attr32 $(BUILD)/vm/stage/selftests/
	@cp $(TOP)/selftests/hooktest/run.sh $(BUILD)/vm/stage/selftests/hooktest/
	@cp $(PAM_WINTOK) $(BUILD)/vm/stage/selftests/
	@for b in $(filter-out $(BUILD)/selftests/tracer_coexist_test,$(SELFTEST_BINS)); do \
		echo "$$(basename $$b) bin"; done >$(BUILD)/vm/stage/selftests/list
	@echo "fileserver.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "disk_reboot.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "failopen.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "hooktest.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "cred_limits_fail.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "nl_tools.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "kaudit.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "wtrun.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "pam_login.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "pam_sshd.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "whoami_tools.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "wtacl_ops.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "wtacl_save.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "abi_fuzz bin" >>$(BUILD)/vm/stage/selftests/list
	@# These unload and reload the module: last, module_reload.sh at the end.
	@echo "tracer_coexist_test bin" >>$(BUILD)/vm/stage/selftests/list
	@echo "stress_ng.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "load_cycles.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "module_reload.sh sh" >>$(BUILD)/vm/stage/selftests/list
	@echo "disk_reboot.sh sh" >$(BUILD)/vm/stage/selftests/list.phase2
	@echo "inherit_reboot_test bin" >>$(BUILD)/vm/stage/selftests/list.phase2
	@cp $(TOOL_BINS) $(BUILD)/vm/stage/bin/
	@cp $(WTACL) $(BUILD)/vm/stage/bin/
	@# Debian's auditd, for kaudit.sh, and stress-ng, for stress_ng.sh and
	@# load_cycles.sh (libraries follow through ldd).
	@# Debian's login and util-linux's script, for pam_login.sh; sshd,
	@# ssh and ssh-keygen (openssh-server, openssh-client), for pam_sshd.sh.
	@for b in /sbin/auditd /sbin/auditctl /sbin/ausearch /usr/bin/stress-ng \
		/bin/login /usr/bin/script /usr/sbin/sshd /usr/bin/ssh \
		/usr/bin/ssh-keygen; do \
		if [ -x $$b ]; then cp $$b $(BUILD)/vm/stage/bin/; fi; \
	done
	@cp $(TOP)/tools/demo/demo.sh $(BUILD)/vm/stage/share/
	@cp $(TOP)/tools/conf/modprobe.conf.in $(BUILD)/vm/stage/share/

# check and demo run in a second make so that what `make deps` installed in
# the same invocation (`make deps check`) is seen: the kernels, the kernel
# source tarball and the fragments are looked up when a make starts.
check:
	@$(MAKE) --no-print-directory check-run

# Runs share build/vm and build/check: one at a time per tree.
check-run:
	@mkdir -p $(BUILD)
	@HOST_SUITES="$(HOST_SUITES)" KERNELS="$(KERNELS)" T="$(T)" \
		flock $(BUILD)/.check.lock bash $(TOP)/tools/check.sh

# The debug kernel's run (Documentation/testing.rst). The kernel is built
# outside the lock (it takes most of an hour the first time, then comes
# from build/debug-kernel); the suite runs inside it. CHECK_DEBUG_ENV sets
# the durations of the time-bounded suites for this run: a long stress run;
# a suite with a duration of its own gets its WT_NAME=SECONDS here.
CHECK_DEBUG_ENV ?= WT_STRESS_SECS=300 WT_FUZZ_SECS=600
check-debug:
	@$(MAKE) --no-print-directory check-debug-run

check-debug-run:
	@mkdir -p $(BUILD)
	@tree=$$(sh $(TOP)/tools/debug-kernel/build.sh $(BUILD)/debug-kernel) && \
	HOST_SUITES= KERNELS= T="$(T)" DEBUG_TREE="$$tree" \
		DEBUG_ENV="$(CHECK_DEBUG_ENV)" \
		flock $(BUILD)/.check.lock bash $(TOP)/tools/check.sh

demo:
	@$(MAKE) --no-print-directory demo-run

demo-run: modules-all vm-stage
	@KERNELS="$(KERNELS)" flock $(BUILD)/.check.lock bash $(TOP)/tools/demo/run-demo.sh

vm-shell: modules-all vm-stage
	@k=$${KVER_VM:-$(firstword $(KERNELS))}; \
	sh $(TOP)/tools/vm/mkinitramfs.sh $$k $(BUILD)/kmod/$$k/wintok.ko \
		$(BUILD)/vm/stage $(BUILD)/vm/initrd-$$k.img && \
	sh $(TOP)/tools/vm/run.sh -i $$k $(BUILD)/vm/initrd-$$k.img $(BUILD)/vm/shell

# ---- make check-ad: a Samba AD DC and winbind in the VM (issue #18) ----
# Not part of make check: it needs samba-ad-dc on the host and boots a VM
# per kernel that starts a domain controller under TCG (minutes each;
# Documentation/testing.rst has the figures).
WBC_CHECK := $(BUILD)/ad-tests/wbc_check
$(WBC_CHECK): $(TOP)/selftests/ad/wbc_check.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $$(pkg-config --cflags wbclient) -o $@ $< \
		$$(pkg-config --libs wbclient)

check-ad:
	@$(MAKE) --no-print-directory check-ad-run

SSS_CHECK := $(BUILD)/ad-tests/sss_check
$(SSS_CHECK): $(TOP)/selftests/ad/sss_check.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $$(pkg-config --cflags sss_nss_idmap) -o $@ $< \
		$$(pkg-config --libs sss_nss_idmap)

check-ad-run: modules-all tools $(WBC_CHECK) $(SSS_CHECK)
	@KERNELS="$(KERNELS)" WBC_CHECK=$(WBC_CHECK) SSS_CHECK=$(SSS_CHECK) \
		AD_TOOLS="$(TOOL_BINS) $(WTACL)" PAM_WINTOK=$(PAM_WINTOK) \
		flock $(BUILD)/.check.lock bash $(TOP)/tools/ad/check-ad.sh

# ---- benchmarks in the VM (not tests: they print figures, assert nothing) ----
# tools/bench/vm/list names the programs, in run order; each is
# tools/bench/vm/<name>.c or tools/bench/<name>.c, linked with libwintok
# (the sources define _GNU_SOURCE themselves). Add a line and a file to
# add a benchmark.
BENCH_VM_NAMES := $(shell sed -e 's/\#.*//' $(TOP)/tools/bench/vm/list 2>/dev/null)
BENCH_VM_BINS := $(addprefix $(BUILD)/bench/,$(BENCH_VM_NAMES))
BENCH_CFLAGS := $(filter-out -D_GNU_SOURCE,$(USER_CFLAGS))

BENCH_HEADERS := $(TOP)/tools/bench/bench_clock.h $(TOP)/tools/bench/bench_profile.h

$(BUILD)/bench/%: $(TOP)/tools/bench/vm/%.c $(LIBWINTOK_A) $(TOOL_HEADERS) $(BENCH_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(LIBWINTOK_A) -lpthread

$(BUILD)/bench/%: $(TOP)/tools/bench/%.c $(LIBWINTOK_A) $(TOOL_HEADERS) $(BENCH_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(LIBWINTOK_A) -lpthread

bench:
	@$(MAKE) --no-print-directory bench-run

bench-run: modules-all vm-stage $(BENCH_VM_BINS)
	@rm -rf $(BUILD)/vm/stage/bench
	@mkdir -p $(BUILD)/vm/stage/bench
	@cp $(BENCH_VM_BINS) $(BUILD)/vm/stage/bench/
	@printf '%s\n' $(BENCH_VM_NAMES) >$(BUILD)/vm/stage/bench/list
	@KERNELS="$(KERNELS)" B="$(B)" flock $(BUILD)/.check.lock bash $(TOP)/tools/bench/run-bench.sh

# The instruction profile of one enforce_cost operation, by function
# (tools/bench/profile.sh). The plugin is a host program QEMU loads.
$(BUILD)/bench/insn_plugin.so: $(TOP)/tools/bench/insn_plugin.c $(TOP)/tools/bench/qemu_plugin_abi.h
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden -o $@ $<

bench-profile: modules-all vm-stage $(BENCH_VM_BINS) $(BUILD)/bench/insn_plugin.so
	@rm -rf $(BUILD)/vm/stage/bench
	@mkdir -p $(BUILD)/vm/stage/bench
	@cp $(BENCH_VM_BINS) $(BUILD)/vm/stage/bench/
	@printf '%s\n' $(BENCH_VM_NAMES) >$(BUILD)/vm/stage/bench/list
	@KERNELS="$(KERNELS)" OP="$(OP)" N="$(N)" MODS="$(MODS)" flock $(BUILD)/.check.lock bash $(TOP)/tools/bench/profile.sh

# ---- lint ----
CHECKPATCH := $(BUILD)/checkpatch/scripts/checkpatch.pl
KERNEL_SOURCES = $(shell cd $(TOP) && git ls-files 'module/*.[ch]' 'module/*.S' \
	'uapi/*.h' 2>/dev/null)
USER_SOURCES = $(shell cd $(TOP) && git ls-files 'selftests/*.[ch]' \
	'tools/*.[ch]' ':!tools/fuzz/*' ':!$(WINBIND_SOURCES)' 2>/dev/null)
# libwbclient's API is CamelCase (wbcUidToSid()).
WINBIND_SOURCES := tools/pam_wintok/source_winbind.c
FUZZ_SOURCES = $(shell cd $(TOP) && git ls-files 'tools/fuzz/*.[ch]' 2>/dev/null)
# libwbclient names its API in CamelCase (wbcGetpwnam, wbcDomainSid): the
# files that include it are checked without CAMELCASE, the rest with it.
WBC_SOURCES = $(shell cd $(TOP) && git grep -l '^\#include <wbclient.h>' -- \
	'selftests/*.[ch]' 'tools/*.[ch]' ':!tools/fuzz/*' 2>/dev/null)
# ENOSYS: file_sd.c compares a task's saved return value with the
# -ENOSYS the x86 entry code keeps there while a system call's body runs
# (never returned as an errno); checkpatch flags every use of the name.
CHECKPATCH_FLAGS := --strict --no-tree --quiet --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,ENOSYS
# User space code uses the C library's types and names, as kselftests do.
CHECKPATCH_USER_IGNORE := PREFER_KERNEL_TYPES,NEW_TYPEDEFS

$(CHECKPATCH):
	@test -n "$(LINUX_SOURCE)" || { echo "linux-source-6.1 missing: run make deps" >&2; exit 1; }
	@mkdir -p $(BUILD)/checkpatch
	@tar -xJf $(LINUX_SOURCE) -C $(BUILD)/checkpatch --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
	@touch $@

lint: $(CHECKPATCH)
	@echo "== include rule of module/ (Documentation/design/overview.rst)"
	@python3 $(TOP)/tools/check_includes.py
	@python3 $(TOP)/tools/tests/include_rule/include_rule_test.py >$(BUILD)/include-rule-test.log || \
		{ cat $(BUILD)/include-rule-test.log; exit 1; }
	@echo "== checkpatch --strict"
	@cd $(TOP) && $(CHECKPATCH) $(CHECKPATCH_FLAGS) -f $(KERNEL_SOURCES)
	@cd $(TOP) && $(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore $(CHECKPATCH_USER_IGNORE) -f $(filter-out $(WBC_SOURCES),$(USER_SOURCES))
	@cd $(TOP) && $(if $(WBC_SOURCES),$(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore $(CHECKPATCH_USER_IGNORE),CAMELCASE -f $(WBC_SOURCES),true)
	@# libFuzzer fixes the entry point's name: LLVMFuzzerTestOneInput.
	@cd $(TOP) && $(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore $(CHECKPATCH_USER_IGNORE),CAMELCASE -f $(FUZZ_SOURCES) $(WINBIND_SOURCES)
	@echo "== sparse (make C=2: every file) on every kernel"
	@set -e; for k in $(KERNELS); do \
		sh $(TOP)/tools/build-module.sh /lib/modules/$$k/build $(BUILD)/lint/$$k W=1 C=2 \
			2>&1 | tee $(BUILD)/lint-$$k.log; \
		! grep -E 'warning|error' $(BUILD)/lint-$$k.log; \
	done
	@echo "lint: clean"

# ---- Debian packages ----
# dpkg-buildpackage runs in a copy of the tree (build/deb/wintok-VERSION),
# so the tree's own build/ is never packaged; lintian fails the target on
# any error or warning (the tags left are explained in debian/*overrides).
DEB_OUT := $(BUILD)/deb
.PHONY: deb check-deb
deb:
	@rm -rf $(DEB_OUT)
	@mkdir -p $(DEB_OUT)/wintok-$(VERSION)
	@rsync -a --exclude /build --exclude /.git $(TOP)/ $(DEB_OUT)/wintok-$(VERSION)/
	cd $(DEB_OUT)/wintok-$(VERSION) && dpkg-buildpackage -b -us -uc
	lintian --fail-on error,warning $(DEB_OUT)/wintok_$(VERSION)_amd64.changes
	@ls $(DEB_OUT)/*.deb

# The packages installed into a fresh bookworm root (cached in
# build/deb-root/base), DKMS building for every kernel, the tools, the
# library, the VM booted from the installed module and tools running the
# demo, then remove and purge (tools/deb/check-deb.sh; TAP in
# build/deb-root/tap.log). WT_DEB_NO_VM=1 leaves the VM part out.
check-deb:
	@$(MAKE) --no-print-directory check-deb-run

.PHONY: check-deb-run
check-deb-run:
	@ls $(DEB_OUT)/*.deb >/dev/null 2>&1 || { echo "no packages in $(DEB_OUT): run make deb" >&2; exit 1; }
	@mkdir -p $(BUILD)/deb-root
	@{ KERNELS="$(KERNELS)" flock $(BUILD)/.check.lock $(TOP)/tools/deb/check-deb.sh \
		$(DEB_OUT) $(BUILD)/deb-root 2>&1; echo $$? >$(BUILD)/deb-root/rc; } | \
		tee $(BUILD)/deb-root/tap.log
	@python3 $(TOP)/tools/tapsum.py host $(BUILD)/deb-root/tap.log \
		$$(cat $(BUILD)/deb-root/rc) | { read -r p f s; tail_lines=$$(cat); \
		[ -z "$$tail_lines" ] || echo "$$tail_lines"; \
		echo "$$p passed, $$f failed, $$s skipped"; [ "$$f" = 0 ]; }

# ---- install ----
# install = install-module + install-user + install-conf. The Debian
# packages (make deb) use install-user and install-conf with PREFIX=/usr and
# Debian's directories, and ship the module as DKMS source instead.
LIBDIR ?= $(PREFIX)/lib
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
MODULESLOADDIR ?= /etc/modules-load.d
.PHONY: install-module install-user install-conf
install: install-module install-user install-conf

install-module: module
	$(MAKE) -C $(KDIR) M=$(BUILD)/kmod/$(KVER) INSTALL_MOD_DIR=extra \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install

# Tools, man pages, shell completion (every file of tools/completion/), the
# library (static and shared), headers, pkg-config and the policy service.
install-user: tools
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/linux \
		$(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 0755 $(TOOL_BINS) $(WTACL) $(DESTDIR)$(PREFIX)/bin/
	install -d $(DESTDIR)$(PREFIX)/include/linux/wintok
	install -m 0644 $(TOP)/uapi/linux/wintok.h $(DESTDIR)$(PREFIX)/include/linux/
	install -m 0644 $(wildcard $(TOP)/uapi/linux/wintok/*.h) \
		$(DESTDIR)$(PREFIX)/include/linux/wintok/
	install -m 0644 $(TOP)/tools/lib/libwintok.h $(DESTDIR)$(PREFIX)/include/
	install -m 0644 $(LIBWINTOK_A) $(DESTDIR)$(LIBDIR)/
	install -m 0644 $(LIBWINTOK_SO) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(LIBWINTOK_SO)) $(DESTDIR)$(LIBDIR)/$(LIBWINTOK_SONAME)
	ln -sf $(LIBWINTOK_SONAME) $(DESTDIR)$(LIBDIR)/libwintok.so
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/wintok
	install -m 0644 $(wildcard $(TOP)/tools/man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	@# pam_wintok: where Debian's PAM looks for modules (LIBDIR/security).
	install -d $(DESTDIR)$(LIBDIR)/security $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 0644 $(PAM_WINTOK) $(DESTDIR)$(LIBDIR)/security/
	install -m 0644 $(wildcard $(TOP)/tools/man/*.8) $(DESTDIR)$(PREFIX)/share/man/man8/
	@# bash-completion loads a completion by the command's name: one file,
	@# a link per tool.
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0644 $(TOP)/tools/completion/wintok \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/
	for t in $(notdir $(TOOL_BINS) $(WTACL)); do \
		ln -sf wintok $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$t; \
	done
	install -m 0644 $(TOP)/tools/conf/policy.conf \
		$(DESTDIR)$(PREFIX)/share/wintok/policy.conf.example
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed -e 's|@PREFIX@|$(PREFIX)|g' $(TOP)/tools/conf/wintok-policy.service.in \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/wintok-policy.service
	sed -e 's|@PREFIX@|$(PREFIX)|g' $(TOP)/tools/conf/wintok-idmap-sync.service.in \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/wintok-idmap-sync.service
	install -m 0644 $(TOP)/tools/conf/wintok-idmap-sync.timer $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -m 0644 $(TOP)/tools/conf/wintok.default $(DESTDIR)$(PREFIX)/share/wintok/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
		-e 's|@VERSION@|$(VERSION)|g' $(TOP)/tools/lib/libwintok.pc.in \
		>$(DESTDIR)$(LIBDIR)/pkgconfig/libwintok.pc

# Loading at boot, the modprobe policy line and wtrun's PAM service. An
# existing modprobe.d file or PAM service is the administrator's: make
# install leaves it alone.
install-conf:
	install -d $(DESTDIR)$(MODULESLOADDIR) $(DESTDIR)/etc/modprobe.d
	install -m 0644 $(TOP)/tools/conf/modules-load.conf \
		$(DESTDIR)$(MODULESLOADDIR)/wintok.conf
	test -e $(DESTDIR)/etc/modprobe.d/wintok.conf || \
		sed -e 's|@PREFIX@|$(PREFIX)|g' $(TOP)/tools/conf/modprobe.conf.in \
		>$(DESTDIR)/etc/modprobe.d/wintok.conf
	@# wtrun's PAM service; an existing one is the administrator's.
	install -d $(DESTDIR)/etc/pam.d
	test -e $(DESTDIR)/etc/pam.d/wtrun || \
		install -m 0644 $(TOP)/tools/conf/wtrun.pam $(DESTDIR)/etc/pam.d/wtrun

clean:
	rm -rf $(BUILD)
