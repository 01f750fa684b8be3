// SPDX-License-Identifier: MIT
/*
 * ioctl(fd, request, arg): the request's name as strace 6.1 prints it ("A or B" when two
 * subsystems share the number) and the argument as its decoder does. A request strace knows
 * but does not decode prints its argument in hex; one it decodes prints NULL or the pointer
 * when the data was not captured (a failed read-type request, a bad address).
 */
#include "format_int.h"

#include "xlat.h"

#include <string.h>

enum arg_style {
	A_HEX = 0, /* no decoder: the argument in hex */
	A_NONE,	   /* no argument printed */
	A_PTR,	   /* a decoder strace has and renacer does not: the pointer */
	A_INT,	   /* the argument itself, decimal */
	A_INT_IN,  /* [N]: an int the caller passes */
	A_INT_OUT, /* [N]: an int the kernel writes */
	A_TERMIOS_IN,
	A_TERMIOS_OUT,
	A_WINSZ_IN,
	A_WINSZ_OUT,
	A_TCFLSH,
	A_TCXONC,
	A_FS_FLAGS_IN,
	A_FS_FLAGS_OUT,
	A_IFREQ, /* struct ifreq: the name in, one field out (ifreq_fields) */
};

struct ioctl_ent {
	uint32_t code;
	uint8_t style;
	const char *name;
};

