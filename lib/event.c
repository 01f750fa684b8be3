// SPDX-License-Identifier: MIT
#include "event.h"

const struct rn_item *rn_rec__next_item(const struct rn_sys_rec *rec, const struct rn_item *it)
{
	const char *base = (const char *)rec;
	const char *end = base + rec->h.size;
	const char *p;

	if (!it)
		p = base + sizeof(*rec);
	else
		p = (const char *)rn_item__data(it) + rn_item__padded(it->len);
	if (p + sizeof(struct rn_item) > end)
		return NULL;
	it = (const struct rn_item *)p;
	if ((const char *)rn_item__data(it) + it->len > end)
		return NULL;
	return it;
}

static const struct rn_item *find_item(const struct rn_sys_rec *rec, unsigned arg, unsigned idx)
{
	const struct rn_item *it = NULL;

	if (!rec)
		return NULL;
	while ((it = rn_rec__next_item(rec, it)))
		if (it->arg == arg && it->idx == idx)
			return it;
	return NULL;
}

const struct rn_item *rn_event__item(const struct rn_event *ev, unsigned arg, unsigned idx)
{
	const struct rn_item *it = find_item(ev->rec, arg, idx);

	return it ? it : find_item(ev->enter, arg, idx);
}
