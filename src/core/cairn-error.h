/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAIRN_ERROR (cairn_error_quark ())

/* Maps onto the command line's exit codes: INVALID → 1, the rest → 2. */
typedef enum
{
  CAIRN_ERROR_IO,        /* a file cannot be read or written */
  CAIRN_ERROR_PARSE,     /* malformed JSON, a bad log line */
  CAIRN_ERROR_INVALID,   /* well-formed, but not a valid document */
  CAIRN_ERROR_USAGE,
  CAIRN_ERROR_FAILED,
  CAIRN_ERROR_CANCELLED,
} CairnErrorCode;

GQuark cairn_error_quark (void);

G_END_DECLS
