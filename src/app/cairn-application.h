/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_APPLICATION (cairn_application_get_type ())
G_DECLARE_FINAL_TYPE (CairnApplication, cairn_application, CAIRN, APPLICATION, AdwApplication)

CairnApplication *cairn_application_new (void);

/* The application's settings, or NULL when its schema is not installed or
 * has no @key (when @key is given): GSettings would abort. Run from a
 * build tree, build-aux/run points GSETTINGS_SCHEMA_DIR at it. */
GSettings        *cairn_application_settings (const char *key);

G_END_DECLS
