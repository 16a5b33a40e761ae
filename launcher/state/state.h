/* state.h: the state library in one include, for code that uses most of it. Each part has
 * its own header, by concern:
 *   state/image.h   an image's bytes, header info, format versions, error codes
 *   state/schema.h  the schema checked once (StateLayout), state memory and defaults
 *   state/encode.h  state memory -> portable image
 *   state/copy.h    raw copies of the state memory (the in-process rollback snapshot)
 *   state/decode.h  image -> state memory by the current schema, with the report
 *   state/query.h   a value of an image by path (the migrate hook)
 *   state/file.h    images as files
 *   state/handles.h asset handles saved by their path (the host's resolver)
 *   state/json.h    an image as JSON
 *   state/text.h    the live state as inspector lines
 * Internal to state/: convert.h (scalars), cursor.h (msgpack reading), format.h (headers,
 * one reader per format version). */
#ifndef HOTRUN_STATE_H
#define HOTRUN_STATE_H

#include "state/copy.h"
#include "state/decode.h"
#include "state/encode.h"
#include "state/file.h"
#include "state/handles.h"
#include "state/image.h"
#include "state/json.h"
#include "state/query.h"
#include "state/schema.h"
#include "state/text.h"

#endif
