# SPDX-License-Identifier: GPL-2.0
# libwintok and the command-line tools that talk to the module.
TOP ?= $(CURDIR)
BUILD ?= $(TOP)/build
TOOLS_OUT := $(BUILD)/tools
LIBWINTOK_A := $(TOOLS_OUT)/libwintok.a
# libwintok carries the core's privilege table (wt_privilege_name()) and
# the core's SID text parser and formatter (wt_sid_string(), wt_sid_parse()).
LIBWINTOK_CORE_OBJS := $(TOOLS_OUT)/obj/wt_privilege.o $(TOOLS_OUT)/obj/wt_sid.o
LIBWINTOK_OBJS := $(TOOLS_OUT)/obj/libwintok.o $(TOOLS_OUT)/obj/wt_impersonate.o \
	$(LIBWINTOK_CORE_OBJS)
# wtfsd and wtfs, the demo's file server and client, share tools/wtfs/.
TOOL_NAMES := wtinfo wtwhoami wtfsd wtfs
TOOL_BINS := $(addprefix $(TOOLS_OUT)/bin/,$(TOOL_NAMES))
TOOL_HEADERS := $(UAPI_HEADERS) $(TOP)/tools/lib/libwintok.h \
	$(TOP)/tools/lib/wt_lib.h $(TOP)/tools/lib/wt_tool.h \
	$(TOP)/tools/lib/wt_json.h $(TOP)/tools/lib/wt_utf8.h \
	$(TOP)/tools/lib/wt_progress.h
# What every tool does alike (the command line, JSON strings, progress);
# linked into each tool, not part of libwintok.
TOOL_UTIL_OBJS := $(TOOLS_OUT)/obj/wt_tool.o $(TOOLS_OUT)/obj/wt_json.o \
	$(TOOLS_OUT)/obj/wt_progress.o

