// SPDX-License-Identifier: MIT
#include "inject.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

enum opt_state { OPT_UNKNOWN, OPT_SET, OPT_UNSET };

/* CONFIG_name in the kernel's own configuration (/proc/config.gz, else /boot/config-R;
 * gzopen reads a plain file as it is). */
static enum opt_state kernel_option(const char *name)
{
	char path[300], line[256], set[128], unset[160];
	enum opt_state st = OPT_UNKNOWN;
	struct utsname u;
	gzFile f = gzopen("/proc/config.gz", "r");

	if (!f && !uname(&u)) {
		snprintf(path, sizeof(path), "/boot/config-%s", u.release);
		f = gzopen(path, "r");
	}
	if (!f)
		return OPT_UNKNOWN;
	snprintf(set, sizeof(set), "CONFIG_%s=y", name);
	snprintf(unset, sizeof(unset), "# CONFIG_%s is not set", name);
	st = OPT_UNSET; /* a readable configuration without the line has it off */
	while (gzgets(f, line, sizeof(line))) {
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, set)) {
			st = OPT_SET;
			break;
		}
		if (!strcmp(line, unset))
			break;
	}
	gzclose(f);
	return st;
}

/* Loads `return 0` as fmod_ret on func: the kernel's own verdict on injecting there. */
static int load_fmod_ret(const char *func, char *log, size_t loglen)
{
	/* r0 = 0; exit */
	struct bpf_insn insns[] = {
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
	    {.code = BPF_JMP | BPF_EXIT},
	};
	int id = libbpf_find_vmlinux_btf_id(func, BPF_MODIFY_RETURN);
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_MODIFY_RETURN,
		    .log_buf = log, .log_size = (unsigned)loglen, .log_level = 1);
	int fd;

	if (id < 0)
		return id;
	o.attach_btf_id = (unsigned)id;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "rn_inject_probe", "GPL", insns, 2, &o);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int rn_inject__probe(const char *func, char *why, size_t whylen)
{
	enum opt_state fei = kernel_option("FUNCTION_ERROR_INJECTION");
	char log[1024] = "";
	int ret;

	if (fei == OPT_UNSET) {
		snprintf(why, whylen,
			 "this kernel was built without CONFIG_FUNCTION_ERROR_INJECTION%s, so BPF "
			 "may not change what %s returns (fmod_ret or bpf_override_return)",
			 kernel_option("BPF_KPROBE_OVERRIDE") == OPT_SET
			     ? ""
			     : " and CONFIG_BPF_KPROBE_OVERRIDE",
			 func);
		return -EOPNOTSUPP;
	}
	ret = load_fmod_ret(func, log, sizeof(log));
	if (ret) {
		log[strcspn(log, "\n")] = '\0';
		snprintf(why, whylen, "the kernel refused an fmod_ret program on %s: %s%s%s", func,
			 strerror(-ret), log[0] ? ": " : "", log);
	}
	return ret;
}
