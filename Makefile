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
# lib/ is in folders that are the pipeline (docs/architecture.md); each is on the include path
LIB_DIRS := util engine symbol decode model formats analysis export
CPPFLAGS += -D_GNU_SOURCE -I$(BUILD)/gen $(LIB_DIRS:%=-Ilib/%) -Ibpf
ALL_CFLAGS = $(CFLAGS) $(WARN) -MMD -MP
# Link flags apart from compile flags: the sanitizer build sets both, a user may set either.
LDFLAGS  ?=
# gRPC C core carries OTLP (lib/export/); it is dlopen'ed at the first OTLP call
# (lib/export/otlp_grpc_dl.c): linked, its ~60 libraries cost every start 10-30 ms
GRPC_SONAME := $(shell objdump -p $$($(CC) -print-file-name=libgrpc.so) 2>/dev/null | awk '/SONAME/{print $$2}')
$(BUILD)/lib/export/otlp_grpc_dl.o: CPPFLAGS += -DRN_GRPC_SONAME='"$(or $(GRPC_SONAME),libgrpc.so)"'
# libiberty: the symbolizer's demangler (C++, Rust legacy and v0; lib/symbol/symbol_resolve.c)
LDLIBS   := -lbpf -ldw -lelf -lz -lzstd -lprotobuf-c -ljansson -ldl -lpthread -liberty
# renacerctl takes these in as archives when they are installed (scripts/install-deps.sh): the
# dynamic loader's relocations of ten libraries were ~5 ms of every start (docs/performance.md)
CTL_STATIC   := bpf dw elf z zstd protobuf-c jansson lzma bz2 iberty
CTL_ARCHIVES := $(foreach l,$(CTL_STATIC),$(shell $(CC) -print-file-name=lib$(l).a))
CTL_LDLIBS   := $(if $(filter lib%.a,$(CTL_ARCHIVES)),$(LDLIBS),\
	-Wl,-Bstatic $(CTL_STATIC:%=-l%) -Wl,-Bdynamic -ldl -lpthread)

BPF_CFLAGS := -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_$(ARCH) -Ivmlinux -Ibpf -Wall -Wno-unused-function

