/*
 * Pipes and file descriptors. Each process has FD_MAX descriptors; 0 and
 * 1 start as the console (reads of it end at once; writes go out), and
 * pipe() makes a pair more. A pipe holds PIPE_SIZE bytes: a reader waits
 * while it is empty and a writer remains, then reads what there is (0 at
 * the end); a writer waits while it is full and a reader remains, and
 * gets SYSCALL_BAD once none does. fork() copies the descriptors; exit
 * closes them.
 */
#ifndef OS_PIPE_H
#define OS_PIPE_H

#include "sched.h"

#define PIPE_SIZE       512u
#define NPIPE           16

/* A new process's descriptors: the console's, or a copy of parent's. */
void fds_init(struct proc *p, const struct proc *parent);
void fds_close_all(struct proc *p);

/* The system calls' work; the buffer is user memory, already checked. */
int fd_pipe(struct proc *p, int fds[2]);
int fd_read(struct proc *p, int fd, char *buf, uint32_t len);
int fd_write(struct proc *p, int fd, const char *buf, uint32_t len);
int fd_close(struct proc *p, int fd);

#endif
