/// <reference types="astro/client" />

declare module 'virtual:course-meta' {
	const meta: import('./stores/meta.ts').CourseMeta;
	export default meta;
}

interface ImportMetaEnv {
	/** True only in an LMS package build (scripts/package.ts sets COURSE_PACKAGE=1): see src/site/urls.ts. */
	readonly COURSE_PACKAGE?: boolean;
}
