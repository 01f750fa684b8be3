// SPDX-License-Identifier: MIT
/* What the renacer-json-v1 writer and reader share: when captured bytes are text. */
#include "trace_json_int.h"

#include "utf8.h"

bool rn_json__capture_is_text(const uint8_t *s, size_t n)
{
	bool ascii = true;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b)
			return false;
		if (c & 0x80)
			ascii = false;
	}
	return ascii || rn_utf8__valid(s, n);
}
