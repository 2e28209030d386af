/*
 * echo: an interactive guest. Reads standard input line by line (the
 * console, when this guest has the input focus) and answers each line
 * with "echo: LINE" (control characters shown as '^X'). "quit" ends it.
 * With "count", it answers nothing until a line "end", then says how many
 * lines came before it: for floods whose lines are not all kept.
 */
#include <stdio.h>
#include <string.h>
#include "hv.h"

static void show(const char *line)
{
	const char *p;

	printf("echo: ");
	for (p = line; *p; p++) {
		if ((unsigned char)*p < 0x20)
			printf("^%c", *p + '@');
		else
			putchar(*p);
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	char line[256];
	int count = argc > 1 && !strcmp(argv[1], "count");
	unsigned lines = 0;

	printf("ready%s\n", count ? " to count" : "");
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = 0;
		if (!strcmp(line, count ? "end" : "quit"))
			break;
		lines++;
		if (!count)
			show(line);
	}
	if (count)
		printf("end after %s lines\n", lines ? "some" : "no");
	printf("bye\n");
	return 0;
}
