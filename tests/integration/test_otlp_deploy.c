// SPDX-License-Identifier: MIT
/*
 * deploy/: what can be checked without containers. Every YAML file parses (PyYAML, every
 * document), and the renacerd DaemonSet asks for exactly the capabilities the systemd
 * unit keeps (CapabilityBoundingSet), so the two cannot drift apart.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "integ.h"

TestSuite(integ_otlp_deploy, .init = integ_setup_dir, .fini = integ_teardown, .timeout = 60);

static const char check_py[] =
    "import glob, os, re, sys, yaml\n"
    "root = sys.argv[1]\n"
    "files = sorted(glob.glob(os.path.join(root, 'deploy', '**', '*.y*ml'), recursive=True))\n"
    "assert files, 'no YAML files under deploy/'\n"
    "docs = {}\n"
    "for f in files:\n"
    "    with open(f) as fh:\n"
    "        docs[f] = [d for d in yaml.safe_load_all(fh) if d is not None]\n"
    "    assert docs[f], f + ' holds no document'\n"
    "    print('parsed', os.path.relpath(f, root))\n"
    "ds = [d for ds in docs.values() for d in ds if isinstance(d, dict) and "
    "d.get('kind') == 'DaemonSet']\n"
    "assert len(ds) == 1, 'one DaemonSet expected, found %d' % len(ds)\n"
    "spec = ds[0]['spec']['template']['spec']\n"
    "assert spec.get('hostPID') is True, 'the DaemonSet needs hostPID'\n"
    "sc = spec['containers'][0]['securityContext']\n"
    "add = set(sc['capabilities']['add'])\n"
    "assert sc['capabilities']['drop'] == ['ALL'], 'drop ALL first'\n"
    "assert not sc.get('privileged'), 'never privileged'\n"
    "unit = open(os.path.join(root, 'systemd', 'renacerd.service')).read()\n"
    "m = re.search(r'^CapabilityBoundingSet=(.*)$', unit, re.M)\n"
    "want = {c[len('CAP_'):] for c in m.group(1).split()}\n"
    "assert add == want, 'DaemonSet adds %s, the unit keeps %s' % (sorted(add), "
    "sorted(want))\n"
    "print('capabilities', ' '.join(sorted(add)))\n";

/* The source tree: the cwd, or above the build folder. */
static void source_root(char *buf, size_t len)
{
	static const char *const up[] = {"", "/..", "/../.."};
	struct stat st;
	size_t i;

	for (i = 0; i < 3; i++) {
		char *probe = NULL;
		bool found;

		snprintf(buf, len, "%s%s", i ? integ_build() : ".", i ? up[i] : "");
		if (asprintf(&probe, "%s/deploy/otel/collector.yaml", buf) < 0)
			cr_assert_fail("out of memory");
		found = !stat(probe, &st);
		free(probe);
		if (found)
			return;
	}
	cr_assert_fail("deploy/ not found from the cwd or the build folder");
}

Test(integ_otlp_deploy, every_yaml_parses_and_the_daemonset_keeps_the_units_capabilities)
{
	char root[PATH_MAX], script[PATH_MAX];
	struct integ_run r;

	source_root(root, sizeof(root));
	integ_path(script, sizeof(script), "check.py");
	cr_assert_eq(integ_write_file(script, check_py), 0);
	{
		char *const argv[] = {"python3", script, root, NULL};

		integ_run(argv, NULL, 30, &r);
	}
	if (strstr(r.err, "No module named 'yaml'"))
		integ_unavailable("python3-yaml is not installed (scripts/install-deps.sh)");
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "parsed deploy/otel/collector.yaml"), "%s", r.out);
	cr_assert(strstr(r.out, "parsed deploy/k8s/renacerd.yaml"), "%s", r.out);
	cr_assert(strstr(r.out, "capabilities BPF CHOWN PERFMON"), "%s", r.out);
	integ_run__free(&r);
}
