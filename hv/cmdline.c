#include "cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool cmdline_next(const char **pos, struct cmdline_word *w)
{
	const char *s = *pos;
	const char *eq = NULL;

	while (is_space(*s))
		s++;
	if (!*s)
		return false;
	w->key = s;
	for (; *s && !is_space(*s); s++)
		if (*s == '=' && !eq)
			eq = s;
	if (eq) {
		w->keylen = (size_t)(eq - w->key);
		w->value = eq + 1;
		w->valuelen = (size_t)(s - eq - 1);
	} else {
		w->keylen = (size_t)(s - w->key);
		w->value = NULL;
		w->valuelen = 0;
	}
	*pos = s;
	return true;
}

static bool span_is(const char *s, size_t len, const char *want)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (want[i] != s[i])
			return false;
	return want[len] == '\0';
}

bool cmdline_key_is(const struct cmdline_word *w, const char *key)
{
	return span_is(w->key, w->keylen, key);
}

bool cmdline_value_is(const struct cmdline_word *w, const char *value)
{
	return w->value && span_is(w->value, w->valuelen, value);
}

bool cmdline_parse_size(const char *s, size_t len, uint64_t *bytes)
{
	uint64_t v = 0, unit = 1;
	size_t i;

	if (len == 0)
		return false;
	switch (s[len - 1]) {
	case 'K': case 'k': unit = KiB; len--; break;
	case 'M': case 'm': unit = MiB; len--; break;
	case 'G': case 'g': unit = GiB; len--; break;
	default: break;
	}
	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > UINT64_MAX / unit)
		return false;
	*bytes = v * unit;
	return true;
}
