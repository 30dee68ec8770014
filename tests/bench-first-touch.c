/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the first write to fresh memory costs on this machine, in 4 KiB
 * pages and in transparent huge pages, back to back and after a pause:
 * the figures behind "No transparent huge pages" in docs/DECISIONS.md.
 * On a VM whose host takes back the memory its guest frees, a huge page
 * has to be backed anew after a pause, and its first touch can cost
 * tens of times what a small page's does.
 * Usage: bench-first-touch [MIB [PAUSE-SECONDS]] (defaults 100 and 12). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

/* Milliseconds to write one byte of each 4 KiB page of @size fresh bytes. */
static double
first_touch_ms (gsize    size,
                gboolean huge)
{
  char *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  gint64 started;
  double ms;

  if (p == MAP_FAILED)
    g_error ("mmap: %s", g_strerror (errno));
  /* Refused where the kernel has no huge pages: the figure is then 4 KiB's. */
  madvise (p, size, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  started = g_get_monotonic_time ();
  for (gsize i = 0; i < size; i += 4096)
    p[i] = 1;
  ms = (g_get_monotonic_time () - started) / 1e3;
  munmap (p, size);
  return ms;
}

static void
print_row (const char *label,
           gsize       size,
           gboolean    huge)
{
  double ms = first_touch_ms (size, huge);

  printf ("%-28s %-10s %8.1f ms  %6.2f GB/s\n", label, huge ? "huge" : "4 KiB", ms, size / (ms / 1e3) / 1e9);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  gsize mib = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 100;
  guint pause = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 12;
  gsize size = MAX (mib, 1) << 20;

  printf ("first write to %" G_GSIZE_FORMAT " MiB of fresh memory, a byte a page\n", mib);
  for (guint round = 0; round < 3; round++)
    {
      print_row ("back to back", size, TRUE);
      print_row ("back to back", size, FALSE);
    }
  for (guint round = 0; round < 2; round++)
    for (int huge = 1; huge >= 0; huge--)
      {
        char label[64];

        g_snprintf (label, sizeof label, "after %u s of idle", pause);
        sleep (pause);
        print_row (label, size, huge);
      }
  return 0;
}
