/* SPDX-License-Identifier: MIT */
/* Shared by the renacer-json-v1 writer and reader (trace_json_*.c) only. */
#ifndef RENACER_TRACE_JSON_INT_H
#define RENACER_TRACE_JSON_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Captured bytes go out as "text" when printable UTF-8 (TAB, LF, CR, ESC allowed), else base64. */
bool rn_json__capture_is_text(const uint8_t *s, size_t n);

#endif
