#include "guest.h"
#include "guest_access.h"

/*
 * The hypervisor acts for the guest's kernel: supervisor rights, and the
 * accessed and dirty bits set as the CPU would set them on a write.
 */
bool guest_translate(struct guest *g, gva_t gva, bool write, gpa_t *gpa)
{
	struct shadow_space *sp = g->shadow.cur;
	struct gwalk w;

	if (!guest_alive(g) || gva >= g->shadow.reserve_top)
		return false;
	if (sp->root == SHADOW_LINEAR) {
		if (gva >= g->mem.bytes)
			return false;
		*gpa = gva;
		return true;
	}
	if (gwalk(&g->mem, g->shadow.format, sp->root, gva,
		  write ? GW_WRITE : 0, write, &w) != GW_OK)
		return false;
	*gpa = w.page | (gva & (PAGE_SIZE - 1));
	return true;
}

static bool copy(struct guest *g, gva_t gva, void *buf, size_t len,
		 bool to_guest)
{
	uint8_t *b = buf;

	while (len > 0) {
		uint32_t off = gva & (PAGE_SIZE - 1);
		size_t chunk = MIN(len, (size_t)(PAGE_SIZE - off));
		gpa_t gpa;
		bool ok;

		if (!guest_translate(g, gva, to_guest, &gpa))
			return false;
		ok = to_guest ? guest_mem_write(&g->mem, gpa, b, chunk)
			      : guest_mem_read(&g->mem, gpa, b, chunk);
		if (!ok)
			return false;
		gva += (uint32_t)chunk;
		b += chunk;
		len -= chunk;
		if (gva == 0 && len > 0)
			return false;           /* wrapped around 4 GiB */
	}
	return true;
}

bool guest_writable(struct guest *g, gva_t gva, size_t len)
{
	uint64_t end = (uint64_t)gva + len;
	uint64_t page = gva & ~(uint64_t)(PAGE_SIZE - 1);
	gpa_t gpa;

	if (end > (1ull << 32))
		return false;
	for (; page < end; page += PAGE_SIZE)
		if (!guest_translate(g, (gva_t)MAX(page, (uint64_t)gva), true, &gpa))
			return false;
	return true;
}

bool guest_read(struct guest *g, gva_t gva, void *dst, size_t len)
{
	return copy(g, gva, dst, len, false);
}

bool guest_write(struct guest *g, gva_t gva, const void *src, size_t len)
{
	return copy(g, gva, (void *)src, len, true);
}

bool guest_read_string(struct guest *g, gva_t gva, char *dst, size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size; i++) {
		if (!guest_read(g, gva + (uint32_t)i, &dst[i], 1))
			return false;
		if (dst[i] == '\0')
			return true;
	}
	dst[i] = '\0';
	return true;
}