/* Sorted by code. */
static const struct ioctl_ent ioctls[] = {
    {0x1, A_HEX, "FIBMAP"},
    {0x2, A_HEX, "FIGETBSZ"},
    {0x125e, A_PTR, "BLKROGET"},
    {0x1260, A_PTR, "BLKGETSIZE"},
    {0x1261, A_NONE, "BLKFLSBUF"},
    {0x1268, A_PTR, "BLKSSZGET"},
    {0x5401, A_TERMIOS_OUT, "TCGETS"},
    {0x5402, A_TERMIOS_IN, "SNDCTL_TMR_START or TCSETS"},
    {0x5403, A_TERMIOS_IN, "SNDCTL_TMR_STOP or TCSETSW"},
    {0x5404, A_TERMIOS_IN, "SNDCTL_TMR_CONTINUE or TCSETSF"},
    {0x5405, A_PTR, "TCGETA"},
    {0x5406, A_PTR, "TCSETA"},
    {0x5407, A_PTR, "TCSETAW"},
    {0x5408, A_PTR, "TCSETAF"},
    {0x5409, A_INT, "TCSBRK"},
    {0x540a, A_TCXONC, "TCXONC"},
    {0x540b, A_TCFLSH, "TCFLSH"},
    {0x540c, A_NONE, "TIOCEXCL"},
    {0x540d, A_NONE, "TIOCNXCL"},
    {0x540e, A_INT, "TIOCSCTTY"},
    {0x540f, A_INT_OUT, "TIOCGPGRP"},
    {0x5410, A_INT_IN, "TIOCSPGRP"},
    {0x5411, A_INT_OUT, "TIOCOUTQ"},
    {0x5412, A_PTR, "TIOCSTI"},
    {0x5413, A_WINSZ_OUT, "TIOCGWINSZ"},
    {0x5414, A_WINSZ_IN, "TIOCSWINSZ"},
    {0x5415, A_PTR, "TIOCMGET"},
    {0x5416, A_PTR, "TIOCMBIS"},
    {0x5417, A_PTR, "TIOCMBIC"},
    {0x5418, A_PTR, "TIOCMSET"},
    {0x5419, A_PTR, "TIOCGSOFTCAR"},
    {0x541a, A_PTR, "TIOCSSOFTCAR"},
    {0x541b, A_INT_OUT, "FIONREAD"},
    {0x541c, A_HEX, "TIOCLINUX"},
    {0x541d, A_NONE, "TIOCCONS"},
    {0x541e, A_HEX, "TIOCGSERIAL"},
    {0x541f, A_NONE, "TIOCSSERIAL"},
    {0x5420, A_PTR, "TIOCPKT"},
    {0x5421, A_INT_IN, "FIONBIO"},
    {0x5422, A_NONE, "TIOCNOTTY"},
    {0x5423, A_PTR, "TIOCSETD"},
    {0x5424, A_PTR, "TIOCGETD"},
    {0x5425, A_HEX, "TCSBRKP"},
    {0x5427, A_NONE, "TIOCSBRK"},
    {0x5428, A_NONE, "TIOCCBRK"},
    {0x5429, A_INT_OUT, "TIOCGSID"},
    {0x542e, A_HEX, "TIOCGRS485"},
    {0x5432, A_HEX, "TCGETX"},
    {0x5437, A_NONE, "TIOCVHANGUP"},
    {0x5441, A_HEX, "TIOCGPTPEER"},
    {0x5450, A_NONE, "FIONCLEX"},
    {0x5451, A_NONE, "FIOCLEX"},
    {0x5452, A_INT_IN, "FIOASYNC"},
    {0x5453, A_HEX, "TIOCSERCONFIG"},
    {0x5454, A_HEX, "TIOCSERGWILD"},
    {0x5455, A_HEX, "TIOCSERSWILD"},
    {0x5456, A_PTR, "TIOCGLCKTRMIOS"},
    {0x5457, A_PTR, "TIOCSLCKTRMIOS"},
    {0x5458, A_HEX, "TIOCSERGSTRUCT"},
    {0x5459, A_HEX, "TIOCSERGETLSR"},
    {0x545c, A_HEX, "TIOCMIWAIT"},
    {0x545d, A_HEX, "TIOCGICOUNT"},
    {0x5460, A_HEX, "FIOQSIZE"},
    {0x8901, A_PTR, "FIOSETOWN"},
    {0x8903, A_PTR, "FIOGETOWN"},
    {0x8904, A_PTR, "SIOCGPGRP"},
    {0x8905, A_PTR, "SIOCATMARK"},
    {0x8910, A_IFREQ, "SIOCGIFNAME"},
    {0x8912, A_PTR, "SIOCGIFCONF"},
    {0x8913, A_IFREQ, "SIOCGIFFLAGS"},
    {0x8915, A_IFREQ, "SIOCGIFADDR"},
    {0x8917, A_IFREQ, "SIOCGIFDSTADDR"},
    {0x8919, A_IFREQ, "SIOCGIFBRDADDR"},
    {0x891b, A_IFREQ, "SIOCGIFNETMASK"},
    {0x8921, A_IFREQ, "SIOCGIFMTU"},
    {0x8927, A_IFREQ, "SIOCGIFHWADDR"},
    {0x8933, A_IFREQ, "SIOCGIFINDEX"},
    {0x8942, A_IFREQ, "SIOCGIFTXQLEN"},
    {0x40045431, A_PTR, "TIOCSPTLCK"},
    {0x40046602, A_PTR, "FS_IOC32_SETFLAGS"},
    {0x40049409, A_INT, "BTRFS_IOC_CLONE or FICLONE"},
    {0x40086602, A_FS_FLAGS_IN, "FS_IOC_SETFLAGS"},
    {0x4020940d, A_PTR, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE"},
    {0x402c542b, A_PTR, "TCSETS2"},
    {0x402c542c, A_PTR, "TCSETSW2"},
    {0x402c542d, A_PTR, "TCSETSF2"},
    {0x80045200, A_PTR, "RNDGETENTCNT"},
    {0x80045430, A_PTR, "TIOCGPTN"},
    {0x80045432, A_PTR, "TIOCGDEV"},
    {0x80045438, A_HEX, "TIOCGPKT"},
    {0x80045439, A_HEX, "TIOCGPTLCK"},
    {0x80045440, A_PTR, "TIOCGEXCL"},
    {0x80046601, A_PTR, "FS_IOC32_GETFLAGS"},
    {0x80081272, A_PTR, "BLKGETSIZE64"},
    {0x80086601, A_FS_FLAGS_OUT, "FS_IOC_GETFLAGS"},
    {0x80087601, A_HEX, "FS_IOC_GETVERSION"},
    {0x801c581f, A_PTR, "FS_IOC_FSGETXATTR"},
    {0x802c542a, A_PTR, "TCGETS2"},
    {0xc0045877, A_NONE, "FIFREEZE"},
    {0xc0045878, A_NONE, "FITHAW"},
    {0xc0189436, A_PTR, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"},
    {0xc020660b, A_PTR, "FS_IOC_FIEMAP"},
};

static const struct ioctl_ent *lookup(uint32_t code)
{
	size_t lo = 0, hi = sizeof(ioctls) / sizeof(ioctls[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ioctls[mid].code == code)
			return &ioctls[mid];
		if (ioctls[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void put_ioc(struct ctx *c, uint32_t req)
{
	static const char *const dirs[] = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					   "_IOC_READ|_IOC_WRITE"};

	rn_strbuf__printf(c->sb, "_IOC(%s, ", dirs[req >> 30]);
	rn_fmt__put_hex0(c->sb, (req >> 8) & 0xff);
	PUTS(", ");
	rn_fmt__put_hex0(c->sb, req & 0xff);
	PUTS(", ");
	rn_fmt__put_hex0(c->sb, (req >> 16) & 0x3fff);
	PUTC(')');
}

/* The argument's captured bytes (at least min), when the call is one whose data shows. */
static const void *arg_data(struct ctx *c, bool out, uint32_t min)
{
	const struct rn_item *it;

	if (!c->a[2] || (out && !c->ok))
		return NULL;
	it = rn_fmt__data_of(c, 2, 0, min);
	return it ? rn_item__data(it) : NULL;
}

/* strace's decode_oflag: the delay fields as values, then the flags. */
static void put_oflag(struct rn_strbuf *sb, uint32_t v)
{
	static const struct {
		uint32_t mask;
		const char *names[4];
	} delays[] = {
	    {0400, {"NL0", "NL1"}},
	    {03000, {"CR0", "CR1", "CR2", "CR3"}},
	    {014000, {"TAB0", "TAB1", "TAB2", "TAB3"}},
	    {020000, {"BS0", "BS1"}},
	    {040000, {"VT0", "VT1"}},
	    {0100000, {"FF0", "FF1"}},
	};

	for (size_t i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		uint32_t m = delays[i].mask, f = (v & m) / (m & -m);

		rn_strbuf__puts(sb, delays[i].names[f]);
		rn_strbuf__putc(sb, '|');
		v &= ~m;
	}
	rn_xlat__print_flags(sb, &rn_xl_term_oflags, v, NULL);
}

/* strace's decode_cflag: the speeds and character size as values, then the flags. */
static void put_cflag(struct rn_strbuf *sb, uint32_t v)
{
	rn_xlat__print_val(sb, &rn_xl_term_bauds, v & 010017);
	rn_strbuf__putc(sb, '|');
	if (v & 002003600000) {
		rn_xlat__print_val(sb, &rn_xl_term_bauds, (v & 002003600000) >> 16);
		rn_strbuf__puts(sb, "<<IBSHIFT|");
	}
	rn_xlat__print_val(sb, &rn_xl_term_csize, v & 060);
	rn_strbuf__putc(sb, '|');
	rn_xlat__print_flags(sb, &rn_xl_term_cflags, v & ~(010017u | 002003600000u | 060u), NULL);
}

/* -v: the line discipline and the control characters, [VINTR]=0x3 ... [18]=0 as strace. */
static void put_termios_cc(struct ctx *c, const unsigned char *p)
{
	static const char *const ldiscs[] = {"N_TTY",	   "N_SLIP",  "N_MOUSE",	"N_PPP",
					     "N_STRIP",	   "N_AX25",  "N_X25",		"N_6PACK",
					     "N_MASC",	   "N_R3964", "N_PROFIBUS_FDL", "N_IRDA",
					     "N_SMSBLOCK", "N_HDLC",  "N_SYNC_PPP",	"N_HCI"};
	static const char *const names[] = {"VINTR",  "VQUIT", "VERASE",   "VKILL",    "VEOF",
					    "VTIME",  "VMIN",  "VSWTC",	   "VSTART",   "VSTOP",
					    "VSUSP",  "VEOL",  "VREPRINT", "VDISCARD", "VWERASE",
					    "VLNEXT", "VEOL2"};

	PUTS(", c_line=");
	if (p[16] < sizeof(ldiscs) / sizeof(ldiscs[0]))
		PUTS(ldiscs[p[16]]);
	else
		rn_strbuf__printf(c->sb, "%#x /* N_??? */", p[16]);
	PUTS(", c_cc=[");
	for (unsigned k = 0; k < 19; k++) {
		if (k)
			PUTS(", ");
		if (k < sizeof(names) / sizeof(names[0]))
			rn_strbuf__printf(c->sb, "[%s]=", names[k]);
		else
			rn_strbuf__printf(c->sb, "[%u]=", k);
		rn_fmt__put_hex0(c->sb, p[17 + k]);
	}
	PUTS("]}");
}

static void put_termios(struct ctx *c, const void *p)
{
	PUTS("{c_iflag=");
	rn_xlat__print_flags(c->sb, &rn_xl_term_iflags, get_u32(p, 0), NULL);
	PUTS(", c_oflag=");
	put_oflag(c->sb, get_u32(p, 4));
	PUTS(", c_cflag=");
	put_cflag(c->sb, get_u32(p, 8));
	PUTS(", c_lflag=");
	rn_xlat__print_flags(c->sb, &rn_xl_term_lflags, get_u32(p, 12), NULL);
	if (c->abbrev) {
		PUTS(", ...}");
		return;
	}
	put_termios_cc(c, p);
}

/* What each SIOCGIF* request reads back into struct ifreq's union (offset 16). */
enum { IFR_INT, IFR_FLAGS, IFR_ADDR, IFR_HWADDR };
static const struct {
	uint32_t code;
	uint8_t kind;
	const char *field;
} ifreq_fields[] = {
    {0x8913, IFR_FLAGS, "ifr_flags"},	{0x8915, IFR_ADDR, "ifr_addr"},
    {0x8917, IFR_ADDR, "ifr_dstaddr"},	{0x8919, IFR_ADDR, "ifr_broadaddr"},
    {0x891b, IFR_ADDR, "ifr_netmask"},	{0x8921, IFR_INT, "ifr_mtu"},
    {0x8927, IFR_HWADDR, "ifr_hwaddr"}, {0x8933, IFR_INT, "ifr_ifindex"},
    {0x8942, IFR_INT, "ifr_qlen"},
};

/* strace's decode_ifreq: {ifr_name="lo", ifr_qlen=1000}; the name alone when the call failed. */
static void put_ifreq(struct ctx *c, uint32_t req, const unsigned char *p)
{
	size_t i = 0;

	if (req == 0x8910) { /* SIOCGIFNAME: the index in, the name out */
		rn_strbuf__printf(c->sb, "{ifr_ifindex=%d", (int)get_u32(p, 16));
		if (c->ok) {
			PUTS(", ifr_name=");
			rn_fmt__quoted_x(c, p, strnlen((const char *)p, 16), false);
		}
		PUTC('}');
		return;
	}
	PUTS("{ifr_name=");
	rn_fmt__quoted_x(c, p, strnlen((const char *)p, 16), false);
	while (i < sizeof(ifreq_fields) / sizeof(ifreq_fields[0]) && ifreq_fields[i].code != req)
		i++;
	if (c->ok && i < sizeof(ifreq_fields) / sizeof(ifreq_fields[0])) {
		const unsigned char *u = p + 16;
		uint16_t fam = get_u16(u, 0);

		rn_strbuf__printf(c->sb, ", %s=", ifreq_fields[i].field);
		switch (ifreq_fields[i].kind) {
		case IFR_INT:
			rn_strbuf__append_s64(c->sb, (int32_t)get_u32(u, 0));
			break;
		case IFR_FLAGS:
			rn_xlat__print_flags(c->sb, &rn_xl_iff_flags, get_u16(u, 0), NULL);
			break;
		case IFR_ADDR:
			rn_fmt__put_sockaddr(c, u, 16);
			break;
		case IFR_HWADDR:
			PUTS("{sa_family=");
			rn_xlat__print_val(c->sb, &rn_xl_arphrd, fam);
			PUTS(", sa_data=");
			for (unsigned k = 0; k < (fam == 1 || fam == 772 ? 6u : 14u); k++)
				rn_strbuf__printf(c->sb, "%s%02x", k ? ":" : "", u[2 + k]);
			PUTC('}');
			break;
		}
	}
	PUTC('}');
}

static void put_arg(struct ctx *c, const struct ioctl_ent *e)
{
	const struct rn_item *it;
	bool out = false;
	const void *p;

	switch (e->style) {
	case A_HEX:
		rn_fmt__put_hex0(c->sb, c->a[2]);
		return;
	case A_INT:
		rn_strbuf__append_s64(c->sb, (int32_t)c->a[2]);
		return;
	case A_TCFLSH:
		rn_xlat__print_val(c->sb, &rn_xl_tcflsh, (uint32_t)c->a[2]);
		return;
	case A_TCXONC:
		rn_xlat__print_val(c->sb, &rn_xl_tcxonc, (uint32_t)c->a[2]);
		return;
	case A_INT_OUT:
	case A_TERMIOS_OUT:
	case A_WINSZ_OUT:
	case A_FS_FLAGS_OUT:
		out = true;
		break;
	}
	if (!c->verbose) { /* strace -e verbose=none: every struct and int as its pointer */
		rn_fmt__put_ptr(c->sb, c->a[2]);
		return;
	}
	switch (e->style) {
	case A_IFREQ: /* the name goes in, so it shows even when the call failed */
		if (c->a[2] && (it = rn_fmt__data_of(c, 2, 0, 32))) {
			put_ifreq(c, e->code, rn_item__data(it));
			return;
		}
		break;
	case A_INT_IN:
	case A_INT_OUT:
		if ((p = arg_data(c, out, 4))) {
			rn_strbuf__printf(c->sb, "[%d]", (int)get_u32(p, 0));
			return;
		}
		break;
	case A_FS_FLAGS_IN:
	case A_FS_FLAGS_OUT:
		if ((p = arg_data(c, out, 4))) {
			PUTC('[');
			rn_xlat__print_flags(c->sb, &rn_xl_fs_inode_flags, get_u32(p, 0), NULL);
			PUTC(']');
			return;
		}
		break;
	case A_TERMIOS_IN:
	case A_TERMIOS_OUT:
		if ((p = arg_data(c, out, c->abbrev ? 16 : 36))) {
			put_termios(c, p);
			return;
		}
		break;
	case A_WINSZ_IN:
	case A_WINSZ_OUT:
		if ((p = arg_data(c, out, 8))) {
			rn_strbuf__printf(
			    c->sb, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
			    get_u16(p, 0), get_u16(p, 2), get_u16(p, 4), get_u16(p, 6));
			return;
		}
		break;
	}
	rn_fmt__put_ptr(c->sb, c->a[2]);
}

int rn_fmt__arg_ioctl_req(struct ctx *c, unsigned i)
{
	uint32_t req = (uint32_t)c->a[i];
	const struct ioctl_ent *e = lookup(req);

	if (!e) {
		put_ioc(c, req);
		PUTS(", ");
		rn_fmt__put_hex0(c->sb, c->a[2]);
		return STOP;
	}
	PUTS(e->name);
	if (e->style != A_NONE) {
		PUTS(", ");
		put_arg(c, e);
	}
	return STOP;
}
