// SPDX-License-Identifier: MIT
/* The renacer-json-v1 reader's "frames" of an event: the call's stack (docs/stacks.md). */
#include <errno.h>
#include <string.h>

#include "trace_json_rd.h"

int rn_jr__frames(struct jr *r, const struct at *at, json_t *arr, struct rn_tr_event *e)
{
	size_t i;
	json_t *o;

	if (!json_is_array(arr))
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"frames\" is not an array", at->what);
	if (json_array_size(arr) >= UINT32_MAX)
		return rn_jr__fail(r, -EINVAL, at->off, "%s: \"frames\" too long", at->what);
	if (rn_jr__grow((void **)&r->frames, &r->frames_cap, json_array_size(arr) + 1,
			sizeof(*r->frames)))
		return rn_jr__fail(r, -ENOMEM, at->off, "out of memory");
	json_array_foreach(arr, i, o)
	{
		struct rn_tr_frame *f = &r->frames[i];
		int err;

		memset(f, 0, sizeof(*f));
		if (!json_is_object(o))
			return rn_jr__fail(r, -EINVAL, at->off, "%s: frames[%zu] is not an object",
					   at->what, i);
		if ((err = rn_jr__get_u64(r, at, o, "pc", &f->pc, true)) ||
		    (err = rn_jr__get_u64(r, at, o, "offset", &f->offset, true)) ||
		    (err = rn_jr__get_text(r, at, o, "module", &f->module, false)) ||
		    (err = rn_jr__get_text(r, at, o, "build_id", &f->build_id, false)) ||
		    (err = rn_jr__get_text(r, at, o, "symbol", &f->symbol, false)) ||
		    (err = rn_jr__get_u64(r, at, o, "symbol_offset", &f->symbol_offset, false)) ||
		    (err = rn_jr__get_text(r, at, o, "function", &f->function, false)) ||
		    (err = rn_jr__get_text(r, at, o, "file", &f->file, false)) ||
		    (err = rn_jr__get_u32(r, at, o, "line", &f->line, false)) ||
		    (err = rn_jr__get_bool(r, at, o, "inlined", &f->inlined)) ||
		    (err = rn_jr__get_bool(r, at, o, "own", &f->own)))
			return err;
	}
	e->frames = r->frames;
	e->nframes = (uint32_t)json_array_size(arr);
	return 0;
}
