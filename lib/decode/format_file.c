// SPDX-License-Identifier: MIT
/* Files: open flags, stat/statx/statfs, directory entries and fcntl (ioctl: format_ioctl.c). */
#include <time.h>

#include "fdpaths.h"
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

static void put_makedev(struct rn_strbuf *sb, uint64_t d)
{
	unsigned maj = (unsigned)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
	unsigned min = (unsigned)((d & 0xff) | ((d >> 12) & ~0xffull));

	rn_strbuf__puts(sb, "makedev(");
	rn_fmt__put_hex0(sb, maj);
	rn_strbuf__puts(sb, ", ");
	rn_fmt__put_hex0(sb, min);
	rn_strbuf__putc(sb, ')');
}

/* strace -v: `, st_atime=1700000000 (its date), st_atime_nsec=N`. */
static void put_stat_time(struct ctx *c, const char *name, int64_t sec, uint64_t nsec)
{
	rn_strbuf__printf(c->sb, ", %s=%lld", name, (long long)sec);
	rn_fmt__put_time_comment(c, sec, nsec);
	rn_strbuf__printf(c->sb, ", %s_nsec=%llu", name, (unsigned long long)nsec);
}

/* strace -v: `, stx_atime={tv_sec=S, tv_nsec=N} (its date)` when the mask has the time. */
static void put_statx_time(struct ctx *c, const void *p, const char *name, uint32_t off)
{
	int64_t sec = (int64_t)get_u64(p, off);
	uint32_t nsec = get_u32(p, off + 8);

	rn_strbuf__printf(c->sb, ", %s={tv_sec=%lld, tv_nsec=%u}", name, (long long)sec, nsec);
	if (sec || nsec)
		rn_fmt__put_time_comment(c, sec, nsec);
}

int rn_fmt__arg_stat(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 144, true);
	uint32_t mode;
	bool dev;

	if (!p)
		return CONT;
	mode = get_u32(p, 24);
	dev = (mode & 0170000) == 0020000 || (mode & 0170000) == 0060000;
	if (!c->abbrev) {
		PUTS("{st_dev=");
		put_makedev(c->sb, get_u64(p, 0));
		rn_strbuf__printf(c->sb,
				  ", st_ino=%llu, st_mode=", (unsigned long long)get_u64(p, 8));
		put_fmode(c->sb, mode);
		rn_strbuf__printf(c->sb,
				  ", st_nlink=%llu, st_uid=%u, st_gid=%u, st_blksize=%lld, "
				  "st_blocks=%lld",
				  (unsigned long long)get_u64(p, 16), get_u32(p, 28),
				  get_u32(p, 32), (long long)get_u64(p, 56),
				  (long long)get_u64(p, 64));
	} else {
		PUTS("{st_mode=");
		put_fmode(c->sb, mode);
	}
	if (dev) {
		PUTS(", st_rdev=");
		put_makedev(c->sb, get_u64(p, 40));
	} else {
		PUTS(", st_size=");
		rn_strbuf__append_s64(c->sb, (int64_t)get_u64(p, 48));
	}
	if (c->abbrev) {
		PUTS(", ...}");
		return CONT;
	}
	put_stat_time(c, "st_atime", (int64_t)get_u64(p, 72), get_u64(p, 80));
	put_stat_time(c, "st_mtime", (int64_t)get_u64(p, 88), get_u64(p, 96));
	put_stat_time(c, "st_ctime", (int64_t)get_u64(p, 104), get_u64(p, 112));
	PUTC('}');
	return CONT;
}

