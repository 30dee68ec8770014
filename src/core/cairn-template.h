/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The Mustache subset of DESIGN §4 and §12 M1–M4. */
typedef struct _CairnTemplate CairnTemplate;

/* What names resolve against (M4). Any pointer may be NULL. */
typedef struct
{
  const char *user_id;      /* user.id */
  JsonObject *attributes;   /* user.<attribute> */
  JsonObject *event;        /* event.<param>: the entry event's params */
  JsonArray  *products;     /* products: catalog product objects */
  const char *event_text;   /* when event is NULL: a replayed event's params,
                               still JSON text, read member by member */
} CairnTemplateContext;

/* An unclosed or mismatched section is a CAIRN_ERROR_INVALID error. */
CairnTemplate *cairn_template_parse        (const char                 *text,
                                            GError                    **error);
void           cairn_template_free         (CairnTemplate              *tmpl);
/* @escape_html: M1, only for the body of message.email. */
char          *cairn_template_render       (CairnTemplate              *tmpl,
                                            const CairnTemplateContext *context,
                                            gboolean                    escape_html);
/* The same, appended to @out. */
void           cairn_template_render_into  (CairnTemplate              *tmpl,
                                            const CairnTemplateContext *context,
                                            gboolean                    escape_html,
                                            GString                    *out);
/* Parses and renders; an unparsable template renders as its text. */
char          *cairn_template_render_text  (const char                 *text,
                                            const CairnTemplateContext *context,
                                            gboolean                    escape_html);
/* Calls @func with each name the template looks up at top level or inside
 * sections, with the enclosing section names (innermost last), so the
 * validator can warn about names that cannot exist. */
typedef void (*CairnTemplateNameFunc) (const char         *name,
                                       const char * const *sections,
                                       gpointer            user_data);
void           cairn_template_foreach_name (CairnTemplate              *tmpl,
                                            CairnTemplateNameFunc       func,
                                            gpointer                    user_data);
/* Whether a name reported by cairn_template_foreach_name() can ever give a
 * value (M4): at top level only `user.*`, `event.*` and `products` can;
 * inside a section the pushed value may hold any name, so everything can.
 * For the validator's "a template name that cannot exist" warning. */
gboolean       cairn_template_name_can_exist (const char                 *name,
                                              const char * const         *sections);
/* M2: shortest round-trip decimal without exponent or trailing ".0";
 * booleans as true/false; null, arrays and objects as "". */
void           cairn_template_append_value (GString                    *out,
                                            JsonNode                   *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnTemplate, cairn_template_free)

G_END_DECLS
