// The app shell: filled in with the records and offline work.
export {};
