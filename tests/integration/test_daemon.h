/* SPDX-License-Identifier: MIT */
/*
 * Shared by the daemon suites (test_daemon*.c), defined in harness_daemon.c: one private
 * renacerd per test on a socket in the test's temp dir, killed by the suite's fini even
 * when the test fails.
 */
#ifndef RENACER_TEST_DAEMON_H
#define RENACER_TEST_DAEMON_H

#include <stdbool.h>
#include <sys/types.h>

#include "integ.h"

/* The socket, in integ_dir (mode 0755 here, so other users reach it). */
#define TD_SOCK_MAX 108 /* sockaddr_un.sun_path */
extern char td_sock[TD_SOCK_MAX];
extern pid_t td_pid;

/* Starts renacerd --socket td_sock --config /dev/null extra... and waits until it answers. */
void td_start(const char *const *extra);
/* The same with <integ_dir>/renacerd.toml holding config as its configuration. */
void td_start_config(const char *config, const char *const *extra);
/* The suites' init and fini: integ_setup, td_sock, a subreaper; the daemon, orphans and
 * users removed afterwards, then integ_teardown. */
void td_setup(void);
/* Traces `exitcode 0` through the daemon (as this process's user): the normal path works. */
void td_expect_traces(const char *why);
void td_teardown(void);
/* True while the daemon runs (it is not reaped here). */
bool td_alive(void);
/* The daemon's stderr so far, malloc'd. */
char *td_log(void);
/* Children reparented to this test process (it is a subreaper): pid of the first named comm. */
pid_t td_find_orphan(const char *comm);
/* Kills and reaps every child but the daemon. */
void td_kill_orphans(void);
/* Users a test created (useradd): the suite's fini removes them with userdel. */
#define TD_MAX_USERS 2
/* Creates system user renacer-test-<pid><suffix> in td_users[slot] (no home; its primary group
 * has its name), removed by td_teardown; its ids. */
void td_add_user(int slot, const char *suffix, uid_t *uid, gid_t *gid);
extern char td_users[TD_MAX_USERS][40];

#endif
