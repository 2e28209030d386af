#include <multiboot2.h>
#include <x86/vga.h>
#include <lib/fmt.h>
#include "mb2.h"

struct parser {
	const uint8_t *base;
	uint32_t total;
	struct mb2_info *out;
	char *err;
	size_t errlen;
	bool seen_cmdline, seen_loader, seen_mmap;
};

#define FAIL(p, ...) (fmt_snprintf((p)->err, (p)->errlen, __VA_ARGS__), false)

/* A string field must end with a NUL inside [s, s + len). */
static bool terminated(const char *s, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\0')
			return true;
	return false;
}

static bool parse_string(struct parser *p, const struct mb2_tag *tag,
			 uint32_t off, bool *seen, const char **dst,
			 const char *what)
{
	const char *s = (const char *)tag + sizeof(*tag);

	if (*seen)
		return FAIL(p, "multiboot2: second %s tag at offset %u", what, off);
	if (!terminated(s, tag->size - (uint32_t)sizeof(*tag)))
		return FAIL(p, "multiboot2: %s at offset %u is not terminated",
			    what, off);
	*seen = true;
	*dst = s;
	return true;
}

static bool parse_module(struct parser *p, const struct mb2_tag *tag,
			 uint32_t off)
{
	const struct mb2_tag_module *m = (const void *)tag;
	struct mb2_info *out = p->out;

	if (tag->size < sizeof(*m) + 1)
		return FAIL(p, "multiboot2: module tag at offset %u is too short "
			    "(%u bytes)", off, tag->size);
	if (!terminated(m->cmdline, tag->size - (uint32_t)sizeof(*m)))
		return FAIL(p, "multiboot2: module command line at offset %u "
			    "is not terminated", off);
	if (m->mod_end < m->mod_start)
		return FAIL(p, "multiboot2: module at offset %u ends (0x%x) "
			    "before it starts (0x%x)", off, m->mod_end,
			    m->mod_start);
	if (out->nmodules == MB2_MAX_MODULES) {
		out->modules_dropped++;
		return true;
	}
	out->modules[out->nmodules].start = m->mod_start;
	out->modules[out->nmodules].end = m->mod_end;
	out->modules[out->nmodules].cmdline = m->cmdline;
	out->nmodules++;
	return true;
}

static bool parse_mmap(struct parser *p, const struct mb2_tag *tag,
		       uint32_t off)
{
	const struct mb2_tag_mmap *mm = (const void *)tag;
	struct mb2_info *out = p->out;
	uint32_t body, n, i;

	if (p->seen_mmap)
		return FAIL(p, "multiboot2: second memory map at offset %u", off);
	p->seen_mmap = true;
	if (tag->size < sizeof(*mm))
		return FAIL(p, "multiboot2: memory map at offset %u is too short",
			    off);
	if (mm->entry_size < sizeof(struct mb2_mmap_entry) ||
	    mm->entry_size % 8 != 0)
		return FAIL(p, "multiboot2: memory map entry size %u is invalid",
			    mm->entry_size);
	body = tag->size - (uint32_t)sizeof(*mm);
	if (body % mm->entry_size != 0)
		return FAIL(p, "multiboot2: memory map size %u is not a multiple "
			    "of its entry size %u", body, mm->entry_size);
	n = body / mm->entry_size;
	if (n > MB2_MAX_REGIONS)
		return FAIL(p, "multiboot2: memory map has %u entries, more than "
			    "the %u supported", n, MB2_MAX_REGIONS);
	for (i = 0; i < n; i++) {
		const struct mb2_mmap_entry *e = (const void *)
			((const uint8_t *)mm + sizeof(*mm) + i * mm->entry_size);

		if (e->base + e->length < e->base)
			return FAIL(p, "multiboot2: memory map entry %u wraps "
				    "around (base 0x%llx, length 0x%llx)", i,
				    (unsigned long long)e->base,
				    (unsigned long long)e->length);
		out->regions[i].base = e->base;
		out->regions[i].length = e->length;
		out->regions[i].type = e->type;
	}
	out->nregions = n;
	return true;
}

static bool parse_acpi(struct parser *p, const struct mb2_tag *tag,
		       uint32_t off)
{
	uint32_t len = tag->size - (uint32_t)sizeof(*tag);
	uint32_t need = tag->type == MB2_TAG_ACPI_NEW ? 36 : 20;

	if (len < need)
		return FAIL(p, "multiboot2: ACPI RSDP tag at offset %u is too "
			    "short (%u bytes)", off, len);
	/* Prefer the ACPI 2.0 copy when the loader gives both. */
	if (!p->out->rsdp || tag->type == MB2_TAG_ACPI_NEW) {
		p->out->rsdp = (const uint8_t *)tag + sizeof(*tag);
		p->out->rsdp_len = len;
	}
	return true;
}

#define FB_TEXT_CELL    2u      /* bytes per EGA text cell */

static bool field_fits(uint8_t pos, uint8_t size, uint8_t bpp)
{
	return size >= 1 && size <= 8 && pos + size <= bpp;
}

