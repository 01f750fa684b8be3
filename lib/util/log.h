/* SPDX-License-Identifier: MIT */
/* One logging macro: the level is checked before the arguments are evaluated. */
#ifndef RENACER_LOG_H
#define RENACER_LOG_H

enum rn_log_level { RN_LOG_ERROR = 0, RN_LOG_WARN, RN_LOG_INFO, RN_LOG_DEBUG };

extern int rn_log_level;
extern const char *rn_log_prog; /* "renacerctl", "renacerd" */

void rn_log__emit(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Routes libbpf's own messages through rn_log (debug: renacerctl -d, renacerd -v). */
void rn_log__route_libbpf(void);

#define rn_log(level, ...)                                                                         \
	do {                                                                                       \
		if ((level) <= rn_log_level)                                                       \
			rn_log__emit((level), __VA_ARGS__);                                        \
	} while (0)

#define rn_err(...)   rn_log(RN_LOG_ERROR, __VA_ARGS__)
#define rn_warn(...)  rn_log(RN_LOG_WARN, __VA_ARGS__)
#define rn_info(...)  rn_log(RN_LOG_INFO, __VA_ARGS__)
#define rn_debug(...) rn_log(RN_LOG_DEBUG, __VA_ARGS__)

#endif
