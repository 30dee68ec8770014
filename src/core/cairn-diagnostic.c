/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdarg.h>
#include <glib/gi18n-lib.h>

#include "cairn-diagnostic.h"
#include "cairn-json.h"

CairnDiagnostic *
cairn_diagnostic_new (CairnSeverity  severity,
                      const char    *file,
                      guint          line,
                      guint          column,
                      const char    *node_id,
                      const char    *code,
                      const char    *format,
                      ...)
{
  CairnDiagnostic *self = g_new0 (CairnDiagnostic, 1);
  va_list args;

  self->severity = severity;
  self->file = g_strdup (file);
  self->line = line;
  self->column = column;
  self->node_id = g_strdup (node_id);
  self->code = g_strdup (code);
  va_start (args, format);
  self->message = g_strdup_vprintf (format, args);
  va_end (args);
  return self;
}

void
cairn_diagnostic_free (CairnDiagnostic *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->node_id);
  g_free (self->code);
  g_free (self->message);
  g_free (self);
}

char *
cairn_diagnostic_format (const CairnDiagnostic *self)
{
  GString *out = g_string_new (NULL);

  g_string_append (out, self->file ? self->file : "<journey>");
  if (self->line > 0)
    g_string_append_printf (out, ":%u:%u", self->line, self->column);
  g_string_append (out, self->severity == CAIRN_SEVERITY_ERROR ? ": error: " : ": warning: ");
  if (self->node_id != NULL)
    g_string_append_printf (out, _("node \"%s\": "), self->node_id);
  g_string_append (out, self->message);
  return g_string_free (out, FALSE);
}

void
cairn_diagnostic_append_json (const CairnDiagnostic *self,
                              GString               *out)
{
  g_string_append (out, "{\"severity\":");
  g_string_append (out, self->severity == CAIRN_SEVERITY_ERROR ? "\"error\"" : "\"warning\"");
  g_string_append (out, ",\"file\":");
  if (self->file)
    cairn_json_append_string (out, self->file);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"line\":%u,\"column\":%u,\"node\":", self->line, self->column);
  if (self->node_id)
    cairn_json_append_string (out, self->node_id);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"code\":");
  cairn_json_append_string (out, self->code ? self->code : "");
  g_string_append (out, ",\"message\":");
  cairn_json_append_string (out, self->message);
  g_string_append_c (out, '}');
}
