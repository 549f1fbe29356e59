// Entry of the language server process (bundled as dist/server.js). The transport comes from the command line
// the client uses (`--node-ipc`, `--stdio`, `--socket=N`), so plain node tests can drive the same file.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { tuneJit } from '../core/util/jit';

tuneJit(); // the index is built in this process (and its worker threads, which share V8's flags)

startServer(createConnection(ProposedFeatures.all), __dirname);
