/* SPDX-License-Identifier: MIT */
/* The one version of renacerctl and renacerd (they ship and are tested together). */
#ifndef RENACER_VERSION_H
#define RENACER_VERSION_H

#define RENACER_VERSION "0.1.0"

#endif
