# renacer: eBPF syscall tracer. `make` builds build/renacerctl; `make test` runs everything.
# Quiet by default; `make V=1` prints full commands.

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= gcc
CLANG   ?= clang
BPFTOOL ?= bpftool
ARCH    := x86

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

WARN     := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes
ifeq ($(CI),true)
WARN     += -Werror
endif
CFLAGS   ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -I$(BUILD)/gen -Ilib -Ibpf
ALL_CFLAGS = $(CFLAGS) $(WARN) -MMD -MP
LDLIBS   := -lbpf -lelf -lz -lprotobuf-c -ljansson

BPF_CFLAGS := -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_$(ARCH) -Ivmlinux -Ibpf -Wall -Wno-unused-function

LIB_SRCS    := $(wildcard lib/*.c)
CLIENT_SRCS := $(wildcard client/*.c)
DAEMON_SRCS := $(wildcard daemon/*.c)
UNIT_SRCS   := $(wildcard tests/unit/*.c)
INTEG_SRCS  := $(wildcard tests/integration/*.c)
FIXTURE_SRCS:= $(wildcard tests/fixtures/*.c)
PROTO_SRCS  := $(wildcard proto/renacer/v1/*.proto)

LIB_OBJS    := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(PROTO_SRCS:proto/%.proto=$(BUILD)/gen/%.pb-c.o)
CLIENT_OBJS := $(CLIENT_SRCS:%.c=$(BUILD)/%.o)
DAEMON_OBJS := $(DAEMON_SRCS:%.c=$(BUILD)/%.o)
TEST_OBJS   := $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(INTEG_SRCS:%.c=$(BUILD)/%.o)
FIXTURES    := $(FIXTURE_SRCS:tests/fixtures/%.c=$(BUILD)/fixtures/%)

LIBRENACER  := $(BUILD)/librenacer.a
SKEL        := $(BUILD)/gen/renacer.skel.h
SYSNAMES    := $(BUILD)/gen/syscall_names.h
PROTO_HDRS  := $(PROTO_SRCS:proto/%.proto=$(BUILD)/gen/%.pb-c.h)
GENERATED   := $(SKEL) $(SYSNAMES) $(PROTO_HDRS)
TESTBIN     := $(BUILD)/tests/renacer-tests

.SECONDARY:
.PHONY: all deps demo test unit bench install uninstall clean format lint vmlinux fixtures
.DEFAULT_GOAL := all

all: $(BUILD)/renacerctl $(BUILD)/renacerd

deps:
	$(Q)./scripts/install-deps.sh

# The README's first command: install, build, and trace a real program (embedded engine).
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(BUILD)/renacerctl trace -- ls -l /

$(SYSNAMES): scripts/gen-syscall-names.sh
	$(call msg,GEN,$@)
	$(Q)mkdir -p $(@D) && ./scripts/gen-syscall-names.sh > $@.tmp && mv $@.tmp $@

$(BUILD)/bpf/%.bpf.o: bpf/%.bpf.c $(wildcard bpf/*.h) vmlinux/vmlinux.h
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D) && $(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/gen/%.skel.h: $(BUILD)/bpf/%.bpf.o
	$(call msg,SKEL,$@)
	$(Q)mkdir -p $(@D) && $(BPFTOOL) gen skeleton $< name $* > $@.tmp && mv $@.tmp $@

# Both outputs come from one protoc-c run (a multi-target pattern rule is grouped).
$(BUILD)/gen/%.pb-c.c $(BUILD)/gen/%.pb-c.h: proto/%.proto
	$(call msg,PROTOC,$<)
	$(Q)mkdir -p $(BUILD)/gen && protoc-c --c_out=$(BUILD)/gen --proto_path=proto $<

$(BUILD)/gen/%.pb-c.o: $(BUILD)/gen/%.pb-c.c | $(GENERATED)
	$(call msg,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

# Generated headers must exist before any C file is compiled; -MMD tracks the rest.
$(BUILD)/%.o: %.c | $(GENERATED)
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIBRENACER): $(LIB_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/renacerctl: $(CLIENT_OBJS) $(LIBRENACER)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/renacerd: $(DAEMON_OBJS) $(LIBRENACER)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lsystemd

$(BUILD)/fixtures/%: tests/fixtures/%.c
	$(call msg,FIXTURE,$@)
	$(Q)mkdir -p $(@D) && $(CC) -O1 -g -Wall -o $@ $< -lpthread

fixtures: $(FIXTURES)

$(TESTBIN): $(TEST_OBJS) $(LIBRENACER)
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) -o $@ $^ -lcriterion $(LDLIBS) -lpthread

# One Criterion binary holds unit and integration tests, so one summary line reports all.
test: deps
	$(Q)$(MAKE) --no-print-directory all $(TESTBIN) fixtures
	$(Q)RENACER_BUILD=$(abspath $(BUILD)) $(TESTBIN) $(TEST_ARGS)

unit: all $(TESTBIN)
	$(Q)RENACER_BUILD=$(abspath $(BUILD)) $(TESTBIN) --filter='unit_*/*' $(TEST_ARGS)

bench: deps all fixtures
	$(Q)./tests/bench/run.sh $(BUILD)

vmlinux:
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > vmlinux/vmlinux.h

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BUILD)/renacerctl $(DESTDIR)$(PREFIX)/bin/renacerctl

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/renacerctl

FORMAT_SRCS = $(shell git ls-files '*.c' '*.h' | grep -v '^vmlinux/')

format:
	clang-format -i $(FORMAT_SRCS)

lint:
	clang-format --dry-run --Werror $(FORMAT_SRCS)
	$(MAKE) --no-print-directory CI=true all $(TESTBIN)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
