/**
 * No content collections. The course is loaded and validated once when the build starts
 * (src/build/integrations/course-content.ts) and pages read that same course as one tree
 * (src/site/content.ts, src/build/tree.ts), the tree the client's facts are built from too.
 * Collections made a second route, validated again and re-nested with casts, whose order
 * differed from the client's (issue 17).
 */
export const collections = {};
