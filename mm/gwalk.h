/*
 * Walking a guest's own page tables, in either of the formats a guest may
 * use: 2-level (32-bit entries; a directory entry covers 4 MiB, or maps a
 * 4 MiB page with PS) or PAE (PDPT, directory, table; 64-bit entries; a
 * directory entry covers 2 MiB, or maps a 2 MiB page; NX). Every entry is
 * read from guest memory and checked: a frame past the guest's memory or a
 * reserved bit set is the guest breaking the rules, not a page fault.
 */
#ifndef MM_GWALK_H
#define MM_GWALK_H

#include <types.h>
#include <x86/exception.h>
#include "guest_mem.h"

enum guest_pt_format {
	GPT_2LEVEL = 0,             /* the ABI's HV_PT_2LEVEL */
	GPT_PAE = 1,                /* HV_PT_PAE */
};

/* What the access needs: combine. */
#define GW_WRITE    (1u << 0)
#define GW_USER     (1u << 1)
#define GW_FETCH    (1u << 2)

enum gwalk_result {
	GW_OK,                      /* mapped with the rights asked for */
	GW_FAULT,                   /* a page fault for the guest */
	GW_BAD,                     /* the tables break the rules */
};

struct gwalk {
	gpa_t page;                 /* guest-physical address of the 4 KiB page */
	bool writable, user, nx;    /* combined over every level */
	bool accessed, dirty;       /* of the leaf (PTE, or large-page PDE) */
	gpa_t leaf_gpa;             /* where the leaf entry lives */
	unsigned leaf_level;        /* 1: page table; 2: large page in the directory */
	uint32_t error;             /* with GW_FAULT: the error code to report */
	const char *why;            /* with GW_BAD: the broken rule */
	gpa_t bad_gpa;              /* with GW_BAD: the offending entry */
};

/*
 * Walks format's tables from root for gva with the access wanted. With
 * set_ad, marks the entries accessed (and the leaf dirty on a write) in
 * guest memory, as the CPU would, when the walk succeeds.
 */
enum gwalk_result gwalk(const struct guest_mem *m, enum guest_pt_format format,
			gpa_t root, gva_t gva, unsigned access, bool set_ad,
			struct gwalk *w);

/* Checks a top-level table's location (and, for PAE, its four entries). */
const char *gwalk_check_root(const struct guest_mem *m,
			     enum guest_pt_format format, gpa_t root);

/* Bytes of address space one top-level and one directory entry cover. */
uint64_t gwalk_top_span(enum guest_pt_format format);
uint64_t gwalk_dir_span(enum guest_pt_format format);

#endif
