// SPDX-License-Identifier: MIT
/*
 * The gRPC C core functions otlp_grpc.c calls, loaded with dlopen at the first call.
 * Linked, libgrpc brings ~60 libraries (absl, re2, ssl, libstdc++) whose loading,
 * relocation and constructors cost every renacerctl and renacerd start ~10-30 ms of
 * CPU (docs/performance.md, start-up), though only --otlp and export use them. These
 * definitions carry the headers' prototypes, so the compiler checks each against them.
 * When the library cannot be loaded, the functions that make objects return NULL (the
 * caller reports "cannot make a gRPC channel") and the others do nothing.
 */
#include <dlfcn.h>
#include <grpc/byte_buffer.h>
#include <grpc/byte_buffer_reader.h>
#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/slice.h>
#include <grpc/support/time.h>
#include <pthread.h>

#include "log.h"

#ifndef RN_GRPC_SONAME
#define RN_GRPC_SONAME "libgrpc.so"
#endif

static void *lib;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_lib(void)
{
	/* RTLD_GLOBAL: libgrpc's own plugins look their symbols up globally */
	lib = dlopen(RN_GRPC_SONAME, RTLD_NOW | RTLD_GLOBAL);
	if (!lib)
		rn_err("cannot load the gRPC library for OTLP: %s (install libgrpc: "
		       "scripts/install-deps.sh)",
		       dlerror());
}

/* The address of name in libgrpc (or a library it brought, like libgpr), or NULL. */
static void *sym(const char *name)
{
	pthread_once(&once, open_lib);
	return lib ? dlsym(lib, name) : NULL;
}

/* The address of name, looked up once into *slot (any thread may do it: same result). */
static void *resolve(void **slot, const char *name)
{
	void *f = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

	if (!f) {
		f = sym(name);
		__atomic_store_n(slot, f, __ATOMIC_RELEASE);
	}
	return f;
}

#define FORWARD(ret, name, params, args, none)                                                     \
	ret name params                                                                            \
	{                                                                                          \
		static void *slot;                                                                 \
		ret(*p) params;                                                                    \
		*(void **)&p = resolve(&slot, #name);                                              \
		return p ? p args : none;                                                          \
	}
#define FORWARD_VOID(name, params, args)                                                           \
	void name params                                                                           \
	{                                                                                          \
		static void *slot;                                                                 \
		void(*p) params;                                                                   \
		*(void **)&p = resolve(&slot, #name);                                              \
		if (p)                                                                             \
			p args;                                                                    \
	}

static const grpc_slice no_slice;
static const gpr_timespec no_time;
static const grpc_event no_event = {.type = GRPC_QUEUE_SHUTDOWN};

/* grpc_security.h declares it without a prototype: give it one */
grpc_channel_credentials *grpc_insecure_credentials_create(void);

FORWARD_VOID(grpc_init, (void), ())
FORWARD_VOID(grpc_shutdown, (void), ())
FORWARD(grpc_channel_credentials *, grpc_insecure_credentials_create, (void), (), NULL)
FORWARD(grpc_channel_credentials *, grpc_ssl_credentials_create,
	(const char *pem_root_certs, grpc_ssl_pem_key_cert_pair *pair,
	 const verify_peer_options *verify, void *reserved),
	(pem_root_certs, pair, verify, reserved), NULL)
FORWARD_VOID(grpc_channel_credentials_release, (grpc_channel_credentials * creds), (creds))
FORWARD(grpc_channel *, grpc_channel_create,
	(const char *target, grpc_channel_credentials *creds, const grpc_channel_args *args),
	(target, creds, args), NULL)
FORWARD_VOID(grpc_channel_destroy, (grpc_channel * channel), (channel))
FORWARD(grpc_call *, grpc_channel_create_call,
	(grpc_channel * channel, grpc_call *parent, uint32_t mask, grpc_completion_queue *cq,
	 grpc_slice method, const grpc_slice *host, gpr_timespec deadline, void *reserved),
	(channel, parent, mask, cq, method, host, deadline, reserved), NULL)
FORWARD(grpc_call_error, grpc_call_start_batch,
	(grpc_call * call, const grpc_op *ops, size_t nops, void *tag, void *reserved),
	(call, ops, nops, tag, reserved), GRPC_CALL_ERROR)
FORWARD(grpc_call_error, grpc_call_cancel, (grpc_call * call, void *reserved), (call, reserved),
	GRPC_CALL_ERROR)
FORWARD_VOID(grpc_call_unref, (grpc_call * call), (call))
FORWARD(grpc_completion_queue *, grpc_completion_queue_create_for_pluck, (void *reserved),
	(reserved), NULL)
FORWARD(grpc_event, grpc_completion_queue_pluck,
	(grpc_completion_queue * cq, void *tag, gpr_timespec deadline, void *reserved),
	(cq, tag, deadline, reserved), no_event)
FORWARD_VOID(grpc_completion_queue_shutdown, (grpc_completion_queue * cq), (cq))
FORWARD_VOID(grpc_completion_queue_destroy, (grpc_completion_queue * cq), (cq))
FORWARD_VOID(grpc_metadata_array_init, (grpc_metadata_array * array), (array))
FORWARD_VOID(grpc_metadata_array_destroy, (grpc_metadata_array * array), (array))
FORWARD(grpc_byte_buffer *, grpc_raw_byte_buffer_create, (grpc_slice * slices, size_t n),
	(slices, n), NULL)
FORWARD_VOID(grpc_byte_buffer_destroy, (grpc_byte_buffer * bb), (bb))
FORWARD(int, grpc_byte_buffer_reader_init, (grpc_byte_buffer_reader * rd, grpc_byte_buffer *bb),
	(rd, bb), 0)
FORWARD(grpc_slice, grpc_byte_buffer_reader_readall, (grpc_byte_buffer_reader * rd), (rd), no_slice)
FORWARD_VOID(grpc_byte_buffer_reader_destroy, (grpc_byte_buffer_reader * rd), (rd))
FORWARD(grpc_slice, grpc_empty_slice, (void), (), no_slice)
FORWARD(grpc_slice, grpc_slice_from_static_string, (const char *s), (s), no_slice)
FORWARD(grpc_slice, grpc_slice_from_copied_buffer, (const char *s, size_t len), (s, len), no_slice)
FORWARD_VOID(grpc_slice_unref, (grpc_slice s), (s))
FORWARD(gpr_timespec, gpr_inf_future, (gpr_clock_type type), (type), no_time)
