/* SPDX-License-Identifier: MIT */
/* The syscall names strace 6.1 accepts for its other x86 personalities (i386 @32, x32 @x32). */
#ifndef RENACER_CLASSES_H
#define RENACER_CLASSES_H

#include <stdbool.h>
#include <stddef.h>

bool rn_classes__in_i386(const char *name);
bool rn_classes__in_x32(const char *name);
/* i386-only names, row by row (false past the end), for regex matching under @32. */
bool rn_classes__i386_only_row(size_t i, const char **name);

#endif
