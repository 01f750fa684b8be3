// SPDX-License-Identifier: MIT
/* UTF-8 validity, for the JSON writer and reader (and anyone else who needs it). */
#include "utf8.h"

/* Bytes in a sequence led by b (0: not a lead byte). */
static unsigned seq_len(uint8_t b)
{
	if (b < 0x80)
		return 1;
	if (b < 0xc2)
		return 0; /* continuation byte or overlong 2-byte lead */
	if (b < 0xe0)
		return 2;
	if (b < 0xf0)
		return 3;
	if (b < 0xf5)
		return 4;
	return 0;
}

size_t rn_utf8__prefix(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned len;
		uint8_t b = s[i];

		if (b < 0x80) {
			i++;
			continue;
		}
		len = seq_len(b);
		if (!len || n - i < len)
			return i;
		for (unsigned k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
		/* overlong 3/4-byte forms, UTF-16 surrogates, beyond U+10FFFF */
		if ((b == 0xe0 && s[i + 1] < 0xa0) || (b == 0xed && s[i + 1] >= 0xa0) ||
		    (b == 0xf0 && s[i + 1] < 0x90) || (b == 0xf4 && s[i + 1] >= 0x90))
			return i;
		i += len;
	}
	return n;
}

bool rn_utf8__valid(const uint8_t *s, size_t n)
{
	return rn_utf8__prefix(s, n) == n;
}
