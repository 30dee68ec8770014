/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CAIRN_SEVERITY_ERROR,
  CAIRN_SEVERITY_WARNING,
} CairnSeverity;

typedef struct
{
  CairnSeverity  severity;
  char          *file;      /* may be NULL */
  guint          line;      /* 0 when unknown */
  guint          column;
  char          *node_id;   /* may be NULL */
  char          *code;      /* stable, e.g. "unknown-node-type" */
  char          *message;   /* translated, without the "node ..." prefix */
} CairnDiagnostic;

CairnDiagnostic *cairn_diagnostic_new    (CairnSeverity          severity,
                                          const char            *file,
                                          guint                  line,
                                          guint                  column,
                                          const char            *node_id,
                                          const char            *code,
                                          const char            *format,
                                          ...) G_GNUC_PRINTF (7, 8);
void             cairn_diagnostic_free   (CairnDiagnostic       *diagnostic);
/* `file.json:12:5: error: node "w1": message` (like a compiler). */
char            *cairn_diagnostic_format (const CairnDiagnostic *diagnostic);
/* {"severity","file","line","column","node","code","message"} */
void             cairn_diagnostic_append_json (const CairnDiagnostic *diagnostic,
                                               GString               *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnDiagnostic, cairn_diagnostic_free)

G_END_DECLS
