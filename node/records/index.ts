/** Run records on disk: paths, atomic write, lock, git, and the read-decide-write cycle. */
export * from './paths';
export * from './errors';
export * from './atomicWrite';
export * from './lock';
export * from './git';
export * from './store';
