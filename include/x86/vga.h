/*
 * VGA text mode: the colour text buffer, its attribute byte and the CRT
 * controller's cursor. One cell is two bytes, the character (code page
 * 437, which is ASCII from 0x20 to 0x7E) then its attribute.
 */
#ifndef X86_VGA_H
#define X86_VGA_H

#include <types.h>

#define VGA_TEXT_PA             0xB8000u
#define VGA_TEXT_SIZE           0x8000u     /* up to 0xC0000 */

/* The attribute: background colour in bits 4-6 (bit 7 blinks, if enabled),
 * foreground in bits 0-3. */
#define VGA_ATTR(fg, bg)        ((uint8_t)(((bg) << 4) | (fg)))
#define VGA_ATTR_FG(a)          ((a) & 0x0Fu)
#define VGA_ATTR_BG(a)          (((a) >> 4) & 0x07u)
#define VGA_CELL(ch, attr)      ((uint16_t)(((attr) << 8) | (uint8_t)(ch)))

/* The 16 colours of the text palette. */
#define VGA_BLACK               0u
#define VGA_BLUE                1u
#define VGA_GREEN               2u
#define VGA_CYAN                3u
#define VGA_RED                 4u
#define VGA_MAGENTA             5u
#define VGA_BROWN               6u
#define VGA_LIGHT_GREY          7u
#define VGA_DARK_GREY           8u
#define VGA_LIGHT_BLUE          9u
#define VGA_LIGHT_GREEN         10u
#define VGA_LIGHT_CYAN          11u
#define VGA_LIGHT_RED           12u
#define VGA_LIGHT_MAGENTA       13u
#define VGA_YELLOW              14u
#define VGA_WHITE               15u
#define VGA_COLOURS             16u

/* The CRT controller (colour mode): an index port, then its data port. */
#define VGA_CRTC_INDEX          0x3D4
#define VGA_CRTC_DATA           0x3D5
#define VGA_CRTC_CURSOR_START   0x0A
#define VGA_CURSOR_DISABLE      0x20u   /* in CURSOR_START */

#endif
