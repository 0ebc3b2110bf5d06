/**
 * The inline script of ./launch-capture.ts, as text for src/layouts/Base.astro. Its SHA-256 is
 * added to the CSP's script-src by astro.config.mjs, which imports the same string, so the two
 * cannot drift apart. Build-time only: client bundles never import this module.
 *
 * ES5 on purpose (it runs before anything else, in any browser). Where sessionStorage is not
 * available (storage blocked), the launch cannot be kept, but it still leaves the address bar.
 */
import { LAUNCH_PARAMS, LAUNCH_RAW_KEY } from './launch-capture.ts';

export const LAUNCH_CAPTURE_SCRIPT = `(function(){var q=new URLSearchParams(location.search),o={},n=0;${JSON.stringify(LAUNCH_PARAMS.join(' '))}.split(' ').forEach(function(k){q.has(k)&&(o[k]=q.get(k),q.delete(k),n=1)});if(n){try{sessionStorage.setItem(${JSON.stringify(LAUNCH_RAW_KEY)},JSON.stringify(o))}catch(e){}q=''+q;history.replaceState(history.state,'',location.pathname+(q&&'?'+q)+location.hash)}})();`;
