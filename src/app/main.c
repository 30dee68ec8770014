/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CairnApplication) app = NULL;

  /* CAIRN_LOCALEDIR points at a build tree's translations (build-aux/run). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAIRN_LOCALEDIR") ? g_getenv ("CAIRN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cairn_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
