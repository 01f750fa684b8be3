// SPDX-License-Identifier: MIT
/* The flag and value printers against strace 6.1's output for the same numbers. */
#include <criterion/criterion.h>

#include "xlat.h"

static struct rn_strbuf sb;

static void fini(void)
{
	rn_strbuf__free(&sb);
}

TestSuite(unit_xlat, .fini = fini);

static const char *flags(const struct rn_xlat *x, uint64_t v, const char *zero, int want_names)
{
	int n;

	rn_strbuf__reset(&sb);
	n = rn_xlat__print_flags(&sb, x, v, zero);
	cr_expect_eq(n, want_names, "names printed for %#llx: %d", (unsigned long long)v, n);
	return sb.buf;
}

static const char *val(const struct rn_xlat *x, uint64_t v)
{
	rn_strbuf__reset(&sb);
	rn_xlat__print_val(&sb, x, v);
	return sb.buf;
}

static const char *val_d(const struct rn_xlat *x, int64_t v)
{
	rn_strbuf__reset(&sb);
	rn_xlat__print_val_d(&sb, x, v);
	return sb.buf;
}

Test(unit_xlat, flag_sets_print_in_table_order)
{
	cr_assert_str_eq(flags(&rn_xl_mmap_prot, 1 | 2 | 4, NULL, 3),
			 "PROT_READ|PROT_WRITE|PROT_EXEC");
	cr_assert_str_eq(flags(&rn_xl_open_flags, 02000000 | 0100, NULL, 2), "O_CREAT|O_CLOEXEC");
	/* a multi-bit name (O_SYNC = __O_SYNC|O_DSYNC) wins over its parts, as in strace */
	cr_assert_str_eq(flags(&rn_xl_open_flags, 04010000, NULL, 1), "O_SYNC");
}

Test(unit_xlat, unknown_bits_follow_in_hex)
{
	cr_assert_str_eq(flags(&rn_xl_mmap_prot, 1 | 0x100, NULL, 1), "PROT_READ|0x100");
	cr_assert_str_eq(flags(&rn_xl_mmap_prot, 0x100, NULL, 0), "0x100");
	cr_assert_str_eq(flags(&rn_xl_rename_flags, 1ull << 40 | 2, NULL, 1),
			 "RENAME_EXCHANGE|0x10000000000");
}

Test(unit_xlat, zero_prints_its_name_or_0)
{
	cr_assert_str_eq(flags(&rn_xl_mmap_prot, 0, "PROT_NONE", 1), "PROT_NONE");
	cr_assert_str_eq(flags(&rn_xl_access_modes, 0, "F_OK", 1), "F_OK");
	cr_assert_str_eq(flags(&rn_xl_open_flags, 0, NULL, 0), "0");
}

Test(unit_xlat, values_by_name_else_hex_with_the_unknown_comment)
{
	cr_assert_str_eq(val(&rn_xl_seek, 2), "SEEK_END");
	cr_assert_str_eq(val(&rn_xl_seek, 0), "SEEK_SET");
	cr_assert_str_eq(val(&rn_xl_seek, 9), "0x9 /* SEEK_??? */");
	cr_assert_str_eq(val(&rn_xl_open_access, 0), "O_RDONLY");
	/* a table without an unknown comment prints the bare number */
	cr_assert_str_eq(val(&rn_xl_open_flags, 0x5), "0x5");
	cr_assert_str_eq(val(&rn_xl_open_flags, 0), "0");
}

Test(unit_xlat, decimal_values_for_printxval_d)
{
	cr_assert_str_eq(val_d(&rn_xl_rusage_who, -1), "RUSAGE_CHILDREN");
	cr_assert_str_eq(val_d(&rn_xl_rusage_who, 1), "RUSAGE_THREAD");
	cr_assert_str_eq(val_d(&rn_xl_rusage_who, -7), "-7 /* RUSAGE_??? */");
}

Test(unit_xlat, name_lookup)
{
	cr_assert_str_eq(rn_xlat__name(&rn_xl_fcntl_cmds, 1), "F_GETFD");
	cr_assert_null(rn_xlat__name(&rn_xl_fcntl_cmds, 12345));
	cr_assert_str_eq(rn_xlat__name(&rn_xl_rusage_who, (uint64_t)-1), "RUSAGE_CHILDREN");
}