LIB_SRCS    := $(foreach d,$(LIB_DIRS),$(wildcard lib/$(d)/*.c))
CLIENT_SRCS := $(wildcard client/*.c)
DAEMON_SRCS := $(wildcard daemon/*.c)
UNIT_SRCS   := $(wildcard tests/unit/*.c)
INTEG_SRCS  := $(wildcard tests/integration/*.c)
FIXTURE_SRCS:= $(wildcard tests/fixtures/*.c) $(wildcard tests/fixtures/equivalence/*.c)
# proto/opentelemetry: the OTLP subset lib/export/ sends (one folder per package, as upstream)
PROTO_SRCS  := $(wildcard proto/renacer/v1/*.proto) \
	       $(shell find proto/opentelemetry -name '*.proto' 2>/dev/null | sort)

LIB_OBJS    := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(PROTO_SRCS:proto/%.proto=$(BUILD)/gen/%.pb-c.o)
CLIENT_OBJS := $(CLIENT_SRCS:%.c=$(BUILD)/%.o)
DAEMON_OBJS := $(DAEMON_SRCS:%.c=$(BUILD)/%.o)
TEST_OBJS   := $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(INTEG_SRCS:%.c=$(BUILD)/%.o)
FIXTURES    := $(FIXTURE_SRCS:tests/fixtures/%.c=$(BUILD)/fixtures/%)

LIBRENACER  := $(BUILD)/librenacer.a
SKEL        := $(BUILD)/gen/renacer.skel.h $(BUILD)/gen/renacer_stacks.skel.h \
	       $(BUILD)/gen/aggregate.skel.h
SYSNAMES    := $(BUILD)/gen/syscall_names.h
SYSNAMES32  := $(BUILD)/gen/syscall_names_32.h
PROTO_HDRS  := $(PROTO_SRCS:proto/%.proto=$(BUILD)/gen/%.pb-c.h)
GENERATED   := $(SKEL) $(SYSNAMES) $(SYSNAMES32) $(PROTO_HDRS)
TESTBIN     := $(BUILD)/tests/renacer-tests

.SECONDARY:
.PHONY: all deps demo test unit bench install uninstall clean format lint vmlinux fixtures sanitize
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

$(SYSNAMES32): scripts/gen-syscall-names.sh
	$(call msg,GEN,$@)
	$(Q)mkdir -p $(@D) && ./scripts/gen-syscall-names.sh \
		/usr/include/x86_64-linux-gnu/asm/unistd_32.h rn_syscall_names_32 > $@.tmp && \
		mv $@.tmp $@

$(BUILD)/bpf/%.bpf.o: bpf/%.bpf.c $(wildcard bpf/*.h) vmlinux/vmlinux.h
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D) && $(CLANG) $(BPF_CFLAGS) -c $< -o $@

# renacer.bpf.c again with its stack code (--source, -k; it needs Linux 6.7): an object apart,
# so the default one loads on older kernels
$(BUILD)/bpf/renacer_stacks.bpf.o: bpf/renacer.bpf.c $(wildcard bpf/*.h) vmlinux/vmlinux.h
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D) && $(CLANG) $(BPF_CFLAGS) -DRN_STACKS -c $< -o $@

$(BUILD)/gen/%.skel.h: $(BUILD)/bpf/%.bpf.o Makefile
	$(call msg,SKEL,$@)
	$(Q)mkdir -p $(@D) && $(BPFTOOL) gen skeleton -L $< name $* > $@.tmp && \
	echo "#define SKEL_ID_$* \"$$(sha256sum $@.tmp | cut -c1-16)\" /* pins (lib/engine/pin.h) */" >> $@.tmp && \
	mv $@.tmp $@

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
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CTL_LDLIBS)

$(BUILD)/renacerd: $(DAEMON_OBJS) $(LIBRENACER)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lsystemd

$(BUILD)/fixtures/%: tests/fixtures/%.c
	$(call msg,FIXTURE,$@)
	$(Q)mkdir -p $(@D) && $(CC) -O1 -g -Wall -o $@ $< -lpthread

# trace --source, -k (tests/integration/test_source.c): one program at -O0 and -O2, PIE and
# not, through a shared library of its own, and a Rust one (docs/stacks.md)
SRC_DIR      := tests/fixtures/src_stacks
SRC_VARIANTS := O0 O2 O0_nopie O2_nopie
SRC_FIXTURES := $(SRC_VARIANTS:%=$(BUILD)/fixtures/src_sites_%) $(BUILD)/fixtures/src_rust \
		$(BUILD)/fixtures/src_swap $(BUILD)/fixtures/libsrcswapa.so \
		$(BUILD)/fixtures/libsrcswapb.so
SRC_CFLAGS_O0 := -O0
SRC_CFLAGS_O2 := -O2
SRC_CFLAGS_O0_nopie := -O0 -fno-pie -no-pie
SRC_CFLAGS_O2_nopie := -O2 -fno-pie -no-pie

$(BUILD)/fixtures/libsrcstacks.so: $(SRC_DIR)/lib.c $(SRC_DIR)/lib.h
	$(call msg,FIXTURE,$@)
	$(Q)mkdir -p $(@D) && $(CC) -O2 -g -fPIC -shared -Wall -o $@ $<

$(BUILD)/fixtures/src_sites_%: $(SRC_DIR)/sites.c $(SRC_DIR)/lib.h $(BUILD)/fixtures/libsrcstacks.so
	$(call msg,FIXTURE,$@)
	$(Q)$(CC) $(SRC_CFLAGS_$*) -g -Wall -o $@ $< -L$(@D) -lsrcstacks -Wl,-rpath,'$$ORIGIN'

# a library closed and another of the same shape opened in its place (mappings resent)
$(BUILD)/fixtures/libsrcswap%.so: $(SRC_DIR)/swap_%.c
	$(call msg,FIXTURE,$@)
	$(Q)mkdir -p $(@D) && $(CC) -O0 -g -fPIC -shared -Wall -o $@ $<

$(BUILD)/fixtures/src_swap: $(SRC_DIR)/swap.c
	$(call msg,FIXTURE,$@)
	$(Q)mkdir -p $(@D) && $(CC) -O0 -g -Wall -o $@ $< -ldl

$(BUILD)/fixtures/src_rust: $(SRC_DIR)/rust.rs
	$(call msg,RUSTC,$@)
	$(Q)mkdir -p $(@D) && rustc -g -C opt-level=0 -o $@ $<

fixtures: $(FIXTURES) $(SRC_FIXTURES)

$(TESTBIN): $(TEST_OBJS) $(LIBRENACER)
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lcriterion $(LDLIBS) -lpthread

# One Criterion binary holds unit and integration tests, so one summary line reports all.
test: deps
	$(Q)$(MAKE) --no-print-directory all $(TESTBIN) fixtures
	$(Q)RENACER_BUILD=$(abspath $(BUILD)) $(TESTBIN) $(TEST_ARGS)

# The whole suite again, everything built with ASan+UBSan in its own folder (BPF tests included).
# Any report fails the run: UBSan does not recover, ASan aborts, LeakSanitizer checks every exit.
SAN_BUILD  := $(BUILD)/san
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer $(SAN_FLAGS)
SAN_LDFLAGS := $(SAN_FLAGS)
sanitize: deps
	$(Q)$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) CFLAGS="$(SAN_CFLAGS)" LDFLAGS="$(SAN_LDFLAGS)" all $(SAN_BUILD)/tests/renacer-tests fixtures
	$(Q)ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp) \
		RENACER_BUILD=$(abspath $(SAN_BUILD)) $(SAN_BUILD)/tests/renacer-tests $(TEST_ARGS)

