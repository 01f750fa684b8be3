// SPDX-License-Identifier: MIT
/*
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub actions' reporters): one
 * <testsuite>, a <testcase> per assertion, <failure> with the evidence for an enforced
 * violation, <skipped> for a disabled assertion; a warning passes and says so in
 * <system-out>. Text is escaped for XML 1.0, which cannot hold most control characters
 * at all (they become '?'), and bytes that are not UTF-8 become '?' too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_report.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

static void esc(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	while (*s) {
		size_t n = utf8_len(s);

		if (!n) {
			fputc('?', out);
			s++;
			continue;
		}
		if (n > 1) {
			fwrite(s, 1, n, out);
			s += n;
			continue;
		}
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		case '\t':
		case '\n':
		case '\r':
			fputc(*s, out);
			break;
		default:
			fputc(*s < 0x20 || *s == 0x7f ? '?' : *s, out);
		}
		s++;
	}
}

/* The measures line as a string, for an attribute. */
static char *measures(const struct rn_assert_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return NULL;
	rn_assert_report__measures(m, r);
	if (fclose(m)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void evidence(FILE *out, const struct rn_assert_result *r)
{
	esc(out, r->evidence);
	for (unsigned k = 0; k < r->nids; k++)
		fprintf(out, "%s%llu", k ? ", " : "\nevent ids: ", (unsigned long long)r->ids[k]);
}

int rn_assert_report__junit(const struct rn_checker *c, FILE *out, const char *suite)
{
	unsigned counts[4];

	rn_assert_report__counts(c, counts);
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(out, "<testsuites tests=\"%zu\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n",
		rn_checker__count(c), counts[RN_FAIL], counts[RN_SKIPPED]);
	fprintf(out, "  <testsuite name=\"");
	esc(out, suite);
	fprintf(out, "\" tests=\"%zu\" failures=\"%u\" errors=\"0\" skipped=\"%u\" time=\"0\">\n",
		rn_checker__count(c), counts[RN_FAIL], counts[RN_SKIPPED]);
	for (size_t i = 0; i < rn_checker__count(c); i++) {
		const struct rn_assert_result *r = rn_checker__result(c, i);
		char *m = measures(r);

		if (!m)
			return -ENOMEM;
		fprintf(out, "    <testcase name=\"");
		esc(out, r->a->name);
		fprintf(out, "\" classname=\"renacer.%s\" time=\"0\">\n",
			rn_assert_type__name(r->a->type));
		switch (r->verdict) {
		case RN_SKIPPED:
			fprintf(out, "      <skipped message=\"disabled (enabled = false)\"/>\n");
			break;
		case RN_FAIL:
			fprintf(out, "      <failure type=\"%s\" message=\"",
				rn_assert_type__name(r->a->type));
			esc(out, m);
			fprintf(out, "\">");
			evidence(out, r);
			fprintf(out, "</failure>\n");
			break;
		case RN_WARN:
			fprintf(out, "      <system-out>WARN (not enforced): ");
			esc(out, m);
			fprintf(out, "\n");
			evidence(out, r);
			fprintf(out, "</system-out>\n");
			break;
		case RN_PASS:
			fprintf(out, "      <system-out>");
			esc(out, m);
			fprintf(out, "</system-out>\n");
			break;
		}
		fprintf(out, "    </testcase>\n");
		free(m);
	}
	fprintf(out, "  </testsuite>\n</testsuites>\n");
	return ferror(out) ? -EIO : 0;
}

int rn_assert_report__junit_error(FILE *out, const char *suite, const char *what)
{
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(out, "<testsuites tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n");
	fprintf(out, "  <testsuite name=\"");
	esc(out, suite);
	fprintf(out, "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n");
	fprintf(out, "    <testcase name=\"renacer check\" classname=\"renacer.check\" "
		     "time=\"0\">\n      <error message=\"");
	esc(out, what);
	fprintf(out, "\"/>\n    </testcase>\n  </testsuite>\n</testsuites>\n");
	return ferror(out) ? -EIO : 0;
}
