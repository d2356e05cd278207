// Package files is the host of every file-based collector: one walk over
// the request's paths, one reader, one redactor and one artifact record,
// shared by the analyzers that read each format.
//
// The walk (Collect) skips version-control, dependency and cache folders and
// Tollgate's own evidence bundles, applies the include and exclude globs,
// and reads each candidate once, up to the size limit, refusing binary
// files. It reads only inside what it was asked to scan: a symbolic link
// whose target lies outside the scan root (or the named folder, the home
// directory for per-user places) is reported and never followed, and only
// regular files are opened, without blocking. A file that cannot be read,
// and a folder that cannot be listed, becomes a source subject with a
// status (too-large, binary, empty, unreadable, not-regular, symlink-loop,
// symlink-outside-root) rather than an error, so nothing is skipped
// silently.
//
// An Analyzer reads one format. Match says, from the path alone, how
// strongly a file points at it (Strong: the format's own file name; Weak: a
// generic name the format uses; Content: a syntax it reads). Analyze turns
// the File into a source subject plus the subjects the file declares, using
// the shared parsers (File.Parse, File.ParseYAMLStream; positions and spans
// come from package postree) and handing every secret it meets to the file
// (File.Secret, File.Redactor). The stored copy of the file is redacted
// with those secrets and with what a lexical scan finds, so a secret in a
// comment or in a file that does not parse is removed too.
//
// The order of the analyzers is the caller's (collectors.Analyzers keeps the
// registry): it decides which format a file is when several could read it.
package files
