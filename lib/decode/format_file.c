// SPDX-License-Identifier: MIT
/* Files: open flags, stat/statx/statfs, directory entries and fcntl (ioctl: format_ioctl.c). */
#include "format_int.h"

#include "xlat.h"

static void put_fmode(struct rn_strbuf *sb, uint32_t mode)
{
	static const char *const types[16] = {
	    [1] = "S_IFIFO", [2] = "S_IFCHR",  [4] = "S_IFDIR",	  [6] = "S_IFBLK",
	    [8] = "S_IFREG", [10] = "S_IFLNK", [12] = "S_IFSOCK",
	};
	const char *t = types[(mode >> 12) & 15];

	if (t) {
		rn_strbuf__puts(sb, t);
		rn_strbuf__putc(sb, '|');
	} else if (mode & 0170000) {
		rn_strbuf__append_oct(sb, mode & 0170000);
		rn_strbuf__putc(sb, '|');
	}
	if (mode & 04000)
		rn_strbuf__puts(sb, "S_ISUID|");
	if (mode & 02000)
		rn_strbuf__puts(sb, "S_ISGID|");
	if (mode & 01000)
		rn_strbuf__puts(sb, "S_ISVTX|");
	rn_fmt__put_mode(sb, mode & 0777);
}

void rn_fmt__put_oflags(struct rn_strbuf *sb, uint32_t v)
{
	rn_xlat__print_val(sb, &rn_xl_open_access, v & 3);
	if (v & ~3u) {
		rn_strbuf__putc(sb, '|');
		rn_xlat__print_flags(sb, &rn_xl_open_flags, v & ~3u, NULL);
	}
}

int rn_fmt__arg_fmode(struct ctx *c, unsigned i)
{
	put_fmode(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_oflags(struct ctx *c, unsigned i)
{
	rn_fmt__put_oflags(c->sb, (uint32_t)c->a[i]);
	return CONT;
}

int rn_fmt__arg_stat(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 144, true);
	uint32_t mode;

	if (!p)
		return CONT;
	mode = get_u32(p, 24);
	PUTS("{st_mode=");
	put_fmode(c->sb, mode);
	if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
		uint64_t d = get_u64(p, 40);
		unsigned maj = (unsigned)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
		unsigned min = (unsigned)((d & 0xff) | ((d >> 12) & ~0xffull));

		PUTS(", st_rdev=makedev(");
		rn_fmt__put_hex0(c->sb, maj);
		PUTS(", ");
		rn_fmt__put_hex0(c->sb, min);
		PUTC(')');
	} else {
		PUTS(", st_size=");
		rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 48));
	}
	PUTS(", ...}");
	return CONT;
}

int rn_fmt__arg_statx(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 256, true);

	if (!p)
		return CONT;
	PUTS("{stx_mask=");
	rn_xlat__print_flags(c->sb, &rn_xl_statx_mask, get_u32(p, 0), NULL);
	PUTS(", stx_attributes=");
	rn_xlat__print_flags(c->sb, &rn_xl_statx_attrs, get_u64(p, 8), NULL);
	PUTS(", stx_mode=");
	put_fmode(c->sb, get_u16(p, 28));
	PUTS(", stx_size=");
	rn_strbuf__append_u64(c->sb, get_u64(p, 40));
	PUTS(", ...}");
	return CONT;
}

int rn_fmt__arg_statfs(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 120, true);
	const char *magic;

	if (!p)
		return CONT;
	PUTS("{f_type=");
	magic = rn_xlat__name(&rn_xl_fs_magic, get_u64(p, 0));
	if (magic)
		PUTS(magic);
	else
		rn_fmt__put_hex0(c->sb, get_u64(p, 0));
	rn_strbuf__printf(
	    c->sb,
	    ", f_bsize=%lld, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, f_files=%llu, "
	    "f_ffree=%llu, f_fsid={val=[",
	    (long long)get_u64(p, 8), (unsigned long long)get_u64(p, 16),
	    (unsigned long long)get_u64(p, 24), (unsigned long long)get_u64(p, 32),
	    (unsigned long long)get_u64(p, 40), (unsigned long long)get_u64(p, 48));
	rn_fmt__put_hex0(c->sb, get_u32(p, 56));
	PUTS(", ");
	rn_fmt__put_hex0(c->sb, get_u32(p, 60));
	rn_strbuf__printf(c->sb,
			  "]}, f_namelen=%lld, f_frsize=%lld, f_flags=", (long long)get_u64(p, 64),
			  (long long)get_u64(p, 72));
	rn_xlat__print_flags(c->sb, &rn_xl_statfs_flags, get_u64(p, 80), NULL);
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_statx_flags(struct ctx *c, unsigned i)
{
	uint32_t v = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_statx_flags, v & 0x6000);
	if (v & ~0x6000u) {
		PUTC('|');
		rn_xlat__print_flags(c->sb, &rn_xl_at_flags, v & ~0x6000u, NULL);
	}
	return CONT;
}

