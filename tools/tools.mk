# SPDX-License-Identifier: GPL-2.0
# libwintok and the command-line tools that talk to the module.
TOP ?= $(CURDIR)
BUILD ?= $(TOP)/build
TOOLS_OUT := $(BUILD)/tools
LIBWINTOK_A := $(TOOLS_OUT)/libwintok.a
LIBWINTOK_OBJS := $(TOOLS_OUT)/obj/libwintok.o
TOOL_NAMES := wtinfo wtwhoami
TOOL_BINS := $(addprefix $(TOOLS_OUT)/bin/,$(TOOL_NAMES))
TOOL_HEADERS := $(TOP)/uapi/linux/wintok.h $(TOP)/tools/lib/libwintok.h

$(TOOLS_OUT)/obj/%.o: $(TOP)/tools/lib/%.c $(TOOL_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -fPIC -c -o $@ $<

$(LIBWINTOK_A): $(LIBWINTOK_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(TOOLS_OUT)/bin/%: $(TOP)/tools/%/*.c $(LIBWINTOK_A) $(TOOL_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -o $@ $(filter %.c,$^) $(LIBWINTOK_A)

tools: $(LIBWINTOK_A) $(TOOL_BINS)
