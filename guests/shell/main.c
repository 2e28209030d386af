/*
 * shell: a small interactive shell about its own guest. It reads keys one
 * at a time and edits the line itself: it echoes what is typed, Backspace
 * (or Delete) erases, Enter runs the line. The hypervisor shows its prompt
 * and echoes at once, because a guest that waits for input has its
 * unfinished line put out first. Commands: help, name, mem, args, uptime,
 * echo TEXT, exit [STATUS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv.h"

#define LINE_MAX_LEN    72
#define KEY_BACKSPACE   0x08
#define KEY_DELETE      0x7F

static int shell_argc;
static char **shell_argv;

static void put(const char *s)
{
	fputs(s, stdout);
	fflush(stdout);
}

/* Reads one line, echoing and editing it; returns its length. */
static size_t read_line(char *line)
{
	size_t len = 0;
	char echo[2] = { 0, 0 };
	int c;

	for (;;) {
		if ((c = getchar()) == EOF)
			continue;
		if (c == '\n') {
			put("\n");
			line[len] = 0;
			return len;
		}
		if (c == KEY_BACKSPACE || c == KEY_DELETE) {
			if (len) {
				len--;
				put("\b");
			}
		} else if (c >= ' ' && c < KEY_DELETE && len < LINE_MAX_LEN) {
			line[len++] = (char)c;
			echo[0] = (char)c;
			put(echo);
		}
	}
}

static int run(char *line)
{
	char *cmd = strtok(line, " "), *rest = strtok(NULL, "");
	int i;

	if (!cmd)
		return -1;
	if (!strcmp(cmd, "help")) {
		printf("help name mem args uptime echo TEXT exit [STATUS]\n");
	} else if (!strcmp(cmd, "name")) {
		printf("%s\n", shell_argv[0]);
	} else if (!strcmp(cmd, "mem")) {
		printf("%u KiB\n", (unsigned)(hv_boot->mem_bytes / 1024));
	} else if (!strcmp(cmd, "args")) {
		for (i = 1; i < shell_argc; i++)
			printf("%d: %s\n", i, shell_argv[i]);
	} else if (!strcmp(cmd, "uptime")) {
		printf("{%llu} ms\n", (unsigned long long)(hv_time_ns() / 1000000));
	} else if (!strcmp(cmd, "echo")) {
		printf("%s\n", rest ? rest : "");
	} else if (!strcmp(cmd, "exit")) {
		return rest ? atoi(rest) : 0;
	} else {
		printf("%s: no such command (help lists them)\n", cmd);
	}
	return -1;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX_LEN + 1];
	int status;

	shell_argc = argc;
	shell_argv = argv;
	do {
		put("> ");
		read_line(line);
		status = run(line);
	} while (status < 0);
	printf("bye\n");
	return status;
}
