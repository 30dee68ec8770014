/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cairn-cli-tune.h"

/* No transparent huge pages (glibc.malloc.hugetlb): see DECISIONS. */
#define MALLOC_TUNABLES "glibc.malloc.top_pad=67108864:" \
                        "glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432"

void
cairn_cli_tune_process (char **argv)
{
  if (g_getenv ("GLIBC_TUNABLES") != NULL || g_getenv ("CAIRN_MALLOC_AS_IS") != NULL)
    {
#ifdef __linux__
      /* Started again as /proc/self/exe, whose name top and ps show */
      prctl (PR_SET_NAME, "cairn-cli", 0, 0, 0);
#endif
      return;
    }
  /* Set in the new process too: it never comes back here. */
  g_setenv ("CAIRN_MALLOC_AS_IS", "1", TRUE);
  g_setenv ("GLIBC_TUNABLES", MALLOC_TUNABLES, TRUE);
  execv ("/proc/self/exe", argv);
  g_unsetenv ("GLIBC_TUNABLES");
}
