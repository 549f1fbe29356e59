// Entry of the language server process (bundled as dist/server.js). The transport comes from the command line
// the client uses (`--node-ipc`, `--stdio`, `--socket=N`), so plain node tests can drive the same file.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all), __dirname);
