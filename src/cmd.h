/* cmd.h -- the commands of `sitrep <command>`, one function each, called by
 * main.c with the parsed command line.  Each returns the exit status
 * (CLI_EXIT_*, cli.h).  They are the command-line layer: they print data on
 * stdout and problems on stderr; the stages they call print nothing.
 *   cmd_code.c   code, mentions, actors, read, eval: documents in, records out
 *   cmd_store.c  ingest, watch, enqueue, worker: documents into the store
 *   cmd_query.c  events, timeline, network, docs, export, serve: the store out
 */
#ifndef SITREP_CMD_H
#define SITREP_CMD_H

#include "cli.h"

int cmd_code(const cli_options *o);
int cmd_mentions(const cli_options *o);
int cmd_actors(const cli_options *o);
int cmd_read(const cli_options *o);
int cmd_eval(const cli_options *o);

int cmd_ingest(const cli_options *o);
int cmd_watch(const cli_options *o);
int cmd_enqueue(const cli_options *o);
int cmd_worker(const cli_options *o);

int cmd_events(const cli_options *o);
int cmd_timeline(const cli_options *o);
int cmd_network(const cli_options *o);
int cmd_docs(const cli_options *o);
int cmd_export(const cli_options *o);
int cmd_serve(const cli_options *o);

#endif
