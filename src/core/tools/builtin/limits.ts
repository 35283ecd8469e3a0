/** Size limits of the file tools: big enough for source files, small enough to keep a model's context sane. */
export const FILE_LIMITS = {
  readBytes: 256 * 1024,
  writeBytes: 5 * 1024 * 1024,
  listEntries: 1000,
  globMatches: 1000,
  grepMatches: 200,
  grepFileBytes: 1024 * 1024,
  grepLineChars: 2000,
} as const;
