/** The BroadcastChannel on which "Forget me" tells every open tab of the course (./erase.ts, ./records.ts). */
export const ERASE_CHANNEL = 'policy-course:erase';