int rn_fmt__arg_fdpair(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 8, true);

	if (p)
		rn_strbuf__printf(c->sb, "[%d, %d]", (int)get_u32(p, 0), (int)get_u32(p, 4));
	return CONT;
}

int rn_fmt__arg_dirents(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, i, 0, 4) : NULL;

	rn_fmt__put_ptr(c->sb, c->a[i]);
	if (it) {
		uint32_t n = get_u32(rn_item__data(it), 0);

		rn_strbuf__printf(c->sb, " /* %u entr%s */", n, n == 1 ? "y" : "ies");
	}
	return CONT;
}

/*
 * struct flock (32 bytes on x86_64): the lock as set, or for F_GETLK the lock found, with its
 * owner's pid, only once the call succeeded (strace prints the pointer otherwise).
 */
static void put_flock(struct ctx *c, bool show)
{
	const struct rn_item *it = show && c->a[2] ? rn_fmt__data_of(c, 2, 0, 32) : NULL;
	uint32_t cmd = (uint32_t)c->a[1];
	const void *p;

	if (!it) {
		rn_fmt__put_ptr(c->sb, c->a[2]);
		return;
	}
	p = rn_item__data(it);
	PUTS("{l_type=");
	rn_xlat__print_val(c->sb, &rn_xl_flock_types, (uint64_t)(int64_t)(int16_t)get_u16(p, 0));
	PUTS(", l_whence=");
	rn_xlat__print_val(c->sb, &rn_xl_seek, (uint64_t)(int64_t)(int16_t)get_u16(p, 2));
	rn_strbuf__printf(c->sb, ", l_start=%lld, l_len=%lld", (long long)get_u64(p, 8),
			  (long long)get_u64(p, 16));
	if (cmd == 5 || cmd == 36)
		rn_strbuf__printf(c->sb, ", l_pid=%d", (int)get_u32(p, 24));
	PUTC('}');
}

/* fcntl(fd, cmd, arg): whether and how arg prints depends on cmd. */
int rn_fmt__arg_fcntl_cmd(struct ctx *c, unsigned i)
{
	uint32_t cmd = (uint32_t)c->a[i];

	rn_xlat__print_val(c->sb, &rn_xl_fcntl_cmds, cmd);
	switch (cmd) {
	case 1:	   /* F_GETFD */
	case 3:	   /* F_GETFL */
	case 9:	   /* F_GETOWN */
	case 11:   /* F_GETSIG */
	case 1025: /* F_GETLEASE */
	case 1032: /* F_GETPIPE_SZ */
	case 1034: /* F_GET_SEALS */
		break;
	case 2: /* F_SETFD */
		PUTS(", ");
		rn_xlat__print_flags(c->sb, &rn_xl_fd_flags, (uint32_t)c->a[2], NULL);
		break;
	case 4: /* F_SETFL */
		PUTS(", ");
		rn_fmt__put_oflags(c->sb, (uint32_t)c->a[2]);
		break;
	case 10: /* F_SETSIG */
		PUTS(", ");
		rn_fmt__put_signal(c->sb, (int)c->a[2]);
		break;
	case 5:	 /* F_GETLK */
	case 36: /* F_OFD_GETLK */
		PUTS(", ");
		put_flock(c, c->ok);
		break;
	case 6:	 /* F_SETLK */
	case 7:	 /* F_SETLKW */
	case 37: /* F_OFD_SETLK */
	case 38: /* F_OFD_SETLKW */
		PUTS(", ");
		put_flock(c, true);
		break;
	default:
		PUTS(", ");
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[2]);
	}
	return STOP;
}
