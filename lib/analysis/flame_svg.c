// SPDX-License-Identifier: MIT
/*
 * The flame graph as one SVG file that needs nothing else: the frames are laid out here
 * (root at the bottom, children left to right in stack order), each a <g class="f"> with its
 * fraction of the total in data-x/data-w so the inline script can zoom without knowing
 * the values; hover shows a frame's details, a click zooms, "Search" highlights by regex.
 */
#include "flame_svg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { WIDTH = 1200, FRAME_H = 16, TOP = 36, BOTTOM = 24, PAD = 10, CHAR_W = 7 };

struct node {
	const char *name; /* into the stack text it came from */
	size_t len;
	uint64_t value, x; /* x: sum of values left of it, in unit */
	uint32_t depth;
	size_t parent, filled; /* filled: value its children take so far */
};

static void put_xml(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (s[i]) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* XML 1.0 has no place for other control characters */
			fputc((unsigned char)s[i] < 0x20 ? '?' : s[i], f);
		}
}

/* A warm colour from the name, so a syscall keeps its colour across graphs. */
static void colour(const char *s, size_t n, unsigned *r, unsigned *g, unsigned *b)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	*r = 205 + h % 50;
	*g = (h >> 8) % 180;
	*b = (h >> 16) % 55;
}

static const char SCRIPT[] =
    "var W=1200,PAD=10,CW=7,frames,details,unzoomBtn,matched,zoomed=null;\n"
    "function init(){frames=document.getElementsByClassName('f');\n"
    " details=document.getElementById('details');unzoomBtn=document.getElementById('unzoom');\n"
    " matched=document.getElementById('matched');\n"
    " for(var i=0;i<frames.length;i++){var g=frames[i];\n"
    "  "
    "g.onmouseover=function(){details.textContent=this.getElementsByTagName('title')[0]."
    "textContent;};\n"
    "  g.onmouseout=function(){details.textContent=' ';};\n"
    "  g.onclick=function(){zoom(this);};}\n"
    " unzoomBtn.onclick=function(){zoom(null);};\n"
    " document.getElementById('search').onclick=function(){search();};\n"
    " relabel();}\n"
    "function fx(g){return parseFloat(g.getAttribute('data-x'));}\n"
    "function fw(g){return parseFloat(g.getAttribute('data-w'));}\n"
    "function label(g,w){var t=g.getElementsByTagName('text')[0],n=g.getAttribute('data-n');\n"
    " var c=Math.floor((w-6)/CW);t.textContent=c<3?'':(n.length<=c?n:n.substring(0,c-2)+'..');}\n"
    "function place(g,x,w){var "
    "r=g.getElementsByTagName('rect')[0],t=g.getElementsByTagName('text')[0];\n"
    " r.setAttribute('x',x);r.setAttribute('width',Math.max(w,0));t.setAttribute('x',x+3);label(g,"
    "w);}\n"
    "function relabel(){var z0=zoomed?fx(zoomed):0,zw=zoomed?fw(zoomed):1,zy=zoomed?"
    "parseFloat(zoomed.getAttribute('data-d')):0;\n"
    " for(var i=0;i<frames.length;i++){var "
    "g=frames[i],x=fx(g),w=fw(g),d=parseFloat(g.getAttribute('data-d'));\n"
    "  var inside=x>=z0-1e-12&&x+w<=z0+zw+1e-12,below=d<zy&&x<=z0+1e-12&&x+w>=z0+zw-1e-12;\n"
    "  if(inside&&d>=zy||below){g.style.display='';g.style.opacity=below?0.6:1;\n"
    "   place(g,PAD+(below?0:(x-z0)/zw*(W-2*PAD)),(below?1:w/zw)*(W-2*PAD));}\n"
    "  else g.style.display='none';}}\n"
    "function zoom(g){zoomed=g;unzoomBtn.style.opacity=g?1:0;relabel();}\n"
    "function search(){var term=prompt('Search for (a regular expression):','');\n"
    " if(term===null)return;var re;try{re=new RegExp(term);}catch(e){alert('not a regular "
    "expression: '+e);return;}\n"
    " var spans=[],total=0;\n"
    " for(var i=0;i<frames.length;i++){var g=frames[i],r=g.getElementsByTagName('rect')[0];\n"
    "  if(!r.getAttribute('data-fill'))r.setAttribute('data-fill',r.getAttribute('fill'));\n"
    "  "
    "if(term!==''&&re.test(g.getAttribute('data-n'))){r.setAttribute('fill','rgb(230,0,230)');"
    "spans.push([fx(g),fw(g)]);}\n"
    "  else r.setAttribute('fill',r.getAttribute('data-fill'));}\n"
    " spans.sort(function(a,b){return a[0]-b[0];});var end=-1;\n"
    " for(var j=0;j<spans.length;j++){var "
    "s=spans[j][0],e=s+spans[j][1];if(e<=end)continue;total+=e-Math.max(s,end);end=e;}\n"
    " matched.textContent=term===''?' ':'Matched: '+(100*total).toFixed(1)+'%';}\n";

