/* fdio.h - whole buffers written to and read from a descriptor (pipes to
 * and from child processes, files being uploaded), retrying after EINTR
 * and short transfers. */
#ifndef VEILLE_FDIO_H
#define VEILLE_FDIO_H

#include <stddef.h>

/* Writes the len bytes of buf; 0, or -1 (errno set; 0 for a descriptor
 * that takes nothing more) once a write fails. */
int fdio_write_all(int fd, const void *buf, size_t len);

/* Reads exactly len bytes into buf; 0, or -1 on error or end of file. */
int fdio_read_all(int fd, void *buf, size_t len);

#endif