$(TOOLS_OUT)/obj/%.o: $(TOP)/tools/lib/%.c $(TOOL_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -fPIC -c -o $@ $<

$(LIBWINTOK_CORE_OBJS): $(TOOLS_OUT)/obj/%.o: $(TOP)/module/core/%.c \
		$(TOP)/module/core/%.h $(TOP)/module/core/wt_compat.h
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(LIBWINTOK_CORE_VIS) -I$(TOP)/module/core -fPIC -c -o $@ $<

# The privilege functions are libwintok's API (debian/libwintok1.symbols);
# the wt_sid_*() of the core only serve it and stay out of libwintok.so.1's
# symbol table, so that they never become an ABI to keep.
$(TOOLS_OUT)/obj/wt_sid.o: LIBWINTOK_CORE_VIS := -fvisibility=hidden

# libwintok.c calls the core's SID functions.
$(TOOLS_OUT)/obj/libwintok.o: USER_CFLAGS += -I$(TOP)/module/core
$(TOOLS_OUT)/obj/libwintok.o: $(TOP)/module/core/wt_sid.h $(TOP)/module/core/wt_compat.h

$(LIBWINTOK_A): $(LIBWINTOK_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# The same objects as a shared library for other programs (libwintok1 and
# libwintok-dev in debian/). The soname's number is the library's ABI, not
# the release: raise it when a function's signature or a structure changes.
LIBWINTOK_SOMAJOR := 1
LIBWINTOK_SONAME := libwintok.so.$(LIBWINTOK_SOMAJOR)
LIBWINTOK_SO := $(TOOLS_OUT)/$(LIBWINTOK_SONAME).0.0

$(LIBWINTOK_SO): $(LIBWINTOK_OBJS)
	$(CC) -shared -Wl,-soname,$(LIBWINTOK_SONAME) $(PKG_LDFLAGS) -o $@ $^ -lc

# The libwintok the tools link: the static archive by default, so that they
# run from the build tree and in the test VM with no library installed;
# TOOLS_LINK=shared (debian/rules) links libwintok.so.1 instead, so that
# wintok-tools carries no copy of libwintok1's code and a fixed library
# fixes the tools too (Debian policy 4.13, no convenience copies).
TOOLS_LINK ?= static
ifeq ($(TOOLS_LINK),shared)
TOOL_LIB := $(LIBWINTOK_SO)
WTACL_LIB := $(LIBWINTOK_SO)
else ifeq ($(TOOLS_LINK),static)
TOOL_LIB := $(LIBWINTOK_A)
else
$(error TOOLS_LINK is static or shared, not $(TOOLS_LINK))
endif

tools: $(LIBWINTOK_SO)

$(TOOLS_OUT)/bin/%: $(TOP)/tools/%/*.c $(TOOL_UTIL_OBJS) $(TOOL_LIB) $(TOOL_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(PKG_LDFLAGS) -o $@ $(filter %.c,$^) $(TOOL_UTIL_OBJS) \
		$(TOOL_LIB)

# The pattern rule above does not know a tool's own headers.
$(TOOLS_OUT)/bin/wtwhoami: $(wildcard $(TOP)/tools/wtwhoami/*.h)

WTFS_DEPS := $(TOP)/tools/wtfs/wtfs_proto.h $(TOOL_UTIL_OBJS) $(TOOL_LIB) \
	$(TOOL_HEADERS)

$(TOOLS_OUT)/bin/wtfsd: $(TOP)/tools/wtfs/wtfsd.c $(WTFS_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(PKG_LDFLAGS) -o $@ $< $(TOOL_UTIL_OBJS) $(TOOL_LIB) \
		-lpthread

$(TOOLS_OUT)/bin/wtfs: $(TOP)/tools/wtfs/wtfs.c $(WTFS_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(PKG_LDFLAGS) -o $@ $< $(TOOL_UTIL_OBJS) $(TOOL_LIB)

tools: $(LIBWINTOK_A) $(TOOL_BINS)

# Tools on the generic netlink family: libmnl, through tools/lib/wtnl.c.
WTNL_OBJ := $(TOOLS_OUT)/obj/wtnl.o
NL_TOOL_NAMES := wtaudit wtsessions
NL_TOOL_BINS := $(addprefix $(TOOLS_OUT)/bin/,$(NL_TOOL_NAMES))
TOOL_BINS += $(NL_TOOL_BINS)

$(WTNL_OBJ): $(TOP)/tools/lib/wtnl.h

define wt_nl_tool
$(TOOLS_OUT)/bin/$(1): $(TOP)/tools/$(1)/$(1).c $(WTNL_OBJ) $(TOOL_UTIL_OBJS) \
		$(TOOL_LIB) $(TOOL_HEADERS) $(TOP)/tools/lib/wtnl.h
	@mkdir -p $$(dir $$@)
	$$(CC) $$(USER_CFLAGS) $$(PKG_LDFLAGS) -o $$@ $$< $(WTNL_OBJ) $(TOOL_UTIL_OBJS) \
		$(TOOL_LIB) -lmnl
endef
$(foreach t,$(NL_TOOL_NAMES),$(eval $(call wt_nl_tool,$(t))))

tools: $(NL_TOOL_BINS)

# wtpolicy: also asks winbind and SSSD for SIDs (idmap sync), through the
# lookups pam_wintok's sources use (tools/pam_wintok/dir_sid*.c).
WTPOLICY := $(TOOLS_OUT)/bin/wtpolicy
WTPOLICY_SRCS := $(TOP)/tools/wtpolicy/wtpolicy.c $(TOP)/tools/wtpolicy/idmap_sync.c \
	$(TOP)/tools/pam_wintok/dir_sid.c $(TOP)/tools/pam_wintok/dir_sid_winbind.c \
	$(TOP)/tools/pam_wintok/dir_sid_sss.c
TOOL_BINS += $(WTPOLICY)
NL_TOOL_BINS += $(WTPOLICY)

$(WTPOLICY): $(WTPOLICY_SRCS) $(WTNL_OBJ) $(TOOL_UTIL_OBJS) $(TOOL_LIB) $(TOOL_HEADERS) \
		$(TOP)/tools/lib/wtnl.h $(wildcard $(TOP)/tools/wtpolicy/*.h $(TOP)/tools/pam_wintok/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(PAM_WINTOK_CFLAGS) -I$(TOP)/tools/pam_wintok $(PKG_LDFLAGS) -o $@ \
		$(WTPOLICY_SRCS) $(WTNL_OBJ) $(TOOL_UTIL_OBJS) $(TOOL_LIB) -lmnl -lwbclient -lsss_nss_idmap

tools: $(WTPOLICY)

# wtrun authenticates through PAM.
WTRUN := $(TOOLS_OUT)/bin/wtrun
TOOL_BINS += $(WTRUN)

$(WTRUN): $(TOP)/tools/wtrun/wtrun.c $(TOOL_UTIL_OBJS) $(TOOL_LIB) $(TOOL_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(PKG_LDFLAGS) -o $@ $< $(TOOL_UTIL_OBJS) $(TOOL_LIB) -lpam

tools: $(WTRUN)

# pam_wintok, the PAM session module: a shared object PAM loads, with the
# sources of its SIDs (libwbclient, libsss_nss_idmap) and the netlink
# helpers. Built position-independent with libwintok's objects in; only
# the pam_sm_* entry points are exported (pam_wintok.map), so its copy of
# libwintok never stands in for the application's.
PAM_WINTOK := $(TOOLS_OUT)/pam_wintok.so
PAM_WINTOK_SRCS := $(wildcard $(TOP)/tools/pam_wintok/*.c) $(TOP)/tools/lib/wtnl.c
# Debian's build (TOOLS_LINK=shared) links libwintok.so.1 as the tools do.
PAM_WINTOK_LIB := $(if $(filter shared,$(TOOLS_LINK)),$(LIBWINTOK_SO),$(LIBWINTOK_OBJS))
PAM_WINTOK_CFLAGS := $(shell pkg-config --cflags wbclient sss_nss_idmap 2>/dev/null)

$(PAM_WINTOK): $(PAM_WINTOK_SRCS) $(wildcard $(TOP)/tools/pam_wintok/*.h) \
		$(TOP)/tools/pam_wintok/pam_wintok.map $(PAM_WINTOK_LIB) $(TOOL_HEADERS) $(TOP)/tools/lib/wtnl.h
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(PAM_WINTOK_CFLAGS) -fPIC -shared $(PKG_LDFLAGS) \
		-Wl,-z,defs -Wl,--version-script=$(TOP)/tools/pam_wintok/pam_wintok.map -o $@ $(PAM_WINTOK_SRCS) $(PAM_WINTOK_LIB) \
		-lpam -lmnl -lwbclient -lsss_nss_idmap

tools: $(PAM_WINTOK)