static void put_frame(FILE *f, const struct node *n, uint64_t total, uint32_t maxdepth,
		      const char *unit)
{
	double fx = total ? (double)n->x / (double)total : 0,
	       fw = total ? (double)n->value / total : 0;
	double w = fw * (WIDTH - 2 * PAD), x = PAD + fx * (WIDTH - 2 * PAD);
	int y = TOP + (int)(maxdepth - n->depth) * FRAME_H;
	unsigned r, g, b;
	size_t fit = w > 6 ? (size_t)((w - 6) / CHAR_W) : 0;

	colour(n->name, n->len, &r, &g, &b);
	fprintf(f, "<g class=\"f\" data-x=\"%.17g\" data-w=\"%.17g\" data-d=\"%u\" data-n=\"", fx,
		fw, n->depth);
	put_xml(f, n->name, n->len);
	fputs("\"><title>", f);
	put_xml(f, n->name, n->len);
	fprintf(f, " (%llu %s, %.2f%%)</title>", (unsigned long long)n->value, unit, 100.0 * fw);
	fprintf(f,
		"<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"rgb(%u,%u,%u)\" "
		"rx=\"2\"/><text x=\"%.2f\" y=\"%d\">",
		x, y, w, FRAME_H - 1, r, g, b, x + 3, y + FRAME_H - 4);
	if (fit >= 3) {
		if (n->len <= fit) {
			put_xml(f, n->name, n->len);
		} else {
			put_xml(f, n->name, fit - 2);
			fputs("..", f);
		}
	}
	fputs("</text></g>\n", f);
}

/* Frames of the sorted stacks: a stack shares its nodes with the previous one's prefix. */
static int build(const char *const *stacks, const uint64_t *values, size_t n, struct node **out,
		 size_t *nout, uint32_t *maxdepth)
{
	struct node *v = NULL;
	size_t nv = 0, cap = 0;
	size_t *path = NULL; /* node at each depth of the previous stack */
	size_t pathcap = 0, pathlen;

	*maxdepth = 0;
	if (!(v = calloc(cap = 64, sizeof(*v))) || !(path = calloc(pathcap = 16, sizeof(*path)))) {
		free(v);
		return -ENOMEM;
	}
	v[nv++] = (struct node){.name = "all", .len = 3};
	pathlen = 1; /* path[0] = root */
	for (size_t i = 0; i < n; i++) {
		const char *s = stacks[i];
		size_t depth = 1, cur = 0;

		v[0].value += values[i];
		for (;;) {
			const char *e = strchr(s, ';');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			size_t k;

			if (depth < pathlen && v[path[depth]].len == len &&
			    !memcmp(v[path[depth]].name, s, len) && v[path[depth]].parent == cur) {
				k = path[depth];
			} else {
				if (nv == cap) {
					struct node *nn = realloc(v, 2 * cap * sizeof(*v));

					if (!nn)
						goto oom;
					v = nn;
					cap *= 2;
				}
				k = nv++;
				v[k] = (struct node){.name = s,
						     .len = len,
						     .depth = (uint32_t)depth,
						     .parent = cur,
						     .x = v[cur].x + v[cur].filled};
				if (depth >= pathcap) {
					size_t *np = realloc(path, 2 * pathcap * sizeof(*path));

					if (!np)
						goto oom;
					path = np;
					pathcap *= 2;
				}
				path[depth] = k;
				pathlen = depth + 1;
			}
			v[k].value += values[i];
			v[cur].filled += values[i];
			if (depth > *maxdepth)
				*maxdepth = (uint32_t)depth;
			cur = k;
			if (!e)
				break;
			s = e + 1;
			depth++;
		}
		pathlen = depth + 1;
	}
	free(path);
	*out = v;
	*nout = nv;
	return 0;
oom:
	free(path);
	free(v);
	return -ENOMEM;
}

int rn_flame_svg__write(FILE *f, const char *const *stacks, const uint64_t *values, size_t n,
			const char *title, const char *unit)
{
	struct node *v;
	size_t nv;
	uint32_t maxdepth;
	int height, r = build(stacks, values, n, &v, &nv, &maxdepth);

	if (r)
		return r;
	height = TOP + (int)(maxdepth + 1) * FRAME_H + BOTTOM;
	fprintf(f,
		"<?xml version=\"1.0\" standalone=\"no\"?>\n"
		"<svg version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"xmlns=\"http://www.w3.org/2000/svg\" onload=\"init()\">\n"
		"<style>text{font-family:Verdana,sans-serif;font-size:12px;fill:#000}"
		"#title{font-size:17px;text-anchor:middle}.btn{cursor:pointer;fill:#00c}"
		"#unzoom{opacity:0}.f{cursor:pointer}.f:hover rect{stroke:#000;stroke-width:0.5}"
		"</style>\n<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n"
		"<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f8f8f8\"/>\n"
		"<text id=\"title\" x=\"%d\" y=\"24\">",
		WIDTH, height, WIDTH, height, SCRIPT, WIDTH, height, WIDTH / 2);
	put_xml(f, title, strlen(title));
	fprintf(f,
		"</text>\n<text id=\"unzoom\" class=\"btn\" x=\"%d\" y=\"24\">Reset Zoom</text>\n"
		"<text id=\"search\" class=\"btn\" x=\"%d\" y=\"24\">Search</text>\n"
		"<text id=\"details\" x=\"%d\" y=\"%d\">%s</text>\n"
		"<text id=\"matched\" x=\"%d\" y=\"%d\"> </text>\n<g id=\"frames\">\n",
		PAD, WIDTH - 120, PAD, height - 8,
		v[0].value ? " " : "no syscalls matched: nothing to draw", WIDTH - 160, height - 8);
	for (size_t i = 0; i < nv; i++)
		put_frame(f, &v[i], v[0].value, maxdepth, unit);
	fputs("</g>\n</svg>\n", f);
	free(v);
	return ferror(f) ? -EIO : 0;
}
