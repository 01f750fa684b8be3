/* SPDX-License-Identifier: MIT */
/* What renacerctl and renacerd agree on: their version (they ship and are tested together),
 * the daemon's socket and config file. */
#ifndef RENACER_DEFAULTS_H
#define RENACER_DEFAULTS_H

#define RENACER_VERSION		"0.1.0"
#define RENACER_DEFAULT_SOCKET	"/run/renacer/renacerd.sock"
#define RENACERD_DEFAULT_CONFIG "/etc/renacer/renacerd.toml"

#endif