int rn_fmt__arg_statx(struct ctx *c, unsigned i)
{
	const void *p = rn_fmt__struct_or_ptr(c, i, 256, true);
	uint32_t mask;

	if (!p)
		return CONT;
	mask = get_u32(p, 0);
	PUTS("{stx_mask=");
	rn_xlat__print_flags(c->sb, &rn_xl_statx_mask, mask, NULL);
	if (!c->abbrev)
		rn_strbuf__printf(c->sb, ", stx_blksize=%u", get_u32(p, 4));
	PUTS(", stx_attributes=");
	rn_xlat__print_flags(c->sb, &rn_xl_statx_attrs, get_u64(p, 8), NULL);
	if (!c->abbrev)
		rn_strbuf__printf(c->sb, ", stx_nlink=%u, stx_uid=%u, stx_gid=%u", get_u32(p, 16),
				  get_u32(p, 20), get_u32(p, 24));
	PUTS(", stx_mode=");
	put_fmode(c->sb, get_u16(p, 28));
	if (!c->abbrev)
		rn_strbuf__printf(c->sb, ", stx_ino=%llu", (unsigned long long)get_u64(p, 32));
	PUTS(", stx_size=");
	rn_strbuf__append_u64(c->sb, get_u64(p, 40));
	if (c->abbrev) {
		PUTS(", ...}");
		return CONT;
	}
	rn_strbuf__printf(
	    c->sb, ", stx_blocks=%llu, stx_attributes_mask=", (unsigned long long)get_u64(p, 48));
	rn_xlat__print_flags(c->sb, &rn_xl_statx_attrs, get_u64(p, 56), NULL);
	if (mask & 0x20) /* STATX_ATIME */
		put_statx_time(c, p, "stx_atime", 64);
	if (mask & 0x800) /* STATX_BTIME */
		put_statx_time(c, p, "stx_btime", 80);
	if (mask & 0x80) /* STATX_CTIME */
		put_statx_time(c, p, "stx_ctime", 96);
	if (mask & 0x40) /* STATX_MTIME */
		put_statx_time(c, p, "stx_mtime", 112);
	rn_strbuf__printf(c->sb,
			  ", stx_rdev_major=%u, stx_rdev_minor=%u, stx_dev_major=%u, "
			  "stx_dev_minor=%u",
			  get_u32(p, 128), get_u32(p, 132), get_u32(p, 136), get_u32(p, 140));
	if (mask & 0x1000) { /* STATX_MNT_ID */
		PUTS(", stx_mnt_id=");
		rn_fmt__put_hex0(c->sb, get_u64(p, 144));
	}
	PUTC('}');
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

	if (!p)
		return CONT;
	if (!c->fds) {
		rn_strbuf__printf(c->sb, "[%d, %d]", (int)get_u32(p, 0), (int)get_u32(p, 4));
		return CONT;
	}
	/* -y: the pair is named as the call made it, before the table's update after the args */
	rn_fdpaths__update(c->fds, c->ev);
	rn_strbuf__printf(c->sb, "[%d", (int)get_u32(p, 0));
	rn_fdpaths__put(c->fds, c->ev->rec->h.tgid, (int32_t)get_u32(p, 0), c->sb);
	rn_strbuf__printf(c->sb, ", %d", (int)get_u32(p, 4));
	rn_fdpaths__put(c->fds, c->ev->rec->h.tgid, (int32_t)get_u32(p, 4), c->sb);
	rn_strbuf__putc(c->sb, ']');
	return CONT;
}

/*
 * -v: the linux_dirent64 records themselves (captured as a buffer of ret bytes when abbrev is
 * off for some call), as strace prints them; `...` for records past the capture (what one
 * record holds, some 16 KiB: strace prints them all).
 */
static void put_dirents(struct ctx *c, const struct rn_item *it)
{
	static const char *const types[] = {"DT_UNKNOWN", "DT_FIFO", "DT_CHR",	"",	  "DT_DIR",
					    "",		  "DT_BLK",  "",	"DT_REG", "",
					    "DT_LNK",	  "",	     "DT_SOCK", "",	  "DT_WHT"};
	const unsigned char *p = rn_item__data(it);
	uint64_t pos = 0;

	PUTC('[');
	while (pos + 19 <= it->len) {
		uint16_t reclen = get_u16(p + pos, 16);
		uint8_t type = p[pos + 18];
		size_t n;

		if (reclen < 19 || pos + reclen > it->len)
			break;
		n = strnlen((const char *)p + pos + 19, reclen - 19);
		if (pos)
			PUTS(", ");
		rn_strbuf__printf(c->sb, "{d_ino=%llu, d_off=%lld, d_reclen=%u, d_type=",
				  (unsigned long long)get_u64(p + pos, 0),
				  (long long)get_u64(p + pos, 8), reclen);
		if (type < sizeof(types) / sizeof(types[0]) && types[type][0])
			PUTS(types[type]);
		else
			rn_strbuf__append_u64(c->sb, type);
		PUTS(", d_name=");
		rn_fmt__quoted_x(c, p + pos + 19, n, false); /* whole: strace ignores -s here */
		PUTC('}');
		pos += reclen;
	}
	if (pos < (uint64_t)c->ret)
		PUTS(pos ? ", ..." : "...");
	PUTC(']');
}

int rn_fmt__arg_dirents(struct ctx *c, unsigned i)
{
	const struct rn_item *it = c->ok ? rn_fmt__data_of(c, i, 0, 0) : NULL;
	uint32_t n = 0;

	/* a count is 4 bytes (RN_CAP_DIRENTS); the records themselves (-v) never are */
	if (it && it->len != 4 && !c->abbrev) {
		put_dirents(c, it);
		return CONT;
	}
	rn_fmt__put_ptr(c->sb, c->a[i]);
	if (!it)
		return CONT;
	if (it->len == 4)
		n = get_u32(rn_item__data(it), 0);
	else /* records captured for another call's -v: counted here */
		for (uint64_t pos = 0; pos + 19 <= it->len;) {
			uint16_t reclen = get_u16((const char *)rn_item__data(it) + pos, 16);

			if (reclen < 19 || pos + reclen > it->len)
				break;
			pos += reclen;
			n++;
		}
	rn_strbuf__printf(c->sb, " /* %u entr%s */", n, n == 1 ? "y" : "ies");
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

	if (!it || !c->verbose) { /* strace -e verbose=none: the pointer */
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
