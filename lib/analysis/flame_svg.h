/* SPDX-License-Identifier: MIT */
/* The flame graph's SVG (flame.c's): sorted folded stacks laid out as frames, with their script. */
#ifndef RENACER_FLAME_SVG_H
#define RENACER_FLAME_SVG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * stacks[i] ("frame;frame;leaf", sorted as strcmp sorts) weighs values[i] in unit; an
 * empty graph is an SVG that says so. 0, -ENOMEM or -EIO.
 */
int rn_flame_svg__write(FILE *f, const char *const *stacks, const uint64_t *values, size_t n,
			const char *title, const char *unit);

#endif
