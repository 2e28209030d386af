#include "pipe.h"
#include "pv.h"
#include "sched.h"
#include "user.h"

struct pipe {
	unsigned readers, writers;      /* descriptors open on each end */
	uint32_t head, tail;            /* bytes written and read, ever */
	char data[PIPE_SIZE];
};

static struct pipe pipes[NPIPE];

static struct pipe *pipe_of(const struct fd *f)
{
	return &pipes[f->pipe];
}

static void hold(const struct fd *f)
{
	if (f->kind == FD_PIPE_READ)
		pipe_of(f)->readers++;
	else if (f->kind == FD_PIPE_WRITE)
		pipe_of(f)->writers++;
}

void fds_init(struct proc *p, const struct proc *parent)
{
	unsigned i;

	for (i = 0; i < FD_MAX; i++) {
		p->fds[i] = parent ? parent->fds[i] :
			    (struct fd){ i < 2 ? FD_CONSOLE : FD_NONE, 0 };
		hold(&p->fds[i]);
	}
}

/* A free pipe: no end open. */
static int pipe_new(void)
{
	unsigned i;

	for (i = 0; i < NPIPE; i++)
		if (!pipes[i].readers && !pipes[i].writers) {
			pipes[i].head = pipes[i].tail = 0;
			return (int)i;
		}
	return -1;
}

static int fd_free(const struct proc *p, int from)
{
	int i;

	for (i = from; i < FD_MAX; i++)
		if (p->fds[i].kind == FD_NONE)
			return i;
	return -1;
}

int fd_pipe(struct proc *p, int fds[2])
{
	int n = pipe_new(), r = fd_free(p, 0), w = r < 0 ? -1 : fd_free(p, r + 1);

	if (n < 0 || r < 0 || w < 0)
		return SYSCALL_BAD;
	p->fds[r] = (struct fd){ FD_PIPE_READ, (unsigned)n };
	p->fds[w] = (struct fd){ FD_PIPE_WRITE, (unsigned)n };
	hold(&p->fds[r]);
	hold(&p->fds[w]);
	fds[0] = r;
	fds[1] = w;
	return 0;
}

static const struct fd *fd_get(const struct proc *p, int fd)
{
	return fd >= 0 && fd < FD_MAX ? &p->fds[fd] : NULL;
}

int fd_read(struct proc *p, int fd, char *buf, uint32_t len)
{
	const struct fd *f = fd_get(p, fd);
	struct pipe *q;
	uint32_t n = 0;

	if (!f || (f->kind != FD_PIPE_READ && f->kind != FD_CONSOLE))
		return SYSCALL_BAD;
	if (f->kind == FD_CONSOLE)
		return 0;                       /* no console input yet */
	q = pipe_of(f);
	while (q->head == q->tail && q->writers)
		sched_sleep_on(q);
	while (n < len && q->tail != q->head)
		buf[n++] = q->data[q->tail++ % PIPE_SIZE];
	sched_wakeup(q);
	return (int)n;
}

int fd_write(struct proc *p, int fd, const char *buf, uint32_t len)
{
	const struct fd *f = fd_get(p, fd);
	struct pipe *q;
	uint32_t n = 0;

	if (!f || (f->kind != FD_PIPE_WRITE && f->kind != FD_CONSOLE))
		return SYSCALL_BAD;
	if (f->kind == FD_CONSOLE) {
		pv->console_write(buf, len);
		return (int)len;
	}
	q = pipe_of(f);
	while (n < len) {
		if (!q->readers)
			return SYSCALL_BAD;
		if (q->head - q->tail == PIPE_SIZE) {
			sched_wakeup(q);
			sched_sleep_on(q);
			continue;
		}
		q->data[q->head++ % PIPE_SIZE] = buf[n++];
	}
	sched_wakeup(q);
	return (int)n;
}

int fd_close(struct proc *p, int fd)
{
	struct fd *f = fd >= 0 && fd < FD_MAX ? &p->fds[fd] : NULL;

	if (!f || f->kind == FD_NONE)
		return SYSCALL_BAD;
	if (f->kind == FD_PIPE_READ)
		pipe_of(f)->readers--;
	else if (f->kind == FD_PIPE_WRITE)
		pipe_of(f)->writers--;
	if (f->kind != FD_CONSOLE)
		sched_wakeup(pipe_of(f));       /* the other end may end */
	f->kind = FD_NONE;
	return 0;
}

void fds_close_all(struct proc *p)
{
	int i;

	for (i = 0; i < FD_MAX; i++)
		if (p->fds[i].kind != FD_NONE)
			fd_close(p, i);
}
