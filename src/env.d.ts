/// <reference types="astro/client" />

declare module 'virtual:course-meta' {
	const meta: import('./stores/meta.ts').CourseMeta;
	export default meta;
}