unit: all $(TESTBIN)
	$(Q)RENACER_BUILD=$(abspath $(BUILD)) $(TESTBIN) --filter='unit_*/*' $(TEST_ARGS)

bench: deps all fixtures $(BUILD)/bench/empty_probe
	$(Q)./tests/bench/run.sh $(BUILD)

# The bench's floor: do-nothing programs on the same two tracepoints.
$(BUILD)/bench/empty_probe: tests/bench/empty_probe.c $(BUILD)/gen/empty.skel.h
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $<

# The grace periods of a tracepoint's attach and detach (docs/performance.md, session 8).
$(BUILD)/bench/tp_grace: tests/bench/tp_grace.c $(LIBRENACER)
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# libFuzzer targets, one per reader of untrusted bytes (tests/fuzz/fuzz_NAME.c). `make fuzz` builds
# them and runs each for FUZZ_SECONDS on a copy of its seed corpus (tests/fuzz/corpus/NAME/);
# crashes are left in $(BUILD)/fuzz/NAME-crash-* and fail the run.
FUZZ_CFLAGS  := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZERS      := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
# What each target links besides its own file (a target may stub what it leaves out).
FUZZ_LINK_frame := lib/util/frame.c lib/util/strbuf.c lib/util/hmap.c daemon/server.c daemon/session.c \
		   daemon/client.c \
		   daemon/auth.c $(BUILD)/gen/renacer/v1/control.pb-c.c
FUZZ_TOML       := lib/util/toml.c lib/util/toml_lex.c lib/util/toml_tree.c
FUZZ_LINK_toml  := $(FUZZ_TOML) lib/util/strbuf.c lib/util/error.c
FUZZ_LINK_assert := $(wildcard lib/analysis/assert*.c) lib/analysis/junit.c lib/model/critpath.c \
		   $(FUZZ_TOML) lib/util/strbuf.c lib/util/error.c lib/util/hmap.c \
		   lib/decode/filter.c lib/decode/filter_syscall.c lib/decode/classes.c lib/decode/systable.c lib/decode/errnames.c
