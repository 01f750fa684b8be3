/* SPDX-License-Identifier: MIT */
/* lib/export/otlp_conf.c: endpoints, headers and OTEL_* variables, refused at start. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "otlp_conf.h"

static void clear_env(void)
{
	static const char *const names[] = {
	    "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
	    "OTEL_EXPORTER_OTLP_HEADERS",  "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
	    "OTEL_EXPORTER_OTLP_TIMEOUT",  "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
	    "OTEL_SERVICE_NAME",	   "OTEL_RESOURCE_ATTRIBUTES"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unsetenv(names[i]);
}

TestSuite(unit_otlp_conf, .init = clear_env, .fini = clear_env);

static void endpoint_ok(const char *url, const char *target, bool tls)
{
	char t[128], err[256] = "";
	bool got_tls;

	cr_assert_eq(rn_otlp_endpoint__parse(url, t, sizeof(t), &got_tls, err, sizeof(err)), 0,
		     "%s: %s", url, err);
	cr_assert_str_eq(t, target, "%s", url);
	cr_assert_eq(got_tls, tls, "%s", url);
}

static void endpoint_bad(const char *url, const char *says)
{
	char t[128], err[256] = "";
	bool tls;

	cr_assert_eq(rn_otlp_endpoint__parse(url, t, sizeof(t), &tls, err, sizeof(err)), -EINVAL,
		     "%s accepted", url);
	cr_assert(strstr(err, url), "the message names the endpoint: %s", err);
	cr_assert(strstr(err, says), "%s: %s", url, err);
}

Test(unit_otlp_conf, endpoints_give_a_grpc_target_and_tls_by_scheme)
{
	endpoint_ok("http://localhost:4317", "localhost:4317", false);
	endpoint_ok("http://127.0.0.1", "127.0.0.1:4317", false);
	endpoint_ok("https://otel.example.com:443/", "otel.example.com:443", true);
	endpoint_ok("http://[::1]:5000", "[::1]:5000", false);
}

Test(unit_otlp_conf, malformed_endpoints_are_refused_naming_the_fix)
{
	endpoint_bad("localhost:4317", "needs a scheme");
	endpoint_bad("grpc://localhost:4317", "needs a scheme");
	endpoint_bad("http://localhost:0", "port must be a number");
	endpoint_bad("http://localhost:99999", "port must be a number");
	endpoint_bad("http://localhost:43x7", "port must be a number");
	endpoint_bad("http://localhost:4318/v1/traces", "takes no path");
	endpoint_bad("http://", "no valid host");
	endpoint_bad("http://a b:4317", "no valid host");
	endpoint_bad("http://[::1:4317", "unclosed");
}

Test(unit_otlp_conf, the_command_line_wins_over_the_environment)
{
	struct rn_otlp_conf c;
	char err[512];

	setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://envhost:1111", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, "http://cli:2222", err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(c.target, "cli:2222");
	cr_assert_eq(rn_otlp_conf__init(&c, NULL, err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(c.target, "envhost:1111");
	setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces:3333", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, NULL, err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(c.target, "traces:3333");
	cr_assert(c.tls);
	clear_env();
	cr_assert_eq(rn_otlp_conf__init(&c, NULL, err, sizeof(err)), -ENOENT);
	cr_assert(strstr(err, "--otlp") && strstr(err, "OTEL_EXPORTER_OTLP_ENDPOINT"), "%s", err);
}

Test(unit_otlp_conf, a_bad_endpoint_in_the_environment_is_named)
{
	struct rn_otlp_conf c;
	char err[512];

	setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, NULL, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "collector:4317") && strstr(err, "OTEL_EXPORTER_OTLP_ENDPOINT"), "%s",
		  err);
}

Test(unit_otlp_conf, headers_are_decoded_lowercased_and_checked)
{
	struct rn_otlp_conf c;
	char err[512];

	setenv("OTEL_EXPORTER_OTLP_HEADERS", "Api-Key=s%3Dcret, x-tenant = blue ,", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, "http://h", err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(c.nheaders, 2);
	cr_assert_str_eq(c.headers[0].key, "api-key");
	cr_assert_str_eq(c.headers[0].value, "s=cret");
	cr_assert_str_eq(c.headers[1].key, "x-tenant");
	cr_assert_str_eq(c.headers[1].value, "blue");
	cr_assert_eq(rn_otlp_conf__add_header(&c, "x-more=1", err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(c.nheaders, 3);
	cr_assert_eq(rn_otlp_conf__add_header(&c, "novalue", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "--otlp-header") && strstr(err, "novalue"), "%s", err);
	cr_assert_eq(rn_otlp_conf__add_header(&c, "grpc-timeout=1", err, sizeof(err)), -EINVAL);
	cr_assert_eq(rn_otlp_conf__add_header(&c, "k=%zz", err, sizeof(err)), -EINVAL);
	setenv("OTEL_EXPORTER_OTLP_HEADERS", "a=b,broken", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, "http://h", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "OTEL_EXPORTER_OTLP_HEADERS") && strstr(err, "'broken'"), "%s", err);
}

Test(unit_otlp_conf, timeout_service_name_and_resource_attributes)
{
	struct rn_otlp_conf c;
	char err[512];

	setenv("OTEL_EXPORTER_OTLP_TIMEOUT", "2500", 1);
	setenv("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs,deployment.environment=prod",
	       1);
	cr_assert_eq(rn_otlp_conf__init(&c, "http://h", err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(c.timeout_ns, 2500ull * 1000000);
	cr_assert_eq(c.nresource, 2);
	cr_assert_str_eq(c.service_name, "from-attrs");
	setenv("OTEL_SERVICE_NAME", "from-name", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, "http://h", err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(c.service_name, "from-name", "OTEL_SERVICE_NAME wins");
	setenv("OTEL_EXPORTER_OTLP_TIMEOUT", "10s", 1);
	cr_assert_eq(rn_otlp_conf__init(&c, "http://h", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "OTEL_EXPORTER_OTLP_TIMEOUT='10s'") && strstr(err, "milliseconds"),
		  "%s", err);
}
