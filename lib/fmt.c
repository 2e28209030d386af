#include "fmt.h"

struct spec {
	bool left;          /* '-': pad on the right */
	bool zero;          /* '0': pad numbers with zeros */
	unsigned width;
	int precision;      /* -1 when absent */
	unsigned lng;       /* number of 'l's; 'z' counts as one */
};

static void pad(fmt_sink_t sink, void *ctx, char c, unsigned n)
{
	char buf[16];
	unsigned i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = c;
	while (n > 0) {
		unsigned chunk = n < sizeof(buf) ? n : sizeof(buf);
		sink(ctx, buf, chunk);
		n -= chunk;
	}
}

static size_t emit_padded(fmt_sink_t sink, void *ctx, const struct spec *sp,
			  const char *prefix, const char *s, size_t len)
{
	size_t plen = 0, total;
	unsigned fill = 0;

	while (prefix[plen])
		plen++;
	total = plen + len;
	if (sp->width > total)
		fill = sp->width - (unsigned)total;
	if (!sp->left && !sp->zero)
		pad(sink, ctx, ' ', fill);
	sink(ctx, prefix, plen);
	if (!sp->left && sp->zero)
		pad(sink, ctx, '0', fill);
	sink(ctx, s, len);
	if (sp->left)
		pad(sink, ctx, ' ', fill);
	return total + fill;
}

static size_t emit_number(fmt_sink_t sink, void *ctx, const struct spec *sp,
			  uint64_t v, bool negative, unsigned base, bool upper,
			  const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	size_t n = sizeof(buf);

	do {
		buf[--n] = digits[v % base];
		v /= base;
	} while (v != 0);
	return emit_padded(sink, ctx, sp, negative ? "-" : prefix, buf + n,
			   sizeof(buf) - n);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->left = sp->zero = false;
	sp->width = 0;
	sp->precision = -1;
	sp->lng = 0;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);
		if (w < 0) {
			sp->left = true;
			w = -w;
		}
		sp->width = (unsigned)w;
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (unsigned)(*f - '0');
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->precision = sp->precision * 10 + (*f - '0');
	}
	for (; *f == 'l' || *f == 'z'; f++)
		sp->lng += (*f == 'l') ? 1 : (sizeof(size_t) == sizeof(long));
	return f;
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (sp->lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	if (sp->lng >= 2)
		return va_arg(*ap, long long);
	if (sp->lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static size_t emit_conversion(fmt_sink_t sink, void *ctx, char conv,
			      struct spec *sp, va_list *ap)
{
	switch (conv) {
	case 'c': {
		char c = (char)va_arg(*ap, int);
		return emit_padded(sink, ctx, sp, "", &c, 1);
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		size_t len = 0;

		if (!s)
			s = "(null)";
		while (s[len] && (sp->precision < 0 || len < (size_t)sp->precision))
			len++;
		sp->zero = false;
		return emit_padded(sink, ctx, sp, "", s, len);
	}
	case 'd':
	case 'i': {
		int64_t v = arg_signed(sp, ap);
		uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		return emit_number(sink, ctx, sp, mag, v < 0, 10, false, "");
	}
	case 'u':
		return emit_number(sink, ctx, sp, arg_unsigned(sp, ap), false,
				   10, false, "");
	case 'x':
	case 'X':
		return emit_number(sink, ctx, sp, arg_unsigned(sp, ap), false,
				   16, conv == 'X', "");
	case 'p':
		sp->zero = true;
		sp->width = 2 + 2 * sizeof(void *);
		return emit_number(sink, ctx, sp,
				   (uintptr_t)va_arg(*ap, void *), false, 16,
				   false, "0x");
	case '%':
		sink(ctx, "%", 1);
		return 1;
	default:
		/* Unknown conversion: show it rather than guess at arguments. */
		sink(ctx, "%", 1);
		sink(ctx, &conv, 1);
		return 2;
	}
}

size_t fmt_vformat(fmt_sink_t sink, void *ctx, const char *fmt, va_list ap)
{
	size_t total = 0;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt > start) {
			sink(ctx, start, (size_t)(fmt - start));
			total += (size_t)(fmt - start);
		}
		if (!*fmt)
			break;
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;
		total += emit_conversion(sink, ctx, *fmt++, &sp, &args);
	}
	va_end(args);
	return total;
}

struct buf_sink {
	char *buf;
	size_t size, used;
};

static void buf_put(void *ctx, const char *s, size_t len)
{
	struct buf_sink *b = ctx;
	size_t i;

	for (i = 0; i < len; i++, b->used++)
		if (b->size > 0 && b->used < b->size - 1)
			b->buf[b->used] = s[i];
}

size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { buf, size, 0 };
	size_t n = fmt_vformat(buf_put, &b, fmt, ap);

	if (size > 0)
		buf[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
