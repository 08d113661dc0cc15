/**
 * pdf.js's parser (its "worker" bundle), loaded into this thread as a library: importing it sets
 * `globalThis.pdfjsWorker`, from which pdf.js runs documents in the calling thread. The guard
 * keeps the bundle from taking over this worker's messages (see pdfjs-worker-guard.ts).
 */
import { releasePostMessage } from './pdfjs-worker-guard';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

releasePostMessage();