/* Checks the geometry; returns "" or why the framebuffer cannot be used. */
static const char *fb_geometry_problem(const struct mb2_framebuffer *fb)
{
	uint64_t line;

	if (fb->width == 0 || fb->height == 0)
		return "it has no size";
	if (fb->type == MB2_FB_EGA_TEXT) {
		/* Text mode lives in one place; anything else is not it. */
		if (fb->addr != VGA_TEXT_PA ||
		    (uint64_t)fb->pitch * fb->height > VGA_TEXT_SIZE)
			return "text mode outside the VGA text window";
		line = (uint64_t)fb->width * FB_TEXT_CELL;
	}
	else if (fb->bpp == 16 || fb->bpp == 24 || fb->bpp == 32)
		line = ((uint64_t)fb->width * fb->bpp + 7) / 8;
	else
		return "its pixel size is not 16, 24 or 32 bits";
	if (fb->type == MB2_FB_RGB &&
	    (!field_fits(fb->red_pos, fb->red_size, fb->bpp) ||
	     !field_fits(fb->green_pos, fb->green_size, fb->bpp) ||
	     !field_fits(fb->blue_pos, fb->blue_size, fb->bpp)))
		return "its colour fields lie outside its pixels";
	if (fb->pitch < line)
		return "its lines are shorter than its width";
	if (fb->addr + (uint64_t)fb->pitch * fb->height < fb->addr)
		return "it wraps around the address space";
	return "";
}

static void fb_reject(struct parser *p, uint32_t off, const char *why)
{
	fmt_snprintf(p->out->fb_problem, sizeof(p->out->fb_problem),
		     "framebuffer tag at offset %u ignored: %s", off, why);
}

/* Never fails the parse: the machine still boots, with a serial console. */
static bool parse_framebuffer(struct parser *p, const struct mb2_tag *tag,
			      uint32_t off)
{
	const struct mb2_tag_framebuffer *t = (const void *)tag;
	const struct mb2_fb_rgb *rgb = (const void *)(t + 1);
	struct mb2_framebuffer fb;
	const char *why;

	if (p->out->have_fb || p->out->fb_problem[0]) {
		fb_reject(p, off, "a second one");
		p->out->have_fb = false;
		return true;
	}
	if (tag->size < sizeof(*t)) {
		fb_reject(p, off, "too short");
		return true;
	}
	fb = (struct mb2_framebuffer){ t->addr, t->pitch, t->width, t->height,
				       t->bpp, t->fb_type, 0, 0, 0, 0, 0, 0 };
	if (fb.type == MB2_FB_RGB) {
		if (tag->size < sizeof(*t) + sizeof(*rgb)) {
			fb_reject(p, off, "too short for its colour fields");
			return true;
		}
		fb.red_pos = rgb->red_pos, fb.red_size = rgb->red_size;
		fb.green_pos = rgb->green_pos, fb.green_size = rgb->green_size;
		fb.blue_pos = rgb->blue_pos, fb.blue_size = rgb->blue_size;
	} else if (fb.type != MB2_FB_EGA_TEXT) {
		fb_reject(p, off, "indexed colours are not supported");
		return true;
	}
	why = fb_geometry_problem(&fb);
	if (why[0]) {
		fb_reject(p, off, why);
		return true;
	}
	p->out->fb = fb;
	p->out->have_fb = true;
	return true;
}

static bool parse_tag(struct parser *p, const struct mb2_tag *tag, uint32_t off)
{
	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		return parse_string(p, tag, off, &p->seen_cmdline,
				    &p->out->cmdline, "command line");
	case MB2_TAG_LOADER_NAME:
		return parse_string(p, tag, off, &p->seen_loader,
				    &p->out->loader_name, "boot loader name");
	case MB2_TAG_MODULE:
		return parse_module(p, tag, off);
	case MB2_TAG_MMAP:
		return parse_mmap(p, tag, off);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		return parse_acpi(p, tag, off);
	case MB2_TAG_FRAMEBUFFER:
		return parse_framebuffer(p, tag, off);
	default:
		return true;        /* tags we did not ask for are skipped */
	}
}

bool mb2_parse(const void *mbi, struct mb2_info *out, char *err, size_t errlen)
{
	struct parser p = { mbi, 0, out, err, errlen, false, false, false };
	const struct mb2_info_header *hdr = mbi;
	uint32_t off;

	*out = (struct mb2_info){ .cmdline = "", .loader_name = "" };
	if (!mbi || ((uintptr_t)mbi % MB2_TAG_ALIGN) != 0)
		return FAIL(&p, "multiboot2: information at %p is not 8-byte "
			    "aligned", mbi);
	p.total = hdr->total_size;
	if (p.total < sizeof(*hdr) + sizeof(struct mb2_tag) ||
	    p.total > MB2_MAX_INFO_SIZE)
		return FAIL(&p, "multiboot2: information size %u is implausible",
			    p.total);
	out->total_size = p.total;

	for (off = sizeof(*hdr);; ) {
		const struct mb2_tag *tag;

		if (off > p.total - sizeof(*tag))
			return FAIL(&p, "multiboot2: no end tag within the %u "
				    "bytes of information", p.total);
		tag = (const void *)(p.base + off);
		if (tag->size < sizeof(*tag) || tag->size > p.total - off)
			return FAIL(&p, "multiboot2: tag %u at offset %u has size "
				    "%u, outside the %u bytes of information",
				    tag->type, off, tag->size, p.total);
		if (tag->type == MB2_TAG_END) {
			if (tag->size != sizeof(*tag))
				return FAIL(&p, "multiboot2: end tag at offset %u "
					    "has size %u", off, tag->size);
			break;
		}
		if (!parse_tag(&p, tag, off))
			return false;
		off += ALIGN_UP(tag->size, MB2_TAG_ALIGN);
	}
	if (!p.seen_mmap)
		return FAIL(&p, "multiboot2: the boot loader gave no memory map");
	return true;
}
