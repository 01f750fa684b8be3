/* SPDX-License-Identifier: MIT */
/* UTF-8 validity (RFC 3629): no overlong forms, no UTF-16 surrogates, nothing past U+10FFFF. */
#ifndef RENACER_UTF8_H
#define RENACER_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the longest prefix of s made of whole, valid UTF-8 sequences. */
size_t rn_utf8__prefix(const uint8_t *s, size_t n);
/* Whether all n bytes of s are valid UTF-8. */
bool rn_utf8__valid(const uint8_t *s, size_t n);

#endif