FUZZ_TRACE      := lib/model/trace.c $(filter-out lib/formats/perfetto.c,$(wildcard lib/formats/*.c)) \
		   lib/util/zstream.c lib/util/strbuf.c lib/util/hmap.c lib/util/utf8.c lib/util/json_out.c lib/util/error.c lib/decode/errnames.c \
		   $(BUILD)/gen/renacer/v1/trace.pb-c.c
FUZZ_LINK_json  := $(FUZZ_TRACE)
FUZZ_LINK_jsonl := $(FUZZ_TRACE)
FUZZ_LINK_rnt   := $(FUZZ_TRACE)
FUZZ_LINK_netlink := lib/decode/format_netlink.c lib/decode/format_netlink_msg.c lib/decode/format_netlink_tables.c lib/decode/format_netlink_diag.c lib/decode/format_common.c lib/decode/format_signal.c lib/decode/xlat.c \
		   lib/decode/xlat_netlink.c lib/decode/errnames.c lib/util/strbuf.c \
		   lib/decode/fdpaths.c lib/decode/fdsock.c lib/engine/event.c lib/decode/systable.c
FUZZ_LINK_syscall := $(filter-out lib/decode/filter%.c lib/decode/injectspec.c lib/decode/summary.c \
		     lib/decode/textout.c,$(wildcard lib/decode/*.c)) lib/util/strbuf.c lib/engine/event.c
FUZZ_LIBS       := -lprotobuf-c -ljansson -lzstd -lz

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZERS)

fuzz: deps
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)for n in $(FUZZ_NAMES); do \
		rm -rf $(BUILD)/fuzz/corpus-$$n && mkdir -p $(BUILD)/fuzz/corpus-$$n && \
		if [ -d tests/fuzz/corpus/$$n ]; then cp tests/fuzz/corpus/$$n/* $(BUILD)/fuzz/corpus-$$n/; fi; \
		echo "  FUZZ     $$n for $(FUZZ_SECONDS) s"; \
		$(BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=$(BUILD)/fuzz/$$n- -print_final_stats=1 \
			$(BUILD)/fuzz/corpus-$$n 2>$(BUILD)/fuzz/$$n.log || \
			{ tail -40 $(BUILD)/fuzz/$$n.log; echo "fuzz_$$n failed: $(BUILD)/fuzz/$$n.log"; exit 1; }; \
		grep -E '^stat::number_of_executed_units|^Done' $(BUILD)/fuzz/$$n.log | tr '\n' ' '; echo; \
	done

.SECONDEXPANSION:
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(FUZZ_LINK_$$*) $(wildcard lib/*/*.h daemon/*.h) | $(GENERATED)
	$(call msg,FUZZ,$@)
	$(Q)mkdir -p $(@D) && $(CLANG) $(FUZZ_CFLAGS) $(CPPFLAGS) -Idaemon $< $(FUZZ_LINK_$*) -o $@ $(FUZZ_LIBS)

vmlinux:
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > vmlinux/vmlinux.h

# $(PREFIX)/lib/systemd/system is on systemd's unit path for /usr and /usr/local alike.
UNITDIR   ?= $(PREFIX)/lib/systemd/system
CONFDIR   ?= /etc/renacer

# The unit names /usr/local/sbin/renacerd; it is rewritten for another PREFIX. An existing
# config is the admin's: never overwritten. The group is made only on a real install.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(CONFDIR)
	install -m 0755 $(BUILD)/renacerctl $(DESTDIR)$(PREFIX)/bin/renacerctl
	install -m 0755 $(BUILD)/renacerd $(DESTDIR)$(PREFIX)/sbin/renacerd
	sed 's|^ExecStart=/usr/local/sbin/renacerd|ExecStart=$(PREFIX)/sbin/renacerd|' \
		systemd/renacerd.service > $(BUILD)/renacerd.service
	install -m 0644 $(BUILD)/renacerd.service $(DESTDIR)$(UNITDIR)/renacerd.service
	test -e $(DESTDIR)$(CONFDIR)/renacerd.toml || \
		install -m 0644 deploy/renacerd.toml $(DESTDIR)$(CONFDIR)/renacerd.toml
	$(Q)if [ -z "$(DESTDIR)" ] && ! getent group renacer >/dev/null; then \
		echo groupadd --system renacer; groupadd --system renacer; fi
	$(Q)if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi

# Keeps an edited config and the group (files may still belong to it).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/renacerctl $(DESTDIR)$(PREFIX)/sbin/renacerd \
		$(DESTDIR)$(UNITDIR)/renacerd.service
	$(Q)if cmp -s deploy/renacerd.toml $(DESTDIR)$(CONFDIR)/renacerd.toml; then \
		echo rm -f $(DESTDIR)$(CONFDIR)/renacerd.toml; \
		rm -f $(DESTDIR)$(CONFDIR)/renacerd.toml; \
		rmdir $(DESTDIR)$(CONFDIR) 2>/dev/null || true; fi
	$(Q)if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi

FORMAT_SRCS = $(shell git ls-files '*.c' '*.h' | grep -v '^vmlinux/')

format:
	clang-format -i $(FORMAT_SRCS)

lint:
	clang-format --dry-run --Werror $(FORMAT_SRCS)
	$(MAKE) --no-print-directory CI=true all $(TESTBIN)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -path $(SAN_BUILD) -prune -o -name '*.d' -print 2>/dev/null)
