import * as w from '@mlc-ai/web-llm';
const want = /SmolLM2|Qwen2\.5-(0\.5|1\.5)B-Instruct|Llama-3\.2-1B-Instruct|Phi-3\.5-mini|gemma-2-2b-it/;
for (const r of w.prebuiltAppConfig.model_list) if (want.test(r.model_id)) console.log(JSON.stringify(r));
console.log(Object.keys(w).join(' '));
