/* SPDX-License-Identifier: MIT */
/* Name tables for flags and constants, and the two printers strace uses for them. */
#ifndef RENACER_XLAT_H
#define RENACER_XLAT_H

#include <stdint.h>

#include "strbuf.h"

struct rn_xlat_ent {
	uint64_t val;
	const char *name;
};

struct rn_xlat {
	const struct rn_xlat_ent *ent;
	unsigned n;
	const char *unknown; /* enum comment for unknown values, e.g. "SEEK_???" */
};

/* The name of `v`, or NULL. */
const char *rn_xlat__name(const struct rn_xlat *x, uint64_t v);
/* An enum value: its name, else `v` in hex followed by strace's `X_???` comment. */
void rn_xlat__print_val(struct rn_strbuf *sb, const struct rn_xlat *x, uint64_t v);
/* Like print_val but an unknown value prints in decimal (strace's printxval_d). */
void rn_xlat__print_val_d(struct rn_strbuf *sb, const struct rn_xlat *x, int64_t v);
/*
 * A bit set: known names in table order joined by '|', leftover bits in hex;
 * zero prints `zero` (NULL: "0"). Returns the number of names printed.
 */
int rn_xlat__print_flags(struct rn_strbuf *sb, const struct rn_xlat *x, uint64_t v,
			 const char *zero);

extern const struct rn_xlat rn_xl_open_access, rn_xl_open_flags, rn_xl_at_flags,
    rn_xl_at_faccess_flags, rn_xl_at_unlink_flags, rn_xl_access_modes, rn_xl_mmap_prot,
    rn_xl_mmap_type, rn_xl_mmap_flags, rn_xl_mremap_flags, rn_xl_madvise, rn_xl_seek,
    rn_xl_fcntl_cmds, rn_xl_fd_flags, rn_xl_clone_flags, rn_xl_sigact_flags, rn_xl_sighow,
    rn_xl_wait_opts, rn_xl_socket_af, rn_xl_socket_type, rn_xl_socket_flags, rn_xl_ipproto,
    rn_xl_msg_flags, rn_xl_sock_level, rn_xl_sol_socket, rn_xl_shut_how, rn_xl_poll_events,
    rn_xl_clocks, rn_xl_rlimits, rn_xl_futex_ops, rn_xl_arch_prctl, rn_xl_grnd_flags, rn_xl_fadvise,
    rn_xl_flock_ops, rn_xl_prio_which, rn_xl_prctl_ops, rn_xl_epoll_ctl_ops, rn_xl_epoll_events,
    rn_xl_efd_flags, rn_xl_epoll_flags, rn_xl_statx_mask, rn_xl_statx_attrs, rn_xl_statx_flags,
    rn_xl_fs_magic, rn_xl_statfs_flags, rn_xl_timer_flags, rn_xl_tfd_flags, rn_xl_inotify_mask,
    rn_xl_inotify_init_flags, rn_xl_memfd_flags, rn_xl_membarrier_cmds, rn_xl_rusage_who,
    rn_xl_close_range_flags, rn_xl_rename_flags, rn_xl_itimer_which, rn_xl_idtype,
    rn_xl_mlockall_flags, rn_xl_msync_flags, rn_xl_waitid_opts, rn_xl_ss_flags, rn_xl_sigcodes_si,
    rn_xl_sigcodes_chld, rn_xl_sigcodes_segv, rn_xl_sigcodes_bus, rn_xl_sigcodes_fpe,
    rn_xl_sigcodes_ill, rn_xl_sigcodes_trap, rn_xl_sigcodes_poll, rn_xl_dumpable,
    rn_xl_falloc_modes, rn_xl_splice_flags, rn_xl_rwf_flags, rn_xl_pidfd_flags,
    rn_xl_sched_policies, rn_xl_sfd_flags, rn_xl_sync_file_range_flags, rn_xl_umount_flags,
    rn_xl_flock_types, rn_xl_term_iflags, rn_xl_term_oflags, rn_xl_term_cflags, rn_xl_term_lflags,
    rn_xl_term_csize, rn_xl_term_bauds, rn_xl_tcflsh, rn_xl_tcxonc, rn_xl_fs_inode_flags,
    rn_xl_sockopt_ip, rn_xl_sockopt_tcp, rn_xl_sockopt_udp, rn_xl_sockopt_ipv6, rn_xl_pkey_access,
    rn_xl_netlink_protos, rn_xl_sockopt_netlink, rn_xl_scm_types;

