// SPDX-License-Identifier: MIT
/* -e inject=: refused with the reason, never accepted and ignored (docs/cli.md). */
#include "trace_inject.h"

#include <errno.h>
#include <stdio.h>

#include "inject.h"
#include "injectspec.h"
#include "report.h"
#include "systable.h"

int tracer__inject_opt(const char *expr)
{
	struct rn_injectspec in;
	char err[512] = "", func[96];
	const char *name;
	int ret = rn_injectspec__parse(&in, expr, err, sizeof(err));

	if (ret) {
		rn_cli__error(NULL, NULL, "%s", err[0] ? err : "invalid -e inject= argument");
		return ret;
	}
	name = rn_syscall__name(rn_injectspec__first_nr(&in));
	snprintf(func, sizeof(func), "__x64_sys_%s", name ? name : "openat");
	ret = rn_inject__probe(func, err, sizeof(err));
	if (ret) {
		rn_cli__error(
		    NULL,
		    "strace -e inject= fails calls through ptrace; renacer needs a kernel "
		    "built with CONFIG_FUNCTION_ERROR_INJECTION=y",
		    "cannot inject faults (-e %s): %s", expr, err);
		return ret;
	}
	rn_cli__error(NULL, "use strace -e inject= for this run",
		      "cannot inject faults (-e %s): renacer does not inject faults yet, though "
		      "this kernel would let it (an fmod_ret program on %s loads)",
		      expr, func);
	return -EOPNOTSUPP;
}