/* xlat_sys.c */
extern const struct rn_xlat rn_xl_cap_versions, rn_xl_caps, rn_xl_cap_ambient, rn_xl_secbits,
    rn_xl_mount_flags, rn_xl_resolve_flags, rn_xl_ptrace_reqs, rn_xl_ptrace_opts, rn_xl_seccomp_ops,
    rn_xl_seccomp_filter_flags, rn_xl_seccomp_ret, rn_xl_bpf_cmds, rn_xl_keyctl_ops,
    rn_xl_key_specs, rn_xl_fan_classes, rn_xl_fan_init_flags, rn_xl_fan_mark_flags,
    rn_xl_fan_events, rn_xl_quota_cmds, rn_xl_quota_types, rn_xl_ioring_enter_flags,
    rn_xl_ioring_register_ops, rn_xl_sched_attr_flags, rn_xl_ns_flags, rn_xl_xattr_flags,
    rn_xl_mlock2_flags, rn_xl_ioprio_who, rn_xl_ioprio_class;
extern const struct rn_xlat rn_xl_sigev_notify; /* struct sigevent's sigev_notify */
extern const struct rn_xlat rn_xl_ioring_setup_flags, rn_xl_ioring_features;
extern const struct rn_xlat rn_xl_bpf_map_types, rn_xl_bpf_map_flags, rn_xl_bpf_elem_flags,
    rn_xl_bpf_prog_types, rn_xl_bpf_prog_flags, rn_xl_bpf_attach_types;

/* xlat_netlink.c */
extern const struct rn_xlat rn_xl_nlmsg_types, rn_xl_nlm_flags, rn_xl_nlm_get_flags,
    rn_xl_nlm_new_flags, rn_xl_nlm_del_flags, rn_xl_nlm_ack_flags, rn_xl_rtm_types,
    rn_xl_sock_diag_types, rn_xl_audit_types, rn_xl_selinux_types, rn_xl_xfrm_types,
    rn_xl_crypto_types, rn_xl_nlmsgerr_attrs, rn_xl_arphrd, rn_xl_iff_flags, rn_xl_rtext_filter,
    rn_xl_ifa_flags, rn_xl_rt_scopes, rn_xl_rt_tables, rn_xl_rt_protos, rn_xl_rtn_types,
    rn_xl_rtm_flags, rn_xl_nud_states, rn_xl_ntf_flags, rn_xl_in6_addr_gen_mode,
    rn_xl_inet6_if_flags, rn_xl_tcp_states, rn_xl_tcp_state_flags, rn_xl_inet_diag_ext,
    rn_xl_udiag_show, rn_xl_fr_actions, rn_xl_fib_rule_flags, rn_xl_xdp_attached, rn_xl_xdp_flags,
    rn_xl_ndiag_show, rn_xl_ndiag_flags, rn_xl_packet_show, rn_xl_pdi_flags, rn_xl_tpacket_versions,
    rn_xl_eth_protos, rn_xl_dcb_cmds, rn_xl_ifla_stats_filter, rn_xl_rtnh_flags,
    rn_xl_lwt_encap_types, rn_xl_ifla_events;
extern const struct rn_xlat rn_xl_nf_subsys, rn_xl_nf_ctnetlink, rn_xl_nf_ctnetlink_exp,
    rn_xl_nf_queue, rn_xl_nf_ulog, rn_xl_nf_osf, rn_xl_nf_ipset, rn_xl_nf_acct, rn_xl_nf_timeout,
    rn_xl_nf_cthelper, rn_xl_nf_nftables, rn_xl_nf_compat, rn_xl_nf_ctl, rn_xl_ether_protos,
    rn_xl_br_boolopts, rn_xl_tun_types;

#endif
